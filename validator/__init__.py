"""Field-staff reports kept in Git: models, checks, status and the handbook site."""

__version__ = "0.1.0"
