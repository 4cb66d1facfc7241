"""Turn a plain-text regulation (as scraped) into handbook pages.

`import_text` is the whole pipeline: clean-up in the source's script (mojibake, pinyin, editorial
corrections, every reconstructed run marked), split into documents, drop documents the source
repeats, recognise structure and render Markdown with the pinned anchors, once in Simplified
(OpenCC t2s of the cleaned source) and once in Traditional (the cleaned source itself). It prints
nothing; the `validator handbook` command writes the pages.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from validator.handbook.clean import (
    CORRECTED,
    INSERTED,
    RECONSTRUCTED,
    apply_corrections,
    clean_source,
    has_pinyin,
    to_simplified,
    to_traditional,
    unmark,
)
from validator.handbook.render import render
from validator.handbook.structure import (
    Parsed,
    cn_numeral,
    lift_sentence,
    parse_document,
    split_documents,
    walk,
)

__all__ = [
    "DEFAULT_SLUGS",
    "Editorial",
    "Regulation",
    "has_pinyin",
    "import_text",
    "parse_corrections",
    "parse_editorial",
    "to_simplified",
    "to_traditional",
]

#: title keyword -> page slug, for the regulations this product ships; override per organization
DEFAULT_SLUGS: Mapping[str, str] = {
    "保安公司": "security",
    "客户服务部": "customer-service",
}


@dataclass(frozen=True)
class Regulation:
    """One published regulation: file name stem, title and Markdown page."""

    slug: str
    title: str
    markdown: str
    number: int  # the `第N篇` it was taken from
    repeats: tuple[int, ...] = field(default=())  # other `第N篇` with the same text
    markdown_hant: str = ""  # the same page in Traditional Chinese, from the source's own text
    # ("" when the source is written in Simplified characters)
    reconstructed: int = 0  # runs the repair decoded
    corrected: int = 0  # runs an editor's correction restored


@dataclass(frozen=True)
class Editorial:
    """One line of the notes table: a note, an organisation setting, an insertion or an anchor."""

    kind: str  # note | org | insert | sentence
    page: str
    anchor: str
    hans: str
    hant: str


def _fingerprint(title: str, lines: list[str]) -> str:
    """The text without any whitespace: two copies that differ only in spacing compare equal."""
    return re.sub(r"\s+", "", title + "".join(lines))


def _slug(title: str, number: int, slugs: Mapping[str, str], taken: set[str]) -> str:
    for keyword, slug in slugs.items():
        if keyword in title and slug not in taken:
            return slug
    return f"doc-{number}"


def parse_corrections(text: str) -> dict[str, str]:
    """`wrong<TAB>right` lines (`#` comments, blank lines ignored) -> replacements."""
    pairs: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        wrong, sep, right = line.partition("\t")
        if not sep or not wrong or not right:
            raise ValueError(f"line {number}: expected wrong<TAB>right")
        pairs[wrong] = right
    return pairs


def parse_editorial(text: str) -> list[Editorial]:
    """`kind<TAB>page<TAB>anchor<TAB>Simplified<TAB>Traditional` lines -> notes table."""
    rows: list[Editorial] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 5 or not all(fields) or fields[0] not in _EDITORIAL_KINDS:
            raise ValueError(
                f"line {number}: expected kind<TAB>page<TAB>anchor<TAB>Simplified<TAB>Traditional"
                f" with kind one of {', '.join(_EDITORIAL_KINDS)}"
            )
        if fields[0] == "insert" and not all("=>" in f for f in fields[3:]):
            raise ValueError(f"line {number}: an insert is find=>replace")
        rows.append(Editorial(*fields))
    return rows


_EDITORIAL_KINDS = ("note", "org", "insert", "sentence")

#: the words of the notes under the title, per script
_ABOUT = {
    "hans": (
        "本页由 `validator handbook import` 从原文第{n}篇生成:已去除原文中的拼音注音,"
        "并转换为简体中文。",
        "原文有 {total} 处文字因抓取时丢失字节而损坏:{auto} 处按前后文自动修复,"
        '文中<span class="reconstructed">这样</span>标出;{fixed} 处由编者按上下文更正,'
        '文中<span class="reconstructed corrected">这样</span>标出。鼠标停在标出的文字上可看说明。',
        "原文{others}与本篇内容相同(仅空白不同),此处只收录一次。",
        "[繁体中文版](hant/{slug}.md)直接取自原文的繁体字。",
    ),
    "hant": (
        "本頁由 `validator handbook import` 從原文第{n}篇生成:已去除原文中的拼音注音,"
        "文字為原文的繁體字。",
        "原文有 {total} 處文字因抓取時遺失位元組而損壞:{auto} 處按前後文自動修復,"
        '文中<span class="reconstructed">這樣</span>標出;{fixed} 處由編者按上下文更正,'
        '文中<span class="reconstructed corrected">這樣</span>標出。滑鼠停在標出的文字上可看說明。',
        "原文{others}與本篇內容相同(僅空白不同),此處只收錄一次。",
        "以[簡體中文版](../{slug}.md)為本手冊的正式版本。",
    ),
}

#: relative links in a note written for docs/regulations/, as seen from regulations/hant/
_RELATIVE_LINK = re.compile(r"\]\((?![a-z]+:|/|#)")


def _apply_editorial(doc: Parsed, rows: list[Editorial], script: str) -> None:
    words = {"note": "编者注", "org": "本组织规定"} if script == "hans" else {}
    words = words or {"note": "編者注", "org": "本組織規定"}
    for row in rows:
        text = row.hans if script == "hans" else row.hant
        if script == "hant":
            text = _RELATIVE_LINK.sub("](../", text)
        if row.kind == "sentence":
            if not lift_sentence(doc, text, row.anchor):
                raise ValueError(f"{row.page}: no line starts with {text!r}")
            continue
        block = next((b for b in walk(doc.blocks) if b.anchor == row.anchor), None)
        if block is None:
            raise ValueError(f"{row.page}: no unit #{row.anchor}")
        if row.kind == "insert":
            find, _, replace = text.partition("=>")
            marked = replace.replace("[", INSERTED[0]).replace("]", INSERTED[1])
            if find not in block.text and not any(find in line for line in block.body):
                raise ValueError(f"{row.page}#{row.anchor}: no {find!r}")
            block.text = block.text.replace(find, marked)
            block.body = [line.replace(find, marked) for line in block.body]
        else:
            block.notes.append((words[row.kind], text))


def import_text(
    text: str,
    slugs: Mapping[str, str] = DEFAULT_SLUGS,
    corrections: Mapping[str, str] | None = None,
    editorial: list[Editorial] | None = None,
) -> list[Regulation]:
    """Clean and structure `text`; each distinct document once, in source order.

    `corrections` (wrong -> right, on the cleaned text in the source's script) mend what the
    source damaged beyond automatic repair; `editorial` adds notes and anchors. Each page counts
    and marks the runs it reconstructed. A row naming no unit of its page is a ValueError.
    """
    source = apply_corrections(clean_source(text), corrections or {})
    seen: dict[str, int] = {}
    order: list[tuple[int, str, list[str]]] = []
    repeats: dict[int, list[int]] = {}
    for number, title, lines in split_documents(source):
        key = _fingerprint(unmark(to_simplified(title)), [unmark(to_simplified(x)) for x in lines])
        if key in seen:
            repeats[seen[key]].append(number)
            continue
        seen[key] = number
        repeats[number] = []
        order.append((number, title, lines))
    documents: list[Regulation] = []
    taken: set[str] = set()
    for number, title, lines in order:
        hans_title = unmark(to_simplified(title))
        slug = _slug(hans_title, number, slugs, taken)
        taken.add(slug)
        joined = "\n".join(lines)
        auto, fixed = joined.count(RECONSTRUCTED[0]), joined.count(CORRECTED[0])
        # a Traditional page only from Traditional text: a Simplified source has none to take
        traditional = to_simplified(title + joined) != title + joined
        pages = {"hant": ""}
        for script in ("hans", "hant") if traditional else ("hans",):
            words = _ABOUT[script]
            page_lines = lines if script == "hant" else [to_simplified(x) for x in lines]
            page_title = unmark(title) if script == "hant" else hans_title
            parsed = parse_document(number, page_title, page_lines)
            _apply_editorial(parsed, [r for r in editorial or [] if r.page == slug], script)
            notes = [words[0].format(n=cn_numeral(number))]
            if auto or fixed:
                notes.append(words[1].format(total=auto + fixed, auto=auto, fixed=fixed))
            if repeats[number]:
                others = "、".join(f"第{cn_numeral(n)}篇" for n in repeats[number])
                notes.append(words[2].format(others=others))
            if traditional:
                notes.append(words[3].format(slug=slug))
            pages[script] = render(parsed, notes, script)
        if traditional:  # the Traditional variant stays out of the search index: one hit each
            pages["hant"] = "---\nsearch:\n  exclude: true\n---\n\n" + pages["hant"]
        documents.append(
            Regulation(
                slug, hans_title, pages["hans"], number, tuple(repeats[number]),
                markdown_hant=pages["hant"], reconstructed=auto, corrected=fixed,
            )
        )  # fmt: skip
    return documents
