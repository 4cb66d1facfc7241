"""A fast path for the plain block-style YAML that nearly every report is written in.

libyaml parses fast, but turning its nodes into positioned Python data costs a Python call per
node, and a year of a national company's reports is half a million nodes. Reports are written in a
narrow style: `key: value` lines, `- ` items, one-line `[a, b]` and `{k: v}`, simple quotes,
comments on their own lines. This module reads exactly that style, line by line, and gives up
(returns None) at anything else: tabs, CR, anchors, tags, block scalars, multi-line scalars,
trailing comments, escapes, empty items, unusual keys, duplicate keys. `loader.load_text` then
takes the full libyaml path, which also owns every error message.

What this module returns must be identical to what the libyaml path returns for the same text
(data, types, every position); `tests/test_blockyaml.py` checks that on the corpus, on every
demo report and on generated near-YAML.
"""

from __future__ import annotations

import re
from typing import Any

from validator.reading.document import MAX_DEPTH, Document, Loc, Position
from validator.reading.scalars import MISSING, PLAIN_VALUES, plain_scalar

#: characters outside YAML's printable set, line breaks other than LF (CR, NEL, LS, PS), tabs
#: and a BOM inside the text: all are legal somewhere in YAML, none is handled here
_UNHANDLED_TEXT = re.compile(
    "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
#: `key:` then spaces and the rest of the line, or the end of the line; libyaml allows a plain
#: key of at most 1,024 characters
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]{0,1023}):(?:( +)(.*))?$")
#: characters that cannot start a plain scalar (YAML indicators) or are not handled at its start
_NOT_FIRST = frozenset("-?:,[]{}#&*!|>'\"%@`")
#: characters not handled inside a flow collection's items
_NOT_IN_FLOW = re.compile(r"[\[\]{}:#'\"]")


class _Unhandled(Exception):
    """Something outside the handled style: the caller takes the libyaml path."""


Line = tuple[int, int, str]  # 1-based line number, indentation, content without the indentation
_END: Line = (0, -1, "")  # after the last line: less indented than anything, so every block ends
_DEEPEST = MAX_DEPTH - 2  # collections nested deeper are left to libyaml's path (`too-deep`)


def load_block(text: str, path: str, *, positions: bool = True) -> Document | None:
    """The positioned document for `text`, or None when `text` is not in the handled style.

    Without `positions` the document holds the data only, a third faster: a caller that needs a
    position for a message reads the text again (`report_cache.LazyDocument`)."""
    if _UNHANDLED_TEXT.search(text):
        return None
    lines: list[Line] = []
    for number, raw in enumerate(text.split("\n"), 1):
        content = raw.lstrip(" ")
        if not content or content[0] == "#":
            continue  # blank lines and whole-line comments
        indent = len(raw) - len(content)
        if indent == 0 and content[:3] in ("---", "..."):
            return None  # document markers
        lines.append((number, indent, content.rstrip(" ")))
    document = Document(path, None)
    if not lines:
        return document  # no document at all, as libyaml sees it
    lines.append(_END)
    reader = _Reader(lines, document.values, document.keys, positions)
    try:
        document.data = reader.block((), 0)
    except _Unhandled:
        return None
    return document if lines[reader.pos] is _END else None


