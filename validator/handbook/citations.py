"""Citations as pages and guides show them, from the organisation's handbook data.

Pages never spell an article themselves: they ask for a citation by key (`rotation`,
`ranking`, …) and get the article's name linked to its anchor, or nothing when the
organisation's handbook has no such article (its own regulations, or the samples removed).
What the organisation chose instead (deadline days, windows, round dates) is labelled
`ORG_SETTING` and cites no article.
"""

from __future__ import annotations

import posixpath

from validator.models.handbook import Handbook

#: how an organisation's own choice is labelled wherever a regulation would be cited
ORG_SETTING = "本组织规定"


def own_setting(value: object, regulation: object) -> str:
    """「(本组织规定)」 after a number the organisation set other than the regulation does (a
    rotation threshold, say), so that it is not read as the article's; nothing otherwise."""
    return "" if value == regulation else f"({ORG_SETTING})"


def relative(link: str, page: str) -> str:
    """`link` (docs-relative) as written on `page` (docs-relative, e.g. status/rotation.md)."""
    target, _, anchor = link.partition("#")
    rel = posixpath.relpath(target, posixpath.dirname(page) or ".")
    return f"{rel}#{anchor}" if anchor else rel


def label(handbook: Handbook, link: str) -> str:
    return handbook.articles.get(link, link)


def cite(handbook: Handbook, key: str, page: str) -> str | None:
    """`[办法 四(一)](../regulations/…#part-4-1)` for citation `key` on `page`, or None."""
    link = handbook.citations.get(key)
    if link is None:
        return None
    return f"[{label(handbook, link)}]({relative(link, page)})"


def basis(handbook: Handbook, key: str, page: str) -> str:
    """「依据 <citation>:」 or nothing, to open a sentence that states the rule."""
    found = cite(handbook, key, page)
    return f"依据{found}:" if found else ""
