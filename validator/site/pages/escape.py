"""Report text shown on the status pages as literal text, never as markup.

Staff write free text into their reports; the pages are Markdown that MkDocs (Python-Markdown with
the site's extensions) turns into HTML. Every character that could start HTML (`<`, `&`), a link or
image (`[`, `]`, `(`, `)`, `!`), emphasis, a list, a heading, a table cell (`|`), an attribute list
or a template (`{`, `}`) is neutralised: HTML-significant characters become entities, Markdown
punctuation is backslash-escaped, and the few characters Python-Markdown cannot unescape (`=`,
`~`, `?`, `:`) become numeric entities. Line breaks become `<br>` so that a value always stays
inside its own paragraph, list item or table cell.
"""

from __future__ import annotations

#: characters Python-Markdown (with the `tables` extension) unescapes after a backslash
BACKSLASHED = frozenset("\\`*_{}[]()#+-.!|")
ENTITIES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "'": "&#39;",
    "=": "&#61;",  # setext headings
    "~": "&#126;",  # fenced code
    "?": "&#63;",  # collapsible blocks (pymdownx.details)
    ":": "&#58;",  # `javascript:` and definition lists
}


def text(value: object) -> str:
    """Any value as inline literal text (one line: newlines become `<br>`)."""
    return "<br>".join(line.translate(_LINE) for line in _lines(value))


def _lines(value: object) -> list[str]:
    """The non-blank lines of a value, stripped, whatever its line ends."""
    raw = "" if value is None else str(value)
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [line for line in (line.strip() for line in lines) if line]


def cell(value: object) -> str:
    """Literal text for a table cell (never empty, so the table keeps its shape)."""
    return text(value) or " "


#: right-to-left and isolate controls (U+202A-U+202E, U+2066-U+2069) would make report text read
#: differently from what it is: they are shown as the visible text `<U+202E>`
BIDI = {chr(c): f"&lt;U+{c:04X}&gt;" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}

#: one table for every character a line may need changed (entities, backslashes, control
#: characters to spaces), applied with `str.translate` rather than character by character
_LINE = str.maketrans(
    {
        **{chr(c): " " for c in range(32) if c != 10},
        **{ch: "\\" + ch for ch in BACKSLASHED},
        **ENTITIES,
        **BIDI,
    }
)


#: for text inside a raw HTML block, which Markdown leaves alone: HTML entities suffice, plus
#: braces so that no template engine downstream sees `{{ }}` or `{% %}`
_HTML = str.maketrans(
    {
        **{chr(c): " " for c in range(32) if c != 10},
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "'": "&#39;",
        "{": "&#123;",
        "}": "&#125;",
        **BIDI,
    }
)


def html_text(value: object) -> str:
    """Any value as literal text inside a raw HTML block (newlines become `<br>`)."""
    return "<br>".join(line.translate(_HTML) for line in _lines(value))
