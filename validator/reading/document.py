"""A loaded YAML document: plain Python data plus where every value and key was written."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MAX_DEPTH = 64  # deepest nesting a document may have

Loc = tuple[str | int, ...]

#: line, column (1-based) and scalar source text: stored as plain tuples, since a large
#: repository holds a million of them, and turned into a `Mark` only when a message needs one.
Position = tuple[int, int, str | None]


@dataclass(frozen=True)
class Mark:
    """A 1-based position plus the scalar's source text (for messages about YAML 1.1 traps)."""

    line: int
    column: int
    source: str | None = None


@dataclass
class Document:
    """Plain Python data plus the position of every value and key."""

    path: str
    data: Any
    values: dict[Loc, Position] = field(default_factory=dict)
    keys: dict[Loc, Position] = field(default_factory=dict)

    def mark(self, loc: Loc, *, key: bool = False) -> Mark | None:
        """Position of the value at `loc` (or of its key), falling back to the nearest parent."""
        if key and loc in self.keys:
            return Mark(*self.keys[loc])
        while True:
            if loc in self.values:
                return Mark(*self.values[loc])
            if not loc:
                return None
            loc = loc[:-1]
