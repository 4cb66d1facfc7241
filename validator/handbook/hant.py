"""The Traditional-Chinese variant of a regulation page, derived from the Simplified one."""

from __future__ import annotations

import re

from validator.handbook.clean import to_traditional

#: relative links in a page one folder up: `](../rules.md#x)` -> `](../../rules.md#x)`
_RELATIVE_LINK = re.compile(r"\]\((?![a-z]+:|/|#)")


def traditional_page(markdown: str, slug: str) -> str:
    """`markdown` (docs/regulations/<slug>.md) as it is published under regulations/hant/.

    OpenCC s2t converts the text; anchors, Markdown syntax and link targets are ASCII and stay,
    relative links gain one `../` because the page sits one folder deeper.
    """
    body = _RELATIVE_LINK.sub("](../", to_traditional(markdown))
    title, _, rest = body.partition("\n")
    notice = (
        f'!!! abstract "繁體版"\n    本頁由簡體版自動轉換(OpenCC s2t),'
        f"以簡體版為準:[簡體中文版](../{slug}.md)。"
    )
    return f"{title}\n\n{notice}\n{rest}"
