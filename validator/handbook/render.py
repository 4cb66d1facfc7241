"""Render a parsed regulation as MkDocs Markdown (attr_list anchors, admonitions).

Headings carry `{#id}`; long numbered paragraphs carry a block attribute list `{: #id }` on their
last line, so every unit has a stable anchor whether or not it is a heading. A page is rendered
in one script (`hans` Simplified, `hant` Traditional): the words the renderer adds itself come
from `WORDS`, the reconstruction marks of `clean.py` become `<span>`s the reader can see.
"""

from __future__ import annotations

import re

from validator.handbook.clean import CORRECTED, INSERTED, RECONSTRUCTED
from validator.handbook.structure import Block, Parsed, cn_numeral, is_heading

#: what the renderer writes itself, in each script (hand-written: no round trip through OpenCC)
WORDS: dict[str, dict[str, str]] = {
    "hans": {
        "about": "关于本页",
        "editor": "编者注",
        "org": "本组织规定",
        "renumbered": "原文此处编号为“{was}”,与前文重复或不连续;按顺序应为“{now}”,本手册已更正。",
        "repaired": "原文此处因抓取时丢失字节而损坏,已按前后文自动修复",
        "corrected": "原文此处因抓取时丢失字节而损坏,已由编者按上下文更正",
        "inserted": "原文脱字,编者补",
    },
    "hant": {
        "about": "關於本頁",
        "editor": "編者注",
        "org": "本組織規定",
        "renumbered": "原文此處編號為「{was}」,與前文重複或不連續;"
        "按順序應為「{now}」,本手冊已更正。",
        "repaired": "原文此處因抓取時遺失位元組而損壞,已按前後文自動修復",
        "corrected": "原文此處因抓取時遺失位元組而損壞,已由編者按上下文更正",
        "inserted": "原文脫字,編者補",
    },
}

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")
_DEFINITION = re.compile(r"^[^。;]{1,40}[―—–]")


def escape(text: str) -> str:
    """Escape Markdown syntax in source text, so a regulation is never read as markup."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def _heading(level: int, label: str, text: str, anchor: str) -> str:
    gap = " " if label.endswith(".") else ""
    return f"{'#' * level} {escape(label)}{gap}{escape(text.rstrip(':: '))} {{#{anchor}}}"


def _paragraph(text: str, anchor: str | None = None, label: str = "") -> str:
    lead = f"**{escape(label)}** " if label else ""
    attrs = f"\n{{: #{anchor} }}" if anchor else ""
    return f"{lead}{escape(text)}{attrs}"


def _body(lines: list[str]) -> list[str]:
    """Body lines: definition-like lines (`一类―…`) become a list, others paragraphs."""
    out: list[str] = []
    bullets: list[str] = []
    for line in lines:
        if _DEFINITION.match(line):
            bullets.append(f"- {escape(line.replace('―', '—'))}")
            continue
        if bullets:
            out.append("\n".join(bullets))
            bullets = []
        out.append(_paragraph(line))
    if bullets:
        out.append("\n".join(bullets))
    return out


def _note(title: str, text: str) -> str:
    kind = "tip" if title in {WORDS["hans"]["org"], WORDS["hant"]["org"]} else "note"
    return f'!!! {kind} "{title}"\n    {text}'


def _as_heading(block: Block) -> Block | None:
    """An item `标题:内容` as a titled item with the content as its body, or None."""
    title, sep, rest = block.text.partition(":")
    if not sep:
        title, sep, rest = block.text.partition(":")
    if not sep or not rest.strip() or not is_heading(title):
        return None
    return Block(block.kind, block.number, block.label, title, block.anchor, [rest.strip()])


def _headed(block: Block) -> bool:
    return block.kind == "item" and bool(block.text) and is_heading(block.text) and bool(block.body)


def _block(block: Block, level: int, words: dict[str, str], as_heading: bool = False) -> list[str]:
    out: list[str] = []
    if as_heading and not _headed(block):
        block = _as_heading(block) or block
    intro: list[str] = []
    body = block.body
    if block.kind in {"part", "section"} or _headed(block):
        out.append(_heading(level, block.label, block.text, block.anchor))
        if block.kind == "part" and body:
            intro, body = [_paragraph(body[0], f"{block.anchor}-intro")], body[1:]
    elif block.kind == "article" and not block.text and body:
        out.append(_paragraph(body[0], block.anchor, block.label))
        body = body[1:]
    else:
        out.append(_paragraph(block.text, block.anchor, block.label))
    if block.renumbered_from:
        text = words["renumbered"].format(was=block.renumbered_from, now=cn_numeral(block.number))
        out.append(_note(words["editor"], text))
    out.extend(_note(title, text) for title, text in block.notes)
    out.extend(intro)
    out.extend(_body(body))
    items = [child for child in block.children if child.kind == "item"]
    # the items of one section read alike: all headings once one of them has to be
    headed = any(_headed(child) for child in items)
    for child in block.children:
        out.extend(_block(child, level + 1, words, headed and child.kind == "item"))
    return out


def _marks(markdown: str, words: dict[str, str]) -> str:
    """The reconstruction marks as spans (styled in docs/stylesheets/handbook.css)."""
    spans = {
        RECONSTRUCTED: f'<span class="reconstructed" title="{words["repaired"]}">',
        CORRECTED: f'<span class="reconstructed corrected" title="{words["corrected"]}">',
        INSERTED: f'<span class="inserted" title="{words["inserted"]}">[',
    }
    for (opening, closing), span in spans.items():
        end = "]</span>" if opening == INSERTED[0] else "</span>"
        markdown = markdown.replace(opening, span).replace(closing, end)
    return markdown


def render(doc: Parsed, notes: list[str], script: str = "hans") -> str:
    """The page for one document in `script`; `notes` are shown under the title."""
    words = WORDS[script]
    out = [f"# {escape(doc.title)}"]
    if notes:
        out.append(f'!!! info "{words["about"]}"\n' + "\n".join(f"    {n}" for n in notes))
    out.extend(_paragraph(line) for line in doc.preamble)
    for block in doc.blocks:
        out.extend(_block(block, 2, words))
    out.extend(_paragraph(line) for line in doc.epilogue)
    return _marks("\n\n".join(out) + "\n", words)
