"""`validator remind --send`: each person's own reminder, and the group robots' nudge.

Built from the same `Reminders` the Markdown of `validator remind` is (`remind.py`), so the
issue comment and the messages never disagree. A letter holds only its recipient's items:
what is due, by when (with the article, or 「本组织规定」 for the organisation's own deadlines),
how to submit, the form link, and the spare units past their due date on the recipient's
latest monthly report. The nudge carries no report content (nor those units), only what is due
and whom it concerns, because a group robot posts to a chat that others read.
"""

from __future__ import annotations

import hashlib
import html

from validator.features.deadlines_text import ORG_SETTING
from validator.features.outgoing import Letter, Nudge, NudgeLine
from validator.features.remind import Overdue, Owed, Reminders, spare_title, unit_text
from validator.kinds import KINDS
from validator.models.org import Staff


def _basis(owed: Owed, found: Reminders) -> str:
    """The article only while the policy keeps the regulation's deadline (a moved one is the
    organisation's own rule), named as the organisation's handbook names it."""
    return found.basis.get(owed.period.kind, ORG_SETTING)


def _when(owed: Owed, found: Reminders) -> str:
    return owed.due.astimezone(found.as_of.tzinfo).strftime("%Y-%m-%d %H:%M")


def _item(owed: Owed, found: Reminders) -> str:
    label = KINDS[owed.period.kind].label_zh
    return f"{label} {owed.period.text}:截止 {_when(owed, found)}({_basis(owed, found)})"


def _key(
    prefix: str,
    found: Reminders,
    items: list[tuple[str, Owed]],
    units: tuple[Overdue, ...] | list[Overdue] = (),
) -> str:
    """Same run day and same owed items: the same reminder (so a re-run sends nothing)."""
    listed = ",".join(
        sorted(
            [f"{stage}:{o.staff.id}:{o.period.kind}/{o.period.text}" for stage, o in items]
            + [f"spare:{u.staff.id}:{u.serial}" for u in units]
        )
    )
    digest = hashlib.sha256(listed.encode()).hexdigest()[:16]
    return f"{prefix}:{found.as_of.date().isoformat()}:{digest}"


#: the stages of a reminder, in the order a letter lists them
_TITLES = (
    ("soon", "24 小时内截止"),
    ("handover", "派驻已结束,待提交工作交接(期限为本组织规定)"),
    ("missing", "已过截止时间仍未提交"),
)


def _stages(found: Reminders) -> tuple[tuple[str, list[Owed]], ...]:
    return (("soon", found.due_soon), ("handover", found.handovers), ("missing", found.missing))


def reminder_letters(found: Reminders, site_url: str | None = None) -> list[Letter]:
    """One letter per person who owes something, holding only that person's items."""
    people: dict[str, tuple[Staff, list[tuple[str, Owed]]]] = {}
    for stage, listed in _stages(found):
        for owed in listed:
            people.setdefault(owed.staff.id, (owed.staff, []))[1].append((stage, owed))
    spares: dict[str, list[Overdue]] = {}
    for unit in found.spare_units:
        people.setdefault(unit.staff.id, (unit.staff, []))
        spares.setdefault(unit.staff.id, []).append(unit)
    site = site_url.rstrip("/") if site_url else None
    letters = []
    for member, items in people.values():
        by_stage = {stage: [o for s, o in items if s == stage] for stage, _ in _TITLES}
        units = spares.get(member.id, [])
        subject = "报告提醒:" + "、".join(
            [f"{KINDS[o.period.kind].label_zh} {o.period.text}" for _, o in items]
            + [f"备用机 {u.serial} 应归还" for u in units]
        )
        text = [f"{member.name}您好:", ""]
        body = [f"<p>{html.escape(member.name)}您好:</p>"]
        for stage, title in _TITLES:
            if by_stage[stage]:
                _listed(text, body, title, [_item(o, found) for o in by_stage[stage]])
        if units:
            _listed(text, body, spare_title(found), [unit_text(u) for u in units])
        how = (
            "提交方法:在仓库中运行 validator new weekly(或 monthly、expenses)生成预填的报告,"
            f"放在 submissions/{member.id}/ 下,经拉取请求提交;逾期的报告请填写 late_reason。"
        )
        text.append(how)
        body.append(f"<p>{html.escape(how)}</p>")
        if site:
            text.append(f"在线填写表单:{site}/form/")
            body.append(f'<p><a href="{html.escape(site)}/form/">在线填写表单</a></p>')
        letters.append(
            Letter(
                member,
                _key("remind", found, items, units),
                subject,
                "\n".join(text) + "\n",
                '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
                f"<title>{html.escape(subject)}</title></head><body>"
                + "\n".join(body)
                + "</body></html>",
            )
        )
    return letters


def _listed(text: list[str], body: list[str], title: str, lines: list[str]) -> None:
    """A titled list, added to a letter's text and to its HTML."""
    text += [f"{title}:", *(f"  - {line}" for line in lines), ""]
    items = [f"<li>{html.escape(line)}</li>" for line in lines]
    body += [f"<p>{html.escape(title)}:</p><ul>", *items, "</ul>"]


def reminder_nudge(found: Reminders, site_url: str | None = None) -> Nudge | None:
    """The group robots' message: per owed report and deadline, whom it concerns; None when
    nothing is owed."""
    groups: dict[tuple[str, str, str, str], list[Staff]] = {}
    staged: list[tuple[str, Owed]] = []
    for stage, listed in _stages(found):
        for owed in listed:
            staged.append((stage, owed))
            head = (stage, owed.period.kind, owed.period.text, _when(owed, found))
            groups.setdefault(head, []).append(owed.staff)
    if not groups:
        return None
    lines = []
    for (stage, kind, period, when), people in groups.items():
        label = KINDS[kind].label_zh
        words = {"soon": "即将截止", "handover": "待提交工作交接"}.get(
            stage, "已过截止时间仍未提交"
        )
        lines.append(NudgeLine(f"{label} {period}(截止 {when}){words}:", tuple(people)))
    link = f"{site_url.rstrip('/')}/form/" if site_url else None
    return Nudge(
        _key("remind-nudge", found, staged),
        f"报告提醒({found.as_of.strftime('%Y-%m-%d %H:%M')})",
        tuple(lines),
        link,
    )
