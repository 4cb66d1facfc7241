"""Field-staff reports kept in Git: models, checks, status and the handbook site.

Subpackages are layers, top to bottom: cli, demo, site, handbook, delivery, features, checking,
rules, repo, kinds, models, reading, core (docs/contributing.md; import-linter keeps them so).

Citations in docstrings: **JP** is the customer-service department's rules for dispatched
staff (docs/regulations/customer-service.md), **SEC** the security company's rules for
dispatched units (docs/regulations/security.md); e.g. JP 三(一)3 is the weekly-report article.
"""

__version__ = "0.1.0"
