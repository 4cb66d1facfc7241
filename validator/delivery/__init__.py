"""Delivery: getting digests and reminders to people (docs/formats/org.md#notify).

Above `features` (which renders what to say) and below the CLI: `mail` and `robots` are the
transports, `ledger` remembers what was sent so that a re-run sends nothing twice, and
`dispatch` ties them together, reporting each channel's outcome instead of stopping at the
first failure.
"""
