"""The Traditional-Chinese variant of a regulation page and the language switcher's targets.

The importer renders the Traditional page from the source's own characters; only the lines the
rule registry adds (`rule_links.link_rules`, written in Simplified) need their words in
Traditional, and those few words are spelled out here rather than converted.
"""

from __future__ import annotations

import posixpath
import re

#: the Simplified words of a rule line -> the Traditional ones
_RULE_LINE = (("> 本条由校验规则 ", "> 本條由校驗規則 "), (" 执行。", " 執行。"))
#: Simplified page (docs-relative) -> its Traditional variant
HANT_DIR = "regulations/hant"


#: a relative link target: one more `../` from regulations/hant/
_RELATIVE_LINK = re.compile(r"\]\((?![a-z]+:|/|#)")


def traditional_rule_lines(markdown: str) -> str:
    """The rule lines `link_rules` added for the Simplified page, for its Traditional variant.

    The lines are computed for `regulations/<slug>.md` (that is the page the rules cite); here
    they get their words in Traditional and their links one folder deeper.
    """
    out = []
    for line in markdown.split("\n"):
        if line.startswith(_RULE_LINE[0][0]) and line.endswith(_RULE_LINE[1][0]):
            line = _RULE_LINE[0][1] + line[len(_RULE_LINE[0][0]) : -len(_RULE_LINE[1][0])]
            line = _RELATIVE_LINK.sub("](../", line + _RULE_LINE[1][1])
        out.append(line)
    return "\n".join(out)


def variants(page: str) -> tuple[str, str] | None:
    """(Simplified, Traditional) docs-relative paths when `page` is one of a pair, else None."""
    folder, name = posixpath.split(page)
    if folder == HANT_DIR:
        return f"regulations/{name}", page
    if folder == "regulations" and name != "index.md":
        return page, f"{HANT_DIR}/{name}"
    return None
