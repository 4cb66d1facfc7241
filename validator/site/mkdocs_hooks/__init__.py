"""MkDocs hooks (thin adapters: the work is done by plain, separately tested functions)."""
