"""Diagnostics are data: every problem the checker finds is one frozen value.

The core never prints and never raises on bad input; it returns diagnostics. Messages are kept as
a catalog key plus arguments and rendered in the reader's language only when formatted.

A rule check yields `Finding`s, which say what and where but not which rule: the registrar that
runs it (`validator.rules.base`) stamps the rule's id and severity, so each id is set once. Code
that detects problems outside the rule checks (reading a file, the layout of `submissions/`, the
pull-request facts) names its rule with `diag`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from validator.core.messages import render


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


class At(Protocol):
    """A 1-based place in a file (a YAML `Mark`, or a `Point`)."""

    @property
    def line(self) -> int: ...

    @property
    def column(self) -> int | None: ...


@dataclass(frozen=True)
class Point:
    """A 1-based line and column found without a YAML document (a byte offset, a git line)."""

    line: int
    column: int | None


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


@dataclass(frozen=True)
class Finding:
    """What a rule check found, before its registrar stamps the rule id and severity."""

    path: str
    key: str
    at: At | None = None
    severity: Severity | None = None  # None: the rule's registered severity
    args: tuple[tuple[str, Any], ...] = ()

    def stamp(self, rule: str, severity: Severity) -> Diagnostic:
        line, column = (self.at.line, self.at.column) if self.at is not None else (None, None)
        return Diagnostic(
            self.path, line, column, rule, self.severity or severity, self.key, self.args
        )


def finding(
    path: str, key: str, /, *, at: At | None = None, severity: Severity | None = None, **args: Any
) -> Finding:
    """A rule check's finding: message `key` with its arguments, at `at`."""
    return Finding(path, key, at, severity, tuple(sorted(args.items())))


def diag(
    path: str,
    rule: str,
    key: str,
    /,
    *,
    at: At | None = None,
    severity: Severity = Severity.ERROR,
    **args: Any,
) -> Diagnostic:
    """A diagnostic of `rule` found outside the rule checks (all of those rules are errors;
    a test holds each to its registered severity)."""
    return finding(path, key, at=at, **args).stamp(rule, severity)


def ordered(found: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Findings as every output shows them: each once, sorted by place (stable)."""
    return sorted(dict.fromkeys(found), key=Diagnostic.sort_key)
