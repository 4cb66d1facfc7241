"""`--help` with Click's own words said in Chinese first, as the usage errors are (`usage.py`).

The commands' text is Chinese already; what Click writes around it is English only: the
headings (`Usage:`, `Options:`, `Commands:`), the help and version options' text and the
`[default: …]` / `[required]` markers. `HelpFormatter` puts the Chinese before each
(`用法 / Usage:`, `[默认 / default: 4]`) and measures text as a terminal shows it: a Chinese
character takes two columns, where Click counts one and so wrapped Chinese at twice the width.
`Context` carries it to every command of the group (`usage.Group`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

import click

USAGE = "用法 / Usage:"

#: Click's section headings (`Positional arguments` since Click 8.5, `Arguments` before)
HEADINGS = {
    "Usage": "用法 / Usage",
    "Options": "选项 / Options",
    "Commands": "命令 / Commands",
    "Arguments": "参数 / Arguments",
    "Positional arguments": "参数 / Arguments",
}

#: the text Click gives its own options
OPTION_TEXT = {
    "Show this message and exit.": "显示本帮助并退出 / Show this message and exit.",
    "Show the version and exit.": "显示版本并退出 / Show the version and exit.",
}

#: the items of Click's `[…]` after an option's text, as its English begins them
MARKERS = (
    ("default: ", "默认 / default: "),
    ("required", "必填 / required"),
    ("env var: ", "环境变量 / env var: "),
)

_EXTRA = re.compile(r"(.*?)(\s*)\[([^\[\]]*)\]", re.DOTALL)


class HelpFormatter(click.HelpFormatter):
    """Click's formatter with its English in both languages and widths in terminal columns."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None:
            prefix = f"{USAGE} "
        first = f"{prefix:>{self.current_indent}}{prog} "
        if not args:
            self.write(first.rstrip(" ") + "\n")
            return
        room = self.width - self.current_indent
        if room >= columns(first) + 20:  # the arguments fit to the right of the prefix
            self.write(wrap(args, room, first, " " * columns(first)))
        else:
            indent = " " * (max(self.current_indent, columns(prefix)) + 4)
            self.write(first + "\n" + wrap(args, room, indent, indent))
        self.write("\n")

    def write_heading(self, heading: str) -> None:
        super().write_heading(HEADINGS.get(heading, heading))

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        self.write(wrap(text, self.width, indent, indent, preserve_paragraphs=True) + "\n")

    def write_dl(
        self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        rows = [(row[0], bilingual(row[1]) if len(row) > 1 else "") for row in rows]
        if not rows:
            return
        first_col = min(max(columns(term) for term, _ in rows), col_max) + col_spacing
        margin = " " * (self.current_indent + first_col)
        room = max(self.width - self.current_indent - first_col, 10)
        for term, text in rows:
            self.write(f"{'':>{self.current_indent}}{term}")
            if not text:
                self.write("\n")
                continue
            if columns(term) <= first_col - col_spacing:
                self.write(" " * (first_col - columns(term)))
            else:
                self.write("\n" + margin)
            lines = wrap(text, room, preserve_paragraphs=True).splitlines() or [""]
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write((margin + line).rstrip(" ") + "\n")


class Context(click.Context):
    formatter_class = HelpFormatter


def in_both_languages(command: click.Command) -> click.Command:
    """`command`, whose help is written by `HelpFormatter`: a command a group hands out is
    made by `click.command` in its own module, with Click's own context."""
    command.context_class = Context
    return command


def bilingual(text: str) -> str:
    """An option's text with Click's own words in both languages: its help and version
    options' text, and the `default:` and `required` of the `[…]` it puts after the text."""
    if text in OPTION_TEXT:
        return OPTION_TEXT[text]
    extra = _EXTRA.fullmatch(text)
    if extra is None:
        return text
    items = [_marker(item) for item in extra[3].split("; ")]
    return f"{extra[1]}{extra[2]}[{'; '.join(items)}]"


def _marker(item: str) -> str:
    for english, both in MARKERS:
        if item.startswith(english):
            return both + item[len(english) :]
    return item


def columns(text: str) -> int:
    """The columns `text` takes on a terminal: two for a Chinese character or full-width sign."""
    return sum(_width(char) for char in text)


def _width(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def shorten(text: str, room: int) -> str:
    """`text` cut to `room` columns, with `...` where it was cut."""
    if columns(text) <= room:
        return text
    return text[: _fitting(text, room - 3)].rstrip() + "..."


def _fitting(text: str, room: int) -> int:
    """How many of `text`'s first characters fit in `room` columns."""
    end, used = 0, 0
    while end < len(text) and used + _width(text[end]) <= room:
        used += _width(text[end])
        end += 1
    return end


# Chinese has no spaces between words. A line breaks at a space, between Chinese and Latin, after
# a punctuation mark and before an opening bracket, so that a term (突发事件) stays on one line;
# a Chinese phrase longer than a whole line breaks between its characters. Never before a closing
# mark (,。、)) or after an opening one ((「).
_CLOSING = set(",。、:;!?)》」』】”’)]}.,;:!?%")
_OPENING = set("(《「『【“‘([{")
_TOKEN = re.compile(r"\s+|[^\s]")


def wrap(
    text: str,
    width: int,
    initial_indent: str = "",
    subsequent_indent: str = "",
    preserve_paragraphs: bool = False,
) -> str:
    """`click.formatting.wrap_text` measured in terminal columns, breaking Chinese between its
    characters: paragraphs are separated by a blank line, one that starts with `\\b` is kept as
    it is, and a paragraph keeps the indent of its first line. A paragraph's lines are joined
    without a space where both sides are Chinese (Click puts one there)."""
    text = text.expandtabs()
    if not preserve_paragraphs:
        return _fill(text, width, initial_indent, subsequent_indent)
    paragraphs: list[tuple[int, bool, list[str]]] = []
    for block in re.split(r"\n\s*\n", text.strip("\n")):
        lines = block.splitlines()
        if not lines:
            continue
        indent = len(lines[0]) - len(lines[0].lstrip())
        if lines[0].strip() == "\b":
            paragraphs.append((indent, True, lines[1:]))
        else:
            paragraphs.append((indent, False, [line.strip() for line in lines]))
    out = []
    for indent, raw, lines in paragraphs:
        first, rest = initial_indent + " " * indent, subsequent_indent + " " * indent
        if raw:
            out.append("\n".join((first if i == 0 else rest) + s for i, s in enumerate(lines)))
        else:
            out.append(_fill(_join(lines), width, first, rest))
    return "\n\n".join(out)


def _join(lines: Sequence[str]) -> str:
    text = ""
    for line in lines:
        end = text.rstrip("".join(_CLOSING))[-1:]
        start = line.lstrip("".join(_OPENING))[:1]
        if text and line and not (end and start and _width(end) == _width(start) == 2):
            text += " "
        text += line
    return text


def _words(text: str) -> list[str]:
    """`text` as the pieces a line may break between: a run of spaces, a Latin word, a Chinese
    phrase up to its punctuation, each with the marks that may not be parted from it."""
    pieces: list[str] = []
    for token in _TOKEN.findall(text):
        if token.isspace():
            pieces.append(token.replace("\n", " "))
            continue
        last = pieces[-1][-1] if pieces and not pieces[-1].isspace() else ""
        if last and (
            token in _CLOSING
            or last in _OPENING
            or (_width(token) == _width(last) == 1)  # a Latin word
            or (_width(token) == _width(last) == 2 and last not in _CLOSING)  # a phrase
        ):
            pieces[-1] += token
        else:
            pieces.append(token)
    return pieces


def _fill(text: str, width: int, initial_indent: str, subsequent_indent: str) -> str:
    lines: list[str] = []
    line, used, space = initial_indent, columns(initial_indent), ""
    empty = True
    for word in _words(text):
        if word.isspace():
            space = "" if empty else word
            continue
        # `word and`: a line whose indent alone is wider than `width` takes a character at a
        # time, and once the last one is cut there is nothing left to put on the next line
        while word and used + columns(space + word) > width:
            if columns(word) <= width - columns(subsequent_indent) and not empty:
                cut = ""  # the whole word on the next line
            else:  # longer than a line: as much as this line has room for
                cut = shorten_to(word, width - used - columns(space), at_least_one=empty)
            if cut:
                line += space + cut
                word = word[len(cut) :]
            lines.append(line)
            line, used, space = subsequent_indent, columns(subsequent_indent), ""
            empty = True
        if word:
            line += space + word
            used += columns(space + word)
            empty, space = False, ""
    if not empty:
        lines.append(line)
    return "\n".join(lines)


def shorten_to(word: str, room: int, at_least_one: bool) -> str:
    """The longest start of `word` that fits `room` columns and leaves no closing mark to
    begin the next line (at least one character if `at_least_one`)."""
    end = _fitting(word, room)
    while 0 < end < len(word) and word[end] in _CLOSING:
        end -= 1
    return word[: max(end, 1 if at_least_one else 0)]
