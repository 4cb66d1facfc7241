"""Which data a site build renders (docs/guide/adopt.md), read in one place for every caller.

`--repo`, else `$VALIDATOR_REPO`, else the repository that holds mkdocs.yml (or the current
directory); the audience from `--audience`, else `$VALIDATOR_AUDIENCE`, else public. An unknown
audience is a usage error everywhere, never silently public or internal. ("Now" is
`validator.core.timeutil.resolve_now`.)
"""

from __future__ import annotations

import os
from pathlib import Path

from validator.core.errors import UsageError

PUBLIC, INTERNAL = "public", "internal"
AUDIENCES = (PUBLIC, INTERNAL)


def site_repo(option: Path | str | None = None, config_file: str | None = None) -> Path:
    """The repository whose data the site shows."""
    value = option or os.environ.get("VALIDATOR_REPO")
    if value:
        return Path(value)
    return Path(config_file).resolve().parent if config_file else Path()


def site_audience(option: str | None = None) -> str:
    """`public` or `internal`; UsageError for anything else."""
    value = option or os.environ.get("VALIDATOR_AUDIENCE") or PUBLIC
    if value not in AUDIENCES:
        raise UsageError(f"未知的受众 {value!r}:请用 public 或 internal / unknown audience")
    return value
