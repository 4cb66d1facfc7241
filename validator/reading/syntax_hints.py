"""Where a YAML syntax error was made, and what to write instead, for the slips of writing a
report on a phone that libyaml notices somewhere else, or names only in its own English.

- A line without `:` where a field was expected: a text broken onto a new line, a colon left
  out, a Chinese field name with a full-width colon. libyaml notices on the next line; the line
  is the one it began to read as a field name (the error's context mark), or, for the first
  field of a mapping, where the text it read through to the next line's colon began.
- A field indented deeper than the one before it, which then reads as that field's text going
  on: libyaml balks at its colon and suggests quoting a colon in a text.
- A quote left open: libyaml notices at the end of the file; the quote is where it began.
  Text typed after the empty quotes `validator new` writes (`summary: ""本周…`) goes inside them.
- A text that starts with a character YAML reserves (`"本周"在…`, `[重要]…`, `*…`, `@…`, `!…`,
  `|…`, `%…`, `- …`): the whole text is to be put in quotes, and the message shows it quoted;
  `plan: - 跟进` is also told that a list item goes on a line of its own.

The loader asks here after `ime.near_error` found no input-method character; None leaves
libyaml's own message.
"""

from __future__ import annotations

import re

import yaml

from validator.core.diagnostics import Diagnostic, Point, diag

#: what comes before a value on its line: indentation, list dashes and a field name with `: `
_LEAD = re.compile(r"[ ]*(?:-[ ]+)*(?:[A-Za-z_][A-Za-z0-9_-]*[ ]*:[ ]+)?")
#: the characters that may not start a plain (unquoted) text
_RESERVED = "\"'[{*&!|>%@`"
_CLOSING = {"[": "]", "{": "}"}
_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
#: a field name as the formats spell them, and the rest of its line
_NAME = re.compile(r"[ ]*(?:-[ ]+)*([a-z_][a-z0-9_]*)[ ]+(\S.*)")
#: a line that starts with a field name (after its indentation and list dashes) and its colon
_FIELD = re.compile(r"((?:[ ]*-)*[ ]*)([A-Za-z_][A-Za-z0-9_-]*)[ ]*:")
_SHOWN = 20  # characters of a text quoted back in a message


def hint(text: str, exc: yaml.MarkedYAMLError, path: str) -> Diagnostic | None:
    """The message for the slip behind `exc`, if it is one of those above."""
    lines = text.splitlines()
    marks = [m for m in (exc.context_mark, exc.problem_mark) if m is not None]
    for mark in marks:
        found = _reserved_start(lines, mark, exc, path)
        if found is not None:
            return found
    context = exc.context_mark
    if exc.context == "while scanning a simple key" and context is not None:
        return _no_colon(lines, context.line, context.column, path)
    problem = exc.problem_mark
    if (exc.problem or "").startswith("mapping values are not allowed") and problem is not None:
        return _first_field_without_colon(text, lines, problem, path) or _indented_field(
            lines, problem.line, problem.column, path
        )
    return None


def _first_field_without_colon(
    text: str, lines: list[str], problem: yaml.Mark, path: str
) -> Diagnostic | None:
    """The first field of a mapping without its colon: `staff li-ming` then `week: 2026-W47`,
    or `- date 2026-11-17` then `description: …`. libyaml reads both lines as one text,
    `staff li-ming week`, and balks at the colon on the second line (its words suggest quoting a
    colon in a text); the colon is missing where that text began, at the start of its line."""
    scalar = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.ScalarToken):
                scalar = token
    except yaml.YAMLError:
        pass
    if scalar is None or not scalar.plain:
        return None
    start, end = scalar.start_mark, scalar.end_mark
    if end.line != problem.line or start.line >= problem.line:
        return None
    content = _line(lines, start.line)
    lead = _LEAD.match(content)
    assert lead is not None  # the pattern matches the empty string
    if lead.end() != start.column or _NAME.fullmatch(content) is None:
        return None  # a text going on after a field's colon: not a field name
    return _no_colon(lines, start.line, start.column, path)


def _indented_field(lines: list[str], index: int, column: int, path: str) -> Diagnostic | None:
    """A field indented deeper than the field before it, whose value it then seems to go on:
    `week: 2026-W47` then ` summary: …` reads as the text `2026-W47 summary`, and libyaml
    balks at the colon (its own words suggest quoting a colon in a text, which is not it)."""
    field = _FIELD.match(_line(lines, index))
    if field is None or field.end() - 1 != column:
        return None  # a colon inside a text: libyaml's message says to quote it
    before = next(
        (
            line
            for line in reversed(lines[:index])
            if line.strip() and not line.lstrip().startswith("#")
        ),
        "",
    )
    above = _FIELD.match(before)
    if (
        above is None
        or not before[above.end() :].strip()
        or len(above.group(1)) >= len(field.group(1))
    ):
        return None
    return diag(
        path,
        "yaml-syntax",
        "yaml-indented-field",
        at=Point(index + 1, len(field.group(1)) + 1),
        key=field.group(2),
    )


