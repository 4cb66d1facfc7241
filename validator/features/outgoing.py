"""What `digest` and `remind` hand to the delivery layer, and the escaping they share.

A `Letter` is personal (one recipient, full content) and only ever goes by e-mail. A `Nudge` is
the non-personal text that may go to a group robot: what is due and who is mentioned, never
report content (SECURITY.md, "Delivery"). Everything staff write is escaped here, once, for
each output: plain text and HTML are defanged so that no mail client turns report text into a
link, and robot text is neutralised so that no Markdown in it takes effect.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from validator.models.org import Staff

_SCHEME = re.compile(r"\b([A-Za-z][A-Za-z0-9+.-]{1,15}):(?=\S)")
_DOT = re.compile(r"(?<=[A-Za-z0-9-])\.(?=[A-Za-z0-9-]*[A-Za-z][A-Za-z0-9-]*)")
_AT = re.compile(r"(?<=\S)@(?=\S)")
_WWW = re.compile(r"\bwww\.", re.IGNORECASE)
# Markdown (and the HTML the robots' Markdown dialects accept) is neutralised by full-width
# look-alikes: WeCom's dialect has no backslash escapes, so escaping cannot be relied on.
_MARKDOWN = str.maketrans(
    {
        "*": "＊",
        "_": "＿",
        "[": "［",
        "]": "］",
        "(": "（",
        ")": "）",
        "<": "＜",
        ">": "＞",
        "#": "＃",
        "`": "｀",
        "~": "～",
        "|": "｜",
        "!": "！",
        "\\": "＼",
        "&": "＆",
    }
)


def defang(text: str) -> str:
    """Break what mail clients auto-link (schemes, `www.`, domains, e-mail addresses) without
    losing the words: `http://a.cn` -> `http[:]//a[.]cn`, `a@b.cn` -> `a[@]b[.]cn`."""
    text = _WWW.sub(lambda m: m[0][:3] + "[.]", text)
    text = _SCHEME.sub(r"\1[:]", text)
    text = _DOT.sub("[.]", text)
    return _AT.sub("[@]", text)


def plain(text: str) -> str:
    """Report text for a plain-text part."""
    return defang(text)


def as_html(text: str) -> str:
    """Report text for an HTML part: escaped (it can never become markup) and defanged."""
    return html.escape(defang(text), quote=True).replace("\n", "<br>")


def markdown_text(text: str) -> str:
    """Text for a robot's Markdown: defanged, every Markdown or HTML character made inert, and
    kept on one line (a newline could start a heading or a quote)."""
    return " ".join(defang(text).translate(_MARKDOWN).split())


@dataclass(frozen=True)
class Letter:
    """One personal message: to one person, by e-mail only."""

    to: Staff
    key: str  # content key for the sent record: the same key is never sent twice
    subject: str
    text: str
    html: str


@dataclass(frozen=True)
class NudgeLine:
    text: str  # plain words (escaped by each robot), no report content
    mentions: tuple[Staff, ...] = ()


@dataclass(frozen=True)
class Nudge:
    """The non-personal message a group robot may carry."""

    key: str
    title: str
    lines: tuple[NudgeLine, ...]
    link: str | None = None  # our own site, shown as a link
