"""Slips of typing YAML with a Chinese input method, found on the line where they were made.

With the input method on, `：` replaces `: `, `，` and `、` replace `,`, brackets come out
full-width and indentation can be U+3000; leaving out the space after `:` is as common. libyaml
then complains somewhere else (「缺少“:”」 on the next line), or the schema complains about the
value (a region id that should look like an id). The loader asks here when libyaml reports a
syntax error, the schema mapping when a value where an id or a list was expected holds one of
these characters; both then name the character, its line and what to type instead.

Only places where the character cannot be meant are flagged: a full-width colon right after a
field name, U+3000 in the indentation or right after `:`, `，`/`、` inside a one-line `[...]` or
`{...}`. Full-width punctuation inside text is ordinary Chinese and stays untouched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from validator.core.diagnostics import Diagnostic, Point, diag
from validator.core.messages import Nested

#: the characters, and the catalog suffix of what each is and what to type instead
FULL_WIDTH = {
    "：": "colon",
    "，": "comma",
    "、": "enum-comma",
    "\u3000": "space",
    "【": "bracket",
    "】": "bracket",
    "［": "bracket",
    "］": "bracket",
    "｛": "brace",
    "｝": "brace",
}

_INDENT = re.compile(r"[ \u3000]*")
#: a field name (after an optional `- `) and the character that follows its colon, if any
_KEY = re.compile(r"[ \u3000]*(?:-[ \u3000]+)?([A-Za-z_][A-Za-z0-9_-]*)([:：])(.?)")
_FLOW_COMMA = re.compile(r"[\[{][^\]}]*?([，、])")


@dataclass(frozen=True)
class Slip:
    """One slip: 1-based line and column, the character (`:` for a missing space) and, for a
    missing space, the field name and what follows it."""

    line: int
    column: int
    char: str
    key: str = ""
    rest: str = ""

    @property
    def what(self) -> str:
        """The catalog key of the message."""
        return "ime-no-space" if self.char == ":" else "ime-char"


def in_line(content: str, number: int) -> Slip | None:
    """The slip on one line of YAML, if it has one."""
    indent = _INDENT.match(content)
    if indent is not None and "\u3000" in indent.group():
        return Slip(number, indent.group().index("\u3000") + 1, "\u3000")
    key = _KEY.match(content)
    if key is not None:
        colon, after = key.group(2), key.group(3)
        if colon == "：":
            return Slip(number, key.start(2) + 1, "：")
        if after == "\u3000":
            return Slip(number, key.start(3) + 1, "\u3000")
        if after and after not in " #/":  # `key:value`, but not `http://`
            rest = content[key.end(2) :].strip()
            return Slip(number, key.start(2) + 1, ":", key.group(1), rest)
    comma = _FLOW_COMMA.search(content)
    if comma is not None and not content.lstrip(" -").startswith(("'", '"')):
        return Slip(number, comma.start(1) + 1, comma.group(1))
    return None


def near_error(text: str, line: int | None) -> Slip | None:
    """The slip libyaml's syntax error at `line` most likely comes from: the nearest one on that
    line or the two before it (libyaml notices a missing `: ` one line late)."""
    if line is None:
        return None
    lines = text.splitlines()
    for number in range(min(line, len(lines)), max(line - 3, 0), -1):
        slip = in_line(lines[number - 1], number)
        if slip is not None:
            return slip
    return None


def in_value(value: str) -> str | None:
    """The first input-method character in a value where an id, a key or a list was expected."""
    return next((ch for ch in value if ch in FULL_WIDTH), None)


def slip_diagnostic(path: str, rule: str, slip: Slip) -> Diagnostic:
    """The message for `slip`: the character, what it is, what to type instead."""
    at = Point(slip.line, slip.column)
    if slip.what == "ime-no-space":
        rest = slip.rest if len(slip.rest) <= 20 else slip.rest[:20] + "…"
        return diag(path, rule, "ime-no-space", at=at, key=slip.key, rest=rest)
    kind = FULL_WIDTH[slip.char]
    return diag(
        path,
        rule,
        "ime-char",
        at=at,
        char=slip.char,
        what=Nested(f"ime-what-{kind}"),
        fix=Nested(f"ime-fix-{kind}"),
    )
