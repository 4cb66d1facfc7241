"""A fast path for the plain block-style YAML that nearly every report is written in.

libyaml parses fast, but turning its nodes into positioned Python data costs a Python call per
node, and a year of a national company's reports is half a million nodes. Reports are written in a
narrow style: `key: value` lines, `- ` items, one-line `[a, b]` and `{k: [v]}`, simple quotes,
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

from validator.reading.document import MAX_DEPTH, Document, Loc, Mark, Position
from validator.reading.scalars import MISSING, PLAIN_VALUES, plain_scalar

#: characters outside YAML's printable set, line breaks other than LF (CR, NEL, LS, PS), tabs
#: and a BOM inside the text: all are legal somewhere in YAML, none is handled here
UNHANDLED_TEXT = re.compile(
    "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
#: `key:` then spaces and the rest of the line, or the end of the line; libyaml allows a plain
#: key of at most 1,024 characters
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]{0,1023}):(?:( +)(.*))?$")
#: characters that cannot start a plain scalar (YAML indicators) or are not handled at its start
_NOT_FIRST = frozenset("-?:,[]{}#&*!|>'\"%@`")
#: a flow mapping's `key: ` (a value must follow the colon and its space)
_FLOW_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]{0,1023}): +")
#: a plain item inside a flow collection: up to the next `,` or bracket; no `:`, `#` or quotes
_FLOW_PLAIN = re.compile(r"[^\[\]{},:#'\"]*")


#: `key: value` lines read without positions, with their key, value and whether the value is a
#: collection: reports repeat most such lines (staff ids, periods, dates, categories, regions),
#: and a lookup replaces the key match and the value's reading (a sixth of the reader's time on
#: the demo). Scalars are immutable; a collection (a flat flow one, remembered and taken at the
#: top level only, where no nesting limit applies) is handed out as a copy
_KNOWN_LINES: dict[str, tuple[Any, Any, bool]] = {}
_KNOWN_LINES_MAX = 50_000  # lines, as many as PLAIN_VALUES holds
#: longer lines are free text, which does not repeat: never remembered (at most about 40 MB)
_KNOWN_LINE_LENGTH = 120


class _Unhandled(Exception):
    """Something outside the handled style: the caller takes the libyaml path."""


Line = tuple[int, int, str]  # 1-based line number, indentation, content without the indentation
_END: Line = (0, -1, "")  # after the last line: less indented than anything, so every block ends
_DEEPEST = MAX_DEPTH - 2  # collections nested deeper are left to libyaml's path (`too-deep`)


def load_block(text: str, path: str, *, positions: bool = True) -> Document | None:
    """The positioned document for `text`, or None when `text` is not in the handled style.

    Without `positions` the document holds the data only, a third faster: a caller that needs a
    position for a message reads the text again (`report_cache.LazyDocument`)."""
    if UNHANDLED_TEXT.search(text):
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
            if not positioned:
                known = _KNOWN_LINES.get(content)
                if known is not None and (depth == 0 or not known[2]):  # read before
                    key, value, collection = known
                    if key in out:
                        raise _Unhandled
                    pos += 1
                    if lines[pos][1] > indent:
                        raise _Unhandled  # a deeper line would continue the value
                    out[key] = value.copy() if collection else value
                    continue
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
                if positioned or rest[0] in _NOT_FIRST:  # positions, flow, quotes: `inline`
                    column = indent + len(raw_key) + 1 + len(spaces)
                    out[key] = value = self.inline(rest, number, column, child, depth + 1)
                    if not positioned:
                        _remember(content, key, value, depth)
                else:  # most lines: a plain value, no position to record
                    out[key] = value = _plain_value(rest)
                    _remember(content, key, value, depth)
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
                out.append(self.inline(item, number, column, child, depth + 1))
        self.pos = pos
        return out

    def inline(self, text: str, number: int, column: int, loc: Loc, depth: int) -> Any:
        """A value that fits on its line: plain, quoted, or a flow sequence or mapping;
        `column` is 0-based, `depth` the value's nesting."""
        first = text[0]
        if first == "[" or first == "{":
            return self.flow(text, number, column, loc, depth)
        if first == '"' or first == "'":
            inner = _quoted(text)
            if self.positioned:
                self.values[loc] = (number, column + 1, inner)
            return inner
        if first in _NOT_FIRST:
            raise _Unhandled
        if self.positioned:
            self.values[loc] = (number, column + 1, text)
        return _plain_value(text)

    def flow(self, text: str, number: int, column: int, loc: Loc, depth: int) -> Any:
        """`[a, b]`, `{k: v, k2: [a, b]}`: a flow collection that is the whole rest of its
        line, nested or not, with plain or simply quoted items."""
        value, end = self.collection(text, 0, number, column, loc, depth)
        if end != len(text):
            raise _Unhandled
        return value

    def collection(
        self, text: str, i: int, number: int, column: int, loc: Loc, depth: int
    ) -> tuple[Any, int]:
        """The flow collection opening at `text[i]` and the index just after it closes;
        `column` is the 0-based column of `text[0]`."""
        if depth >= _DEEPEST:
            raise _Unhandled
        positioned = self.positioned
        if positioned:
            self.values[loc] = (number, column + i + 1, None)
        is_map = text[i] == "{"
        close = "}" if is_map else "]"
        mapping: dict[Any, Any] = {}
        items: list[Any] = []
        i = _spaces(text, i + 1)
        if text[i : i + 1] == close:
            return (mapping if is_map else items), i + 1
        while True:
            child = loc
            if is_map:
                match = _FLOW_KEY.match(text, i)
                if match is None:
                    raise _Unhandled
                raw_key = match[1]
                key = _plain(raw_key)
                if key in mapping:
                    raise _Unhandled
                if positioned:
                    child = (*loc, key)
                    self.keys[child] = (number, column + i + 1, raw_key)
                i = match.end()
            elif positioned:
                child = (*loc, len(items))
            value, i = self.flow_item(text, i, number, column, child, depth)
            if is_map:
                mapping[key] = value
            else:
                items.append(value)
            i = _spaces(text, i)
            mark = text[i : i + 1]
            if mark == close:
                return (mapping if is_map else items), i + 1
            if mark != ",":
                raise _Unhandled
            i = _spaces(text, i + 1)
            if text[i : i + 1] in ("", ",", close):
                raise _Unhandled  # an empty item or a trailing comma

    def flow_item(
        self, text: str, i: int, number: int, column: int, loc: Loc, depth: int
    ) -> tuple[Any, int]:
        """The item starting at `text[i]`: a nested collection, or a scalar ending before the
        next `,` or closing bracket."""
        first = text[i : i + 1]
        if first == "[" or first == "{":
            return self.collection(text, i, number, column, loc, depth + 1)
        if first == '"' or first == "'":
            end = text.find(first, i + 1)
            if end < 0:
                raise _Unhandled
            source = value = text[i + 1 : end]
            if "\\" in source:
                raise _Unhandled  # escapes, and `''` inside single quotes, are libyaml's
            end += 1
        else:
            match = _FLOW_PLAIN.match(text, i)
            source = match[0].rstrip(" ") if match else ""
            if not source or first in _NOT_FIRST:
                raise _Unhandled
            end = i + len(source)
            value = _plain(source)
        if self.positioned:
            self.values[loc] = (number, column + i + 1, source)
        return value, end