def _line(lines: list[str], index: int) -> str:
    return lines[index] if 0 <= index < len(lines) else ""


def _reserved_start(
    lines: list[str], mark: yaml.Mark, exc: yaml.MarkedYAMLError, path: str
) -> Diagnostic | None:
    """A value on the line of `mark` that starts with a reserved character and is to blame."""
    content = _line(lines, mark.line)
    lead = _LEAD.match(content)
    assert lead is not None  # the pattern matches the empty string
    start = lead.end()
    value = content[start:].rstrip()
    if not value or (value[0] not in _RESERVED and not value.startswith("- ")):
        return None
    first = value[0]
    at = Point(mark.line + 1, start + 1)
    fix = content[lead.start() : start].lstrip() + _quoted(value)
    if first in "\"'":
        close = _quote_end(value)
        if close is None:  # open to the end of the file: the quote is where it began
            if exc.problem == "found unexpected end of stream" and mark is exc.context_mark:
                return diag(path, "yaml-syntax", "yaml-quote-open", at=at, quote=first)
            return None
        after = value[close + 1 :].strip()
        if not after or after.startswith("#"):
            return None  # a quoted text, whole: the error is elsewhere
        if close == 1:  # `summary: ""本周…`: typed after the "" that `validator new` writes
            fix = content[lead.start() : start].lstrip() + _quoted(after)
            return diag(
                path, "yaml-syntax", "yaml-text-after-quotes", at=at, quotes=value[:2], fix=fix
            )
        if not _CJK.search(value):
            return None  # `"2026-W47"x`: not a Chinese text
    elif first in _CLOSING:
        close = value.find(_CLOSING[first])
        after = value[close + 1 :].strip() if close >= 0 else ""
        if not after or after[0] in "#,:]}" or not _CJK.search(value):
            return None  # a list or mapping (perhaps one left open): libyaml's message
    elif mark.column not in (start, start + 1):
        return None
    elif first == "-":  # `plan: - 跟进`: a list item on its field's line, or a text
        key = _FIELD.match(content)
        if key is not None and content[key.end() :].strip() == value:
            return diag(
                path, "yaml-syntax", "yaml-dash-after-key", at=at, key=key.group(2), fix=fix
            )
    return diag(
        path,
        "yaml-syntax",
        "yaml-reserved-start",
        at=at,
        char=value[:2] if first == "-" else first,
        fix=fix,
    )


def _quote_end(value: str) -> int | None:
    """The index of the quote that closes the one `value` starts with, on the same line."""
    quote = value[0]
    i = 1
    while i < len(value):
        ch = value[i]
        if quote == '"' and ch == "\\":
            i += 2
            continue
        if ch == quote:
            if quote == "'" and value[i + 1 : i + 2] == "'":  # '' inside '...'
                i += 2
                continue
            return i
        i += 1
    return None


def _quoted(value: str) -> str:
    """`value` as one quoted YAML text, cut short for the message."""
    shown = _cut(value)
    if '"' in shown or "\\" in shown:
        return "'" + shown.replace("'", "''") + "'"
    return '"' + shown + '"'


def _cut(text: str) -> str:
    """`text` cut short for a message, the cut marked."""
    return text if len(text) <= _SHOWN else text[:_SHOWN] + "…"


def _no_colon(lines: list[str], index: int, column: int, path: str) -> Diagnostic:
    """The line libyaml began to read as a field name has no `:` on it."""
    content = _line(lines, index)
    colon = content.find("：", column)
    if colon >= 0:  # `小结：本周…` (a Chinese field name) or `备注：…` (a text broken in two)
        return diag(path, "yaml-syntax", "yaml-no-colon-ime", at=Point(index + 1, colon + 1))
    at = Point(index + 1, column + 1)
    named = _NAME.fullmatch(content)
    if named is not None:  # `summary 本周…`
        rest = _cut(named.group(2))
        return diag(path, "yaml-syntax", "yaml-no-colon-key", at=at, key=named.group(1), rest=rest)
    return diag(path, "yaml-syntax", "yaml-no-colon", at=at)
