"""Recognise the structure of a regulation: documents, parts, sections, items and articles.

The parse works on cleaned text (either script, no pinyin) and yields plain data; rendering
is in `render.py`. Anchors are computed here because other code links to them (pinned scheme):
part N -> `part-N`, section (N) of part P -> `part-P-N`, item K -> `part-P-N-K`, article 第M条 of
part P -> `part-P-art-M`; a part's opening paragraph -> `part-P-intro`; a document without part
headings numbers its `一、` articles `art-N`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5}
_CN_DIGITS |= {"六": 6}
_CN_DIGITS |= {"七": 7, "八": 8, "九": 9}
_CN = "一二三四五六七八九十百零〇两兩"

DOC_HEADER = re.compile(r"^第\s*([0-9]+|[" + _CN + r"]+)\s*篇\s*[_\s]*(.+?)\s*$")
PART = re.compile(r"^([" + _CN + r"]+)\s*[、.．]\s*(.*)$")
SECTION = re.compile(r"^[((]\s*([" + _CN + r"]+)\s*[))]\s*[、.．]?\s*(.*)$")
ITEM = re.compile(r"^([0-9]{1,2})\s*(?:[))]\s*[、.．]?|[、.．](?![0-9]))\s*(.*)$")
ARTICLE = re.compile(r"^第\s*([" + _CN + r"]+|[0-9]+)\s*[条條]\s*(.*)$")
#: a part heading is a short title; a longer line or one with sentence punctuation is an article
_SENTENCE = re.compile(r"[。;;,,::]")
MAX_HEADING_CHARS = 24


def cn_number(text: str) -> int:
    """`十二` -> 12, `三` -> 3, `12` -> 12: the numbering the regulations use."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            current = _CN_DIGITS[ch]
    return total + current


def cn_numeral(number: int) -> str:
    """12 -> `十二`, the inverse of `cn_number` for the numbers regulations use (1-99)."""
    digits = "零一二三四五六七八九"
    tens, ones = divmod(number, 10)
    if tens == 0:
        return digits[ones]
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


@dataclass
class Block:
    """A numbered unit of text with its anchor; `body` holds the lines that follow it."""

    kind: str  # "part" | "section" | "item" | "article" | "paragraph" (an anchored sentence)
    number: int
    label: str  # the numbering as published, e.g. `一、`, `(一)`, `3、`, `第三条`
    text: str
    anchor: str
    body: list[str] = field(default_factory=list)
    children: list[Block] = field(default_factory=list)
    renumbered_from: str | None = None  # the number the source printed, when it was corrected
    notes: list[tuple[str, str]] = field(default_factory=list)  # (title, text) shown after it


@dataclass
class Parsed:
    """One document: its title, the text before the first numbered unit, and the units."""

    number: int
    title: str
    preamble: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    epilogue: list[str] = field(default_factory=list)


def split_documents(text: str) -> list[tuple[int, str, list[str]]]:
    """Split on `第N篇 <title>` lines; text without such a line is one untitled document."""
    docs: list[tuple[int, str, list[str]]] = []
    for line in text.split("\n"):
        header = DOC_HEADER.match(line.strip())
        if header:
            docs.append((cn_number(header.group(1)), header.group(2).lstrip("_ "), []))
        elif docs:
            docs[-1][2].append(line)
        elif line.strip():
            docs.append((1, "", [line]))
    return docs


def is_heading(text: str) -> bool:
    """Short and without sentence punctuation (a trailing colon allowed): a title, not a rule."""
    text = text.rstrip("::")
    return len(text) <= MAX_HEADING_CHARS and not _SENTENCE.search(text)


def _part_lines(lines: list[str]) -> list[str]:
    return [line.strip() for line in lines if line.strip()]


def parse_document(number: int, title: str, lines: list[str]) -> Parsed:
    """Parse one document's lines into parts/sections/items/articles with stable anchors."""
    lines = _part_lines(lines)
    if title and lines and lines[0].startswith(title):
        rest = lines[0][len(title) :].strip()
        lines = ([rest] if rest else []) + lines[1:]
    doc = Parsed(number=number, title=title)
    has_parts = any((m := PART.match(line)) and is_heading(m.group(2)) for line in lines)
    if has_parts:
        _parse_parts(doc, lines)
    else:
        _parse_articles(doc, lines)
    return doc


def _parse_articles(doc: Parsed, lines: list[str]) -> None:
    for line in lines:
        match = PART.match(line)
        if match:
            n = cn_number(match.group(1))
            label = f"{match.group(1)}、"
            doc.blocks.append(Block("article", n, label, match.group(2).strip(), f"art-{n}"))
        elif doc.blocks:
            doc.blocks[-1].body.append(line)
        else:
            doc.preamble.append(line)


def _parse_parts(doc: Parsed, lines: list[str]) -> None:
    part: Block | None = None
    section: Block | None = None
    last: Block | None = None
    for line in lines:
        part_m, section_m = PART.match(line), SECTION.match(line)
        item_m, article_m = ITEM.match(line), ARTICLE.match(line)
        if part_m and is_heading(part_m.group(2)):
            number = cn_number(part_m.group(1))
            expected = len(doc.blocks) + 1
            renumbered = None
            if number != expected:
                renumbered, number = part_m.group(1), expected
            text = part_m.group(2).strip()
            part = Block("part", number, f"{cn_numeral(number)}、", text, f"part-{number}")
            part.renumbered_from = renumbered
            doc.blocks.append(part)
            section = last = None
        elif part is None:
            doc.preamble.append(line)
        elif section_m:
            n = cn_number(section_m.group(1))
            text = section_m.group(2).strip()
            section = Block("section", n, f"({section_m.group(1)})", text, f"{part.anchor}-{n}")
            part.children.append(section)
            last = section
        elif article_m:
            n = cn_number(article_m.group(1))
            label = line[: article_m.start(2)].strip()  # 第一条 or 第一條, as printed
            last = Block("article", n, label, article_m.group(2).strip(), f"{part.anchor}-art-{n}")
            part.children.append(last)
        elif item_m and section is not None:
            n = int(item_m.group(1))
            label = line[: len(line) - len(item_m.group(2))].strip()
            last = Block("item", n, label, item_m.group(2).strip(), f"{section.anchor}-{n}")
            section.children.append(last)
        elif last is not None:
            last.body.append(line)
        else:
            part.body.append(line)


def walk(blocks: list[Block]) -> list[Block]:
    """Every block, depth first in reading order."""
    out: list[Block] = []
    for block in blocks:
        out.append(block)
        out.extend(walk(block.children))
    return out


def lift_sentence(doc: Parsed, prefix: str, anchor: str) -> bool:
    """Make the body line starting with `prefix` its own anchored unit at the end of its part.

    The source runs a part's closing sentence (the handover rule at the end of 四) into the
    last item; lifted, it can be linked to and read as what it is. False when no line matches.
    """
    for part in doc.blocks:
        for block in walk([part]):
            for index, line in enumerate(block.body):
                if line.startswith(prefix):
                    del block.body[index]
                    target = part if part.kind == "part" else doc
                    sentence = Block("paragraph", 0, "", line, anchor)
                    (target.children if isinstance(target, Block) else target.blocks).append(
                        sentence
                    )
                    return True
    return False