class _Reader:
    """Reads block collections from pre-split lines, recording positions as libyaml marks them
    (1-based line and column of a scalar's first character, of a mapping's first key, of a
    sequence's first dash, of a flow collection's bracket; an empty value sits after its colon).
    Unless `positioned`, nothing is recorded and `loc` stays empty."""

    __slots__ = ("keys", "lines", "pos", "positioned", "values")

    def __init__(
        self,
        lines: list[Line],
        values: dict[Loc, Position],
        keys: dict[Loc, Position],
        positioned: bool,
    ) -> None:
        self.lines, self.pos, self.values, self.keys = lines, 0, values, keys
        self.positioned = positioned

    def block(self, loc: Loc, depth: int) -> Any:
        content = self.lines[self.pos][2]
        if _is_item(content):
            return self.sequence(self.lines[self.pos][1], loc, depth)
        return self.mapping(self.lines[self.pos][1], loc, depth)

    def mapping(self, indent: int, loc: Loc, depth: int) -> dict[Any, Any]:
        if depth >= _DEEPEST:
            raise _Unhandled  # libyaml's path reports it
        lines, values, keys, positioned = self.lines, self.values, self.keys, self.positioned
        pos = self.pos
        if positioned:
            values[loc] = (lines[pos][0], indent + 1, None)
        out: dict[Any, Any] = {}
        while True:
            number, at, content = lines[pos]
            if at != indent:
                break
            match = _KEY.match(content)
            if match is None:
                if _is_item(content):
                    break  # an unindented sequence under the caller's key ends here
                raise _Unhandled
            raw_key, spaces, rest = match.groups()
            key = PLAIN_VALUES.get(raw_key, MISSING)
            if key is MISSING:
                key = _plain(raw_key)
            # keys matching _KEY build to str, bool or None, which never compare equal across
            # types: a plain `in` finds exactly the duplicates libyaml's path reports
            if key in out:
                raise _Unhandled
            child = loc
            if positioned:
                child = (*loc, key)
                keys[child] = (number, indent + 1, raw_key)
            pos += 1
            after = lines[pos][1]
            if rest:
                if after > indent:
                    raise _Unhandled  # a deeper line would continue the value
                out[key] = self.inline(rest, number, indent + len(raw_key) + 1 + len(spaces), child)
            elif after > indent:
                self.pos = pos
                out[key] = self.block(child, depth + 1)
                pos = self.pos
            elif after == indent and _is_item(lines[pos][2]):
                self.pos = pos
                out[key] = self.sequence(indent, child, depth + 1)
                pos = self.pos
            else:  # `key:` and nothing under it: null, marked just after the colon
                if positioned:
                    values[child] = (number, indent + len(raw_key) + 2, "")
                out[key] = None
        self.pos = pos
        return out

    def sequence(self, indent: int, loc: Loc, depth: int) -> list[Any]:
        if depth >= _DEEPEST:
            raise _Unhandled
        lines, positioned = self.lines, self.positioned
        pos = self.pos
        if positioned:
            self.values[loc] = (lines[pos][0], indent + 1, None)
        out: list[Any] = []
        while True:
            number, at, content = lines[pos]
            if at != indent or not _is_item(content):
                break
            rest = content[2:]
            item = rest.lstrip(" ")
            if not item:
                raise _Unhandled  # an empty item
            column = indent + 2 + len(rest) - len(item)
            child = (*loc, len(out)) if positioned else loc
            if _KEY.match(item):  # `- key: value`: a mapping that starts on the dash's line
                lines[pos] = (number, column, item)
                self.pos = pos
                out.append(self.mapping(column, child, depth + 1))
                pos = self.pos
            else:
                pos += 1
                if lines[pos][1] > indent:
                    raise _Unhandled  # a deeper line would continue the item
                out.append(self.inline(item, number, column, child))
        self.pos = pos
        return out

    def inline(self, text: str, number: int, column: int, loc: Loc) -> Any:
        """A value that fits on its line: plain, quoted, or a flow sequence or mapping;
        `column` is 0-based."""
        first = text[0]
        if first == "[" or first == "{":
            return self.flow(text, number, column, loc)
        if first == '"' or first == "'":
            inner = _quoted(text)
            if self.positioned:
                self.values[loc] = (number, column + 1, inner)
            return inner
        if first in _NOT_FIRST or ": " in text or text[-1] == ":" or " #" in text:
            raise _Unhandled
        if self.positioned:
            self.values[loc] = (number, column + 1, text)
        value = PLAIN_VALUES.get(text, MISSING)
        return _plain(text) if value is MISSING else value

    def flow(self, text: str, number: int, column: int, loc: Loc) -> Any:
        """`[a, b]` or `{k: v, k2: v2}` on one line, with plain items."""
        is_map = text[0] == "{"
        if text[-1] != ("}" if is_map else "]"):
            raise _Unhandled
        positioned = self.positioned
        if positioned:
            self.values[loc] = (number, column + 1, None)
        inner = text[1:-1]
        items: list[Any] = []
        mapping: dict[Any, Any] = {}
        if not inner.strip(" "):
            return mapping if is_map else items
        offset = column + 1  # 0-based column of the current part
        for part in inner.split(","):
            item = part.strip(" ")
            at = offset + len(part) - len(part.lstrip(" ")) + 1  # 1-based column of the item
            offset += len(part) + 1
            if is_map:
                match = _KEY.match(item)
                if match is None or not match[3]:
                    raise _Unhandled
                raw_key, spaces, text_value = match.groups()
                key = _plain(raw_key)
                if key in mapping:
                    raise _Unhandled
                source, value = _flow_scalar(text_value)
                if positioned:
                    child = (*loc, key)
                    self.keys[child] = (number, at, raw_key)
                    self.values[child] = (number, at + len(raw_key) + 1 + len(spaces), source)
                mapping[key] = value
            else:
                source, value = _flow_scalar(item)
                if positioned:
                    self.values[(*loc, len(items))] = (number, at, source)
                items.append(value)
        return mapping if is_map else items


def _is_item(content: str) -> bool:
    return content[0] == "-" and (len(content) == 1 or content[1] == " ")


def _flow_scalar(item: str) -> tuple[str, Any]:
    """A flow collection's item: its source text and value."""
    if not item:
        raise _Unhandled
    first = item[0]
    if first == '"' or first == "'":
        inner = _quoted(item)
        return inner, inner
    if first in _NOT_FIRST or _NOT_IN_FLOW.search(item):
        raise _Unhandled
    return item, _plain(item)


def _quoted(text: str) -> str:
    """The content of `"..."` or `'...'` without escapes or inner quotes."""
    inner = text[1:-1]
    if len(text) < 2 or text[-1] != text[0] or text[0] in inner or "\\" in inner:
        raise _Unhandled
    return inner


def _plain(text: str) -> Any:
    value, ok = plain_scalar(text)
    if not ok:
        raise _Unhandled  # a tag the libyaml path refuses (`<<`, `=`): it reports it
    return value
