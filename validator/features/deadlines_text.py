"""How a deadline reads, from the organisation's `org/policy.yaml`: one place for every text.

Pages, guides (through the site's placeholders) and the JSON Schemas say the deadline the
organisation configured, never the product's default. Each text names where it comes from: the
article, when the kind's deadline is the regulation's (`Kind.due_article`), the handbook cites it
and the policy keeps the regulation's value; otherwise 「本组织规定」 and no article (an
organisation that moves the weekly deadline to 12:00 has made its own rule).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from validator.kinds import KINDS, deadline_article
from validator.models.handbook import Handbook, default_handbook
from validator.models.policy import PAPER_VOUCHERS, WEEKDAYS, Policy, parse_duration

#: how an organisation's own choice is labelled wherever a regulation would be cited
ORG_SETTING = "本组织规定"
_WEEKDAY_ZH = dict(zip(WEEKDAYS, "一二三四五六日", strict=True))
_UNITS_ZH = {"s": "秒", "m": "分钟", "h": "小时", "d": "天"}
#: the names a placeholder may ask for: the report kinds plus the other windows and dates
NAMES = (*KINDS, "rounds")


@dataclass(frozen=True)
class DeadlineText:
    """A deadline as words, and the article it comes from (None: the organisation's setting)."""

    when: str  # 每周一 13:00 前
    article: str | None  # a docs-relative link into the handbook, e.g. regulations/…#part-3-1-3
    label: str  # the article's name, or 本组织规定

    @property
    def plain(self) -> str:
        """「每周一 13:00 前(办法 三(一)3)」, for texts that cannot link (schemas, messages)."""
        return f"{self.when}({self.label})"


def duration_zh(text: str) -> str:
    """`24h` -> 24 小时, `7d` -> 7 天, `90m` -> 90 分钟: in the unit the policy wrote."""
    parse_duration(text)  # ValueError for anything else
    number, unit = text.strip()[:-1].strip(), text.strip()[-1]
    return f"{int(number)} {_UNITS_ZH[unit]}"


def _month_day(text: str) -> str:
    month, day = text.split("-")
    return f"{int(month)} 月 {int(day)} 日"


def _when(name: str, policy: Policy) -> str:
    reports = policy.reports
    if name == "weekly":
        due = reports.weekly.due
        return f"每周{_WEEKDAY_ZH[due.weekday]} {due.time} 前"
    if name in ("monthly", "expenses"):
        month = reports.monthly.due if name == "monthly" else reports.expenses.due
        return f"次月 {month.day} 日 {month.time} 前"
    if name == "incidents":
        return f"发生后 {duration_zh(reports.incidents.due_within)}内"
    if name == "handover":
        return f"派驻结束后 {duration_zh(reports.handover.due_within)}内"
    if name == "rounds":
        rounds = policy.rotation.rounds
        return "每年 " + "、".join(map(_month_day, rounds)) if rounds else "未设置调整日期"
    raise KeyError(name)


def deadline_text(name: str, policy: Policy, handbook: Handbook | None = None) -> DeadlineText:
    """The deadline `name` (a kind, or `rounds`) under `policy`, cited from `handbook` (default:
    the product's) when it is the regulation's; KeyError for an unknown name."""
    when = _when(name, policy)
    book = handbook if handbook is not None else default_handbook()
    link = deadline_article(name, policy, book)
    if link is not None:
        return DeadlineText(when, link, book.articles.get(link, link))
    return DeadlineText(when, None, ORG_SETTING)


def paper_vouchers_citation(policy: Policy) -> str | None:
    """The citation key to cite after the policy's words on paper vouchers: `expenses` (办法
    三(一)4: 次月10号前将上月相关报销凭证及时寄回) while they are the product's default, which
    restates that article; None for words the organisation wrote (its own rule)."""
    return "expenses" if policy.reports.expenses.paper_vouchers == PAPER_VOUCHERS else None


def deadline_texts(policy: Policy, handbook: Handbook | None = None) -> dict[str, DeadlineText]:
    """Every deadline text, by name."""
    return {name: deadline_text(name, policy, handbook) for name in NAMES}


def fill(text: str, policy: Policy, handbook: Handbook | None = None) -> str:
    """`text` with each `{{ deadline.NAME }}` in plain words and each citation filled from
    `handbook` (for schemas and messages): see `cite_plain`."""
    for name, found in deadline_texts(policy, handbook).items():
        text = text.replace(f"{{{{ deadline.{name} }}}}", found.plain)
        text = text.replace(f"{{{{ due.{name} }}}}", found.when)
    book = handbook if handbook is not None else default_handbook()
    return _CITE.sub(lambda match: cite_plain(book, match[1], match[2]), text)


#: `{{ cite.KEY }}`, or `{{ cite.KEY|TEXT }}` with `{}` in TEXT for the article's name
_CITE = re.compile(r"\{\{ cite\.([a-z][a-z0-9_-]*)(?:\|(.*?))? \}\}")


def cite_plain(handbook: Handbook, key: str, text: str | None = None) -> str:
    """「(办法 三(六))」 for citation `key` of `handbook` (`text` with `{}` as its name, when
    given), or nothing when the handbook cites no article for it: the words an organisation
    reads never name an article of a regulation it removed or numbers differently. A key the
    product's handbook does not know either is a typo: KeyError."""
    link = handbook.citations.get(key)
    if link is None:
        if key not in default_handbook().citations:
            raise KeyError(f"unknown citation {{{{ cite.{key} }}}}")
        return ""
    name = handbook.articles.get(link, link)
    return text.replace("{}", name) if text is not None else f"({name})"
