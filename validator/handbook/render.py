"""Render a parsed regulation as MkDocs Markdown (attr_list anchors, admonitions).

Headings carry `{#id}`; long numbered paragraphs carry a block attribute list `{: #id }` on their
last line, so every unit has a stable anchor whether or not it is a heading.
"""

from __future__ import annotations

import re

from validator.handbook.structure import Block, Parsed, is_heading

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


def _note(text: str) -> str:
    return f'!!! note "编者注"\n    {text}'


def _block(block: Block, level: int) -> list[str]:
    out: list[str] = []
    titled = bool(block.text) and is_heading(block.text)
    if block.kind in {"part", "section"} or (block.kind == "item" and titled and block.body):
        out.append(_heading(level, block.label, block.text, block.anchor))
    elif block.kind == "article" and not block.text and block.body:
        out.append(_paragraph(block.body[0], block.anchor, block.label))
        block = Block(block.kind, block.number, block.label, "", block.anchor, block.body[1:])
    else:
        out.append(_paragraph(block.text, block.anchor, block.label))
    if block.note:
        out.append(_note(block.note))
    out.extend(_body(block.body))
    for child in block.children:
        out.extend(_block(child, level + 1))
    return out


def render(doc: Parsed, notes: list[str]) -> str:
    """The page for one document; `notes` are editor's notes shown under the title."""
    out = [f"# {escape(doc.title)}"]
    if notes:
        out.append('!!! info "关于本页"\n' + "\n".join(f"    {note}" for note in notes))
    out.extend(_paragraph(line) for line in doc.preamble)
    for block in doc.blocks:
        out.extend(_block(block, 2))
    out.extend(_paragraph(line) for line in doc.epilogue)
    return "\n\n".join(out) + "\n"
