"""`validator doctor`: what an administrator checks before going live and after each change.

Each check is a small function from the repository's facts to findings; every finding carries the
fix. Nothing is sent, no secret is read beyond "is the variable set", and nothing is printed: the
CLI renders the findings. The public-pages scan needs the site generator, a layer above this one,
so the caller passes a renderer in (`render_public`).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from validator.features.doctor.ci import codeowners, squash, workflows
from validator.features.doctor.data import channels, history, org_files, policy
from validator.features.doctor.facts import (
    ERROR,
    NOTE,
    WARNING,
    Facts,
    Finding,
    PageRenderer,
    Report,
    gather,
)
from validator.features.doctor.site import public_pages, schemas, site

__all__ = ["ERROR", "NOTE", "WARNING", "Finding", "PageRenderer", "Report", "diagnose"]


def diagnose(
    root: Path,
    now: dt.datetime,
    *,
    render_public: PageRenderer | None = None,
    env: Mapping[str, str] | None = None,
) -> Report:
    """Run every check on the repository at `root`."""
    facts = gather(root, now, os.environ if env is None else env)
    report = Report()
    for run in CHECKS:
        report.findings.extend(run(facts))
    if render_public is not None:
        report.findings.extend(public_pages(facts, render_public))
    return report


CHECKS: tuple[Callable[[Facts], Iterator[Finding]], ...] = (
    workflows,
    codeowners,
    org_files,
    policy,
    channels,
    history,
    site,
    schemas,
    squash,
)
