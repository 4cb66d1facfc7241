"""Diagnostics are data: every problem the checker finds is one frozen value.

The core never prints and never raises on bad input; it returns diagnostics. Messages are kept as
a catalog key plus arguments and rendered in the reader's language only when formatted.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from validator.core.messages import render

if TYPE_CHECKING:
    from validator.reading.loader import Mark


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    """One finding, pointing at a file and (when known) a 1-based line and column."""

    path: str
    line: int | None
    column: int | None
    rule: str
    severity: Severity
    key: str
    args: tuple[tuple[str, Any], ...] = ()

    def message(self, lang: str = "zh") -> str:
        """The human message in `lang` (`zh` or `en`)."""
        return render(self.key, lang, dict(self.args))

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order by place; a finding without a line comes first in its file. Sorting is stable,
        so findings at one place keep the order they were found in."""
        return (self.path, self.line or 0, self.column or 0, self.rule)


def ordered(found: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Findings as every output shows them: each once, sorted by place (stable)."""
    return sorted(dict.fromkeys(found), key=Diagnostic.sort_key)


def diag(
    path: str,
    rule: str,
    key: str,
    /,
    *,
    at: Mark | None = None,
    line: int | None = None,
    column: int | None = None,
    severity: Severity | None = None,
    **args: Any,
) -> Diagnostic:
    """Build a diagnostic; severity defaults to the rule's registered severity."""
    from validator.rules.registry import REGISTRY

    sev = severity if severity is not None else REGISTRY[rule].severity
    if at is not None:
        line, column = at.line, at.column
    return Diagnostic(path, line, column, rule, sev, key, tuple(sorted(args.items())))
