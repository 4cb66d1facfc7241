"""Placeholders in the site's Markdown, filled from the organisation's data at build time.

The guides and format pages must say the organisation's deadlines (`org/policy.yaml`) and cite
only the articles its handbook has (`org/handbook.yaml`, else the product's defaults), so they
never spell either themselves. They write:

- `{{ deadline.weekly }}`: 「每周一 13:00 前([办法 三(一)3](…))」, or 「…(本组织规定)」
  (names: the report kinds and `rounds`; `validator.features.deadlines_text`);
- `{{ due.weekly }}`: only the time, 「每周一 13:00 前」;
- `{{ basis.weekly }}`: only where the deadline comes from, the linked article or 本组织规定;
- `{{ cite.KEY }}`: 「([办法 三(六)](…))」 for a citation key of the handbook, or nothing when the
  organisation's handbook has no such article (its own regulations, or the samples removed);
- `{{ cite.KEY|TEXT }}`: TEXT with `{}` as that link, or nothing: a sentence that quotes the
  regulation (「规章({})要求…」) is said only while the handbook has the article it quotes;
- `{{ article.KEY }}`: the same link without the brackets, or 「—」 (for a table's column);
- `{{ regulations }}`: the handbook's regulation pages, linked, or 「本组织的规章」 when none.

`fill_page` is the one function: the MkDocs hook `placeholders.py` calls it for every page, and
`validator site` can call it for a generator that runs no hooks. A name it does not know is an
error, so a typo fails the strict build instead of showing braces.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from validator.features.deadlines_text import (
    DeadlineText,
    deadline_text,
    paper_vouchers_citation,
)
from validator.handbook.citations import label, relative
from validator.models.handbook import Handbook, default_handbook, handbook_of
from validator.models.policy import Policy

# `${{ … }}` is a workflow expression (the adoption guide shows some): never ours
PLACEHOLDER = re.compile(
    r"(?<!\$)\{\{\s*(?:(deadline|due|basis|cite|article|setting)\.([a-z][a-z0-9_-]*)"
    r"(?:\|(.*?))?|(regulations))\s*\}\}"
)


class PlaceholderError(ValueError):
    """A placeholder names something that does not exist (a typo in the docs)."""


def _link(text: str, link: str, page: str, exists: Callable[[str], bool]) -> str:
    """`[text](link)` relative to `page`, or the bare text when the target page is absent."""
    if not exists(link.partition("#")[0]):
        return text
    return f"[{text}]({relative(link, page)})"


def _basis(found: DeadlineText, page: str, exists: Callable[[str], bool]) -> str:
    if found.article is None or not exists(found.article.partition("#")[0]):
        return "本组织规定" if found.article is None else found.label
    return _link(found.label, found.article, page, exists)


def fill_page(
    markdown: str,
    page: str,
    policy: Policy,
    handbook: Handbook | None = None,
    exists: Callable[[str], bool] = lambda path: True,
) -> str:
    """`markdown` of `page` (docs-relative) with every placeholder filled; `exists` tells
    whether a docs-relative page is part of the build (a link to one that is not is dropped)."""
    book = handbook_of(handbook)

    def one(match: re.Match[str]) -> str:
        space, name, text, whole = match.group(1), match.group(2), match.group(3), match.group(4)
        if text is not None and space != "cite":
            raise PlaceholderError(f"{page}: only cite takes a text: {match.group(0)}")
        if whole:
            return _regulations(book, page, exists)
        if space == "setting":
            return _setting(policy, name, page, book, exists)
        if space in ("cite", "article"):
            found_link = _cite(book, name, page, exists)
            if space == "article":
                return found_link or "—"
            if text is not None:
                return text.replace("{}", found_link) if found_link else ""
            return f"({found_link})" if found_link else ""
        try:
            found = deadline_text(name, policy, book)
        except KeyError:
            raise PlaceholderError(f"{page}: unknown placeholder {match.group(0)}") from None
        basis = _basis(found, page, exists)
        return {"deadline": f"{found.when}({basis})", "due": found.when, "basis": basis}[space]

    return PLACEHOLDER.sub(one, markdown)


#: `{{ setting.NAME }}`: a text the organisation sets in org/policy.yaml, shown as its own rule,
#: and the citation key of the article its product default restates (cited while it is kept)
SETTINGS: dict[str, tuple[Callable[[Policy], str], Callable[[Policy], str | None]]] = {
    "paper_vouchers": (
        lambda policy: policy.reports.expenses.paper_vouchers,
        paper_vouchers_citation,
    ),
}


def _setting(
    policy: Policy, name: str, page: str, book: Handbook, exists: Callable[[str], bool]
) -> str:
    if name not in SETTINGS:
        raise PlaceholderError(f"{page}: unknown setting {{{{ setting.{name} }}}}")
    value, citation = SETTINGS[name]
    key = citation(policy)
    found = _cite(book, key, page, exists) if key is not None else ""
    return f"{value(policy)}({found or '本组织规定'})"


def _cite(book: Handbook, key: str, page: str, exists: Callable[[str], bool]) -> str:
    link = book.citations.get(key)
    if link is None:
        if key not in default_handbook().citations and key not in book.citations:
            raise PlaceholderError(f"{page}: unknown citation {{{{ cite.{key} }}}}")
        return ""
    if not exists(link.partition("#")[0]):
        return ""
    return _link(label(book, link), link, page, exists)


def _regulations(book: Handbook, page: str, exists: Callable[[str], bool]) -> str:
    found = [_link(d.title, d.page, page, exists) for d in book.documents if exists(d.page)]
    if not found:
        return "本组织的规章"
    return "、".join(found[:-1]) + ("和" if len(found) > 1 else "") + found[-1]
