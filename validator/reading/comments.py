"""Text cut short by a comment (rule `comment-in-text`).

In YAML, `#` after a space starts a comment that runs to the end of the line, also inside a
plain (unquoted) text: `summary: 走访 #3 号站` keeps only 走访, and the rest is lost without a
word. Comments after ids, dates and numbers are common (`validator new` writes some) and
harmless, so only a plain text holding non-ASCII characters is looked at: that is written prose.
A value that starts with `#` (`summary: #3号站`) is all comment: the field is empty, and the
writer is told why. `validator new` puts its comments three spaces after a value, so a comment
one space after an empty value is taken for a text that lost its start.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import yaml

from validator.core.diagnostics import Diagnostic, Point, Severity, diag

_COMMENT = re.compile(r"[ \t]+#([^\n]*)")
_WHOLE = re.compile(r" #(\S[^\n]*)")  # an empty value, then one space and a `#` text


def cut_by_comments(node: yaml.Node, text: str, relpath: str) -> list[Diagnostic]:
    """A warning for each plain text that a comment on its line cut short."""
    found = []
    for scalar in _plain_texts(node):
        end = scalar.end_mark
        if not scalar.value:
            whole = _WHOLE.match(text, end.index)
            if whole is not None and not whole[1].isascii():
                found.append(_all_comment(relpath, end, whole))
            continue
        comment = _COMMENT.match(text, end.index)
        if comment is None:
            continue
        value, rest = scalar.value, comment[1].strip()
        column = end.column + comment.start(1) - end.index  # 1-based, at the `#`
        found.append(
            diag(
                relpath,
                "comment-in-text",
                "comment-in-text",
                at=Point(end.line + 1, column),
                severity=Severity.WARNING,
                comment=rest,
                value=value,
                whole=f"{value} {comment[0].strip()}",
            )
        )
    return found


def _all_comment(relpath: str, end: yaml.Mark, whole: re.Match[str]) -> Diagnostic:
    column = end.column + whole.start(1) - end.index  # 1-based, at the `#`
    text = whole[0].strip()
    return diag(
        relpath,
        "comment-in-text",
        "comment-as-text",
        at=Point(end.line + 1, column),
        severity=Severity.WARNING,
        comment=whole[1].strip(),
        whole=text,
    )


def _plain_texts(node: yaml.Node) -> Iterator[yaml.ScalarNode]:
    pending = [node]
    while pending:
        current = pending.pop()
        if isinstance(current, yaml.ScalarNode):
            if not current.style and (not current.value or not current.value.isascii()):
                yield current  # plain (style None, or "" from libyaml): prose, or empty
        elif isinstance(current, yaml.SequenceNode):
            pending.extend(current.value)
        elif isinstance(current, yaml.MappingNode):
            pending.extend(value for _, value in current.value)
