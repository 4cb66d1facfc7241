"""Regenerate the handbook's rule notes from the organisation's data, and remove the samples.

`regenerate` rewrites `docs/rules.md` and the notes under each article of every regulation page
the handbook lists. `remove_samples` is the one step that takes the product's sample regulations
out of an adopting organisation's repository: their pages, their nav and language-switcher
entries in `mkdocs.yml`, and every article, rule link and citation into them (written to
`org/handbook.yaml`), so `mkdocs build --strict` passes without them. Both rewrite the JSON
Schemas too (`validator schema`): their descriptions cite the handbook's articles.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from pydantic import ValidationError

from validator.core.errors import UsageError
from validator.features.schemas import DEFAULT_DIR as SCHEMA_DIR
from validator.features.schemas import write_schemas
from validator.handbook.rule_links import link_rules, rules_page
from validator.models.handbook import Handbook, handbook_of
from validator.repo.org_data import load_org

ORG_FILE = "org/handbook.yaml"


def load_handbook(root: Path) -> Handbook:
    """`org/handbook.yaml` of `root`, else the product's defaults; a broken file is a usage
    error (`validator check` reports it line by line)."""
    path = root / ORG_FILE
    if not path.is_file():
        return handbook_of(None)
    try:
        return Handbook.model_validate(yaml.safe_load(path.read_text("utf-8")))
    except (yaml.YAMLError, ValidationError, UnicodeDecodeError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise UsageError(f"{ORG_FILE} 无效({first});请先运行 validator check {ORG_FILE}") from None


def regenerate(root: Path, handbook: Handbook | None = None) -> list[str]:
    """Write `docs/rules.md`, the rule notes of each listed page and the JSON Schemas (their
    descriptions cite the handbook's articles, so they change with it); the paths written."""
    book = handbook or load_handbook(root)
    docs = root / "docs"
    written = ["docs/rules.md"]
    (docs / "rules.md").write_text(rules_page(handbook=book), "utf-8")
    for document in book.documents:
        page = docs / document.page
        if page.is_file():
            text = link_rules(page.read_text("utf-8"), document.page, handbook=book)
            page.write_text(text, "utf-8")
            written.append(f"docs/{document.page}")
    # a broken org/policy.yaml leaves the defaults' deadlines, as `validator schema` does
    policy = load_org(root, []).policy
    schemas = write_schemas(root / SCHEMA_DIR, policy, book)
    return written + [path.relative_to(root).as_posix() for path in schemas]


def _index(book: Handbook) -> str:
    lines = ["# 规章制度", ""]
    if not book.documents:
        lines += [
            "本组织的规章尚未导入。用 `validator handbook import` 导入后,"
            "在 `org/handbook.yaml` 中登记(见[在其他组织采用](../guide/adopt.md))。",
            "",
        ]
    for document in book.documents:
        lines.append(f"- [{document.title}]({Path(document.page).name})")
    lines += ["", "条款下方的“本条由校验规则 … 执行”列出了检查该条款的[校验规则](../rules.md)。"]
    lines.append("")
    return "\n".join(lines)


def _drop_from_mkdocs(text: str, slugs: list[str]) -> str:
    """`mkdocs.yml` without nav lines for the removed pages and without language-switcher
    items that link to them (line-based, so comments and layout stay as they are)."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    page_ref = re.compile(r"regulations/(?:hant/)?(" + "|".join(map(re.escape, slugs)) + r")[./]")
    while i < len(lines):
        line = lines[i]
        if re.match(r"^\s*- name:", line):  # an `alternate:` item of name/link/lang lines
            block = [line]
            j = i + 1
            while j < len(lines) and re.match(r"^\s+(link|lang):", lines[j]):
                block.append(lines[j])
                j += 1
            if not any(page_ref.search(b) for b in block):
                out += block
            i = j
            continue
        if not (page_ref.search(line) and re.match(r"^\s*- ", line)):
            out.append(line)
        i += 1
    result = "\n".join(out)
    return re.sub(r"\n  alternate:\n(?=\S|\n)", "\n", result)


def remove_samples(root: Path) -> list[str]:
    """Remove the sample regulations; the paths written or removed."""
    book = load_handbook(root)
    samples = [d for d in book.documents if d.sample]
    kept = book.without_samples()
    changed: list[str] = []
    for document in samples:
        folder, name = Path(document.page).parent, Path(document.page).name
        for rel in (document.page, (folder / "hant" / name).as_posix()):  # and its Traditional copy
            page = root / "docs" / rel
            if page.exists():
                page.unlink()
                changed.append(f"docs/{rel}")
    data = kept.model_dump(mode="json")
    header = "# yaml-language-server: $schema=../docs/schemas/handbook.schema.json\n"
    header += "# 本组织的规章、条款名称和校验规则依据(格式见 docs/formats/org.md#handbook)\n"
    (root / ORG_FILE).write_text(header + yaml.safe_dump(data, allow_unicode=True), "utf-8")
    changed.append(ORG_FILE)
    index = root / "docs/regulations/index.md"
    if index.parent.is_dir():
        index.write_text(_index(kept), "utf-8")
        changed.append("docs/regulations/index.md")
    mkdocs = root / "mkdocs.yml"
    slugs = [Path(d.page).stem for d in samples]
    if mkdocs.is_file() and slugs:
        mkdocs.write_text(_drop_from_mkdocs(mkdocs.read_text("utf-8"), slugs), "utf-8")
        changed.append("mkdocs.yml")
    return changed + regenerate(root, kept)
