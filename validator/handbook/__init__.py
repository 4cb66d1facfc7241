"""Turn a plain-text regulation (as scraped) into handbook pages.

`import_text` is the whole pipeline: clean-up (mojibake, pinyin, Simplified Chinese), split into
documents, drop documents the source repeats, recognise structure and render Markdown with the
pinned anchors. It prints nothing; the `validator handbook` command writes the pages.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from validator.handbook.clean import clean, has_pinyin, to_simplified, to_traditional
from validator.handbook.render import render
from validator.handbook.structure import cn_numeral, parse_document, split_documents

__all__ = [
    "DEFAULT_SLUGS",
    "Document",
    "has_pinyin",
    "import_text",
    "parse_corrections",
    "to_simplified",
    "to_traditional",
]

#: title keyword -> page slug, for the regulations this product ships; override per organization
DEFAULT_SLUGS: Mapping[str, str] = {
    "保安公司": "security",
    "客户服务部": "customer-service",
}


@dataclass(frozen=True)
class Document:
    """One published regulation: file name stem, title and Markdown page."""

    slug: str
    title: str
    markdown: str
    number: int  # the `第N篇` it was taken from
    repeats: tuple[int, ...] = field(default=())  # other `第N篇` with the same text


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


def import_text(
    text: str,
    slugs: Mapping[str, str] = DEFAULT_SLUGS,
    corrections: Mapping[str, str] | None = None,
) -> list[Document]:
    """Clean and structure `text`; each distinct document once, in source order.

    `corrections` (wrong -> right, on the cleaned Simplified text) mend what the source damaged
    beyond automatic repair; each page notes how many it received.
    """
    cleaned = clean(text)
    fixed: dict[int, int] = {}
    for wrong, right in (corrections or {}).items():
        cleaned = cleaned.replace(wrong, "\0" + right + "\0")  # mark, counted per page below
    seen: dict[str, int] = {}
    order: list[tuple[int, str, list[str]]] = []
    repeats: dict[int, list[int]] = {}
    documents_found = []
    for number, title, lines in split_documents(cleaned):
        count = sum(line.count("\0") // 2 for line in lines)
        fixed[number] = count
        documents_found.append((number, title, [line.replace("\0", "") for line in lines]))
    for number, title, lines in documents_found:
        key = _fingerprint(title, lines)
        if key in seen:
            repeats[seen[key]].append(number)
            continue
        seen[key] = number
        repeats[number] = []
        order.append((number, title, lines))
    documents: list[Document] = []
    taken: set[str] = set()
    for number, title, lines in order:
        parsed = parse_document(number, title, lines)
        notes = [
            f"本页由 `validator handbook import` 从原文第{cn_numeral(number)}篇生成:"
            "已去除原文中的拼音注音,并转换为简体中文。"
        ]
        if fixed.get(number):
            notes.append(f"原文有 {fixed[number]} 处文字损坏到无法自动修复,已按上下文更正。")
        if repeats[number]:
            others = "、".join(f"第{cn_numeral(n)}篇" for n in repeats[number])
            notes.append(f"原文{others}与本篇内容相同(仅空白不同),此处只收录一次。")
        slug = _slug(title, number, slugs, taken)
        taken.add(slug)
        documents.append(
            Document(slug, title, render(parsed, notes), number, tuple(repeats[number]))
        )
    return documents