def _remember(content: str, key: Any, value: Any, depth: int) -> None:
    """Remember a short `key: value` line: a scalar, or a flow collection of scalars at the top
    level (a copy, so that no reader holds the one kept)."""
    if len(_KNOWN_LINES) >= _KNOWN_LINES_MAX or len(content) > _KNOWN_LINE_LENGTH:
        return
    if not isinstance(value, list | dict):
        _KNOWN_LINES[content] = (key, value, False)
    elif depth == 0:
        items = value.values() if isinstance(value, dict) else value
        if not any(isinstance(item, list | dict) for item in items):
            _KNOWN_LINES[content] = (key, value.copy(), True)


def top_level_mark(text: str, key: Any) -> Mark | None:
    """Where the value of top-level `key` is, when it is a plain scalar on the key's own line,
    in a `text` that `load_block` accepts; None for anything else (the caller parses).

    Most messages point at such a line (`week:`, `late_reason:`): finding it costs a search
    instead of reading the whole report again with positions. In the handled style a line
    that starts with `key:` at the first column can only be that top-level key, and only once
    (duplicates are declined); the mark is the one `_Reader.inline` records for it."""
    if not isinstance(key, str) or not _KEY.fullmatch(key + ":") or plain_scalar(key)[0] != key:
        return None  # a key that is not written as itself (`yes`, `null`)
    found = re.search(f"^{re.escape(key)}:( +)([^\n]*)", text, re.MULTILINE)
    if found is None:
        return None
    spaces, rest = found[1], found[2].rstrip(" ")  # one pass: no backtracking over spaces
    if not rest or rest[0] in _NOT_FIRST:
        return None  # flow, quotes, a nested block: only the full reading knows
    line = text.count("\n", 0, found.start()) + 1
    return Mark(line, len(key) + 1 + len(spaces) + 1, rest)


def _is_item(content: str) -> bool:
    return content[0] == "-" and (len(content) == 1 or content[1] == " ")


def _spaces(text: str, i: int) -> int:
    """The index of the first character at or after `i` that is not a space."""
    while text[i : i + 1] == " ":
        i += 1
    return i


def _quoted(text: str) -> str:
    """The content of `"..."` or `'...'` without escapes or inner quotes."""
    inner = text[1:-1]
    if len(text) < 2 or text[-1] != text[0] or text[0] in inner or "\\" in inner:
        raise _Unhandled
    return inner


def _plain_value(text: str) -> Any:
    """A plain scalar that is the rest of its line (its first character already checked)."""
    if ": " in text or text[-1] == ":" or " #" in text:
        raise _Unhandled  # a mapping or a comment would start inside it
    value = PLAIN_VALUES.get(text, MISSING)
    return _plain(text) if value is MISSING else value


def _plain(text: str) -> Any:
    value, ok = plain_scalar(text)
    if not ok:
        raise _Unhandled  # a tag the libyaml path refuses (`<<`, `=`): it reports it
    return value
