"""Tables that grow with the staff, as JSON data files shown by `docs/assets/data-table.js`.

A national company's tables (2,000 people, a thousand regions) as Markdown would be megabytes
per page, and Python-Markdown would spend seconds on each. Such a table stays out of the
Markdown: the page keeps its summary (counts, citations, setting labels) and a placeholder, and
the rows go to `status/data/<name>.json`, which MkDocs copies as a static file (so it is not
rendered and not in the search index). The script renders the rows with DOM text nodes only,
with a filter box and paging.

The placeholder holds a Markdown link to the JSON file, so that MkDocs rewrites it for wherever
the page ends up (directory URLs, a sub-path); the script reads the link's resolved `href`.
Links inside the JSON are built here, from our own page paths only, relative to the JSON file.
Cells are text, or `{"text", "href"?, "cls"?}`; the text is the raw value, never markup.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence

from validator.site.pages.common import Pages, Site

DATA_DIR = "data"
Cell = str | dict[str, str]
_MD_LINK = re.compile(r"\]\(([^()\s]+)\)$")
_CLASS = re.compile(r"[a-z0-9 -]+")


def data_table(
    name: str,
    head: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    *,
    numeric: Iterable[int] = (),
    hint: str = "",
    prefix: str = "",
) -> tuple[list[str], Pages]:
    """The page's placeholder lines and the data file `data/<name>.json` for one table.

    `prefix` is the page's way back to the status directory (`../` for a page in a folder);
    `hint` says what the filter box matches (e.g. 姓名、区域)."""
    body = [list(row) for row in rows]
    data = {"columns": list(head), "numeric": sorted(set(numeric)), "rows": body}
    if hint:
        data["filter"] = hint
    rel = f"{DATA_DIR}/{name}.json"
    lines = [
        f'<div class="data-table" data-src="{prefix}{rel}" markdown="1">',
        "",
        f"[表格数据(JSON,共 {len(body)} 行)]({prefix}{rel})",
        "",
        "</div>",
        "<noscript>本表由页面脚本显示;浏览器未启用 JavaScript 时,请打开上面的表格数据。</noscript>",
        "",
    ]
    return lines, {rel: json_bytes(data)}


def json_bytes(data: object) -> bytes:
    """Compact and stable: an unchanged table is an unchanged file (no rebuild under serve)."""
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def url(target: str) -> str:
    """A page path relative to the status directory (`staff/a.md#x`, as the Markdown pages link)
    as a URL relative to the data directory, for MkDocs' directory URLs (`../staff/a/#x`)."""
    path, hash_, fragment = target.partition("#")
    path, query_mark, query = path.partition("?")
    if path.endswith("index.md"):
        path = path[: -len("index.md")]
    elif path.endswith(".md"):
        path = path[: -len(".md")] + "/"
    return f"../{path}{query_mark}{query}{hash_}{fragment}"


def link(label: str, target: str) -> Cell:
    """A cell linking to one of our pages (`target` relative to the status directory)."""
    return {"text": label, "href": url(target)}


def styled(label: str, cls: str, target: str | None = None) -> Cell:
    """A cell shown with a class of `status.css` (e.g. a weekly state's colour)."""
    if not _CLASS.fullmatch(cls):  # classes are ours; nothing from a report
        raise ValueError(f"not a class name: {cls!r}")
    found: dict[str, str] = {"text": label, "cls": cls}
    if target:
        found["href"] = url(target)
    return found


def state(value: str, label: str, target: str | None = None) -> Cell:
    """A weekly state as the coloured label the Markdown `badge` draws."""
    return styled(label, f"state state-{value.replace('_', '-')}", target)


def person(site: Site, staff_id: str) -> Cell:
    """A person's name, linked as `Site.staff_link` links it (its target, not its Markdown)."""
    member = site.staff.get(staff_id)
    name = member.name if member else staff_id
    found = _MD_LINK.search(site.staff_link(staff_id))
    return link(name, found.group(1)) if found else name


def people(site: Site, staff_ids: Iterable[str]) -> str:
    """Several names in one text cell (a filter matches any of them)."""
    return "、".join(plain(person(site, sid)) for sid in staff_ids)


def plain(cell: Cell) -> str:
    return cell if isinstance(cell, str) else cell["text"]
