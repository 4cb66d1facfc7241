"""`by-region.md` and `by-engineer.md`: who reported, region by region and per channel engineer.

A regional manager asks "who in my region has not reported?", a channel engineer the same of the
people routed to them (`channel_engineer` in org/staff.yaml, JP 三(一)3). Both pages show the two
newest weeks of the window, newest first as on every page, and on a Monday before the deadline
the week the summary counts too. A person posted to several regions is
listed under each. The public pages keep the counts and drop the names: the names of staff and
engineers are personal data.
"""

from __future__ import annotations

from collections.abc import Iterable

from validator.features.status import (
    DUE_STATES,
    LATE,
    MISSING,
    ON_TIME,
    STATE_ZH,
    StaffStatus,
    format_rate,
)
from validator.kinds import Period
from validator.models.org import routed_reviewer
from validator.site.pages.common import (
    MIN_GROUP,
    NO_DATA,
    PRIVATE,
    Pages,
    Site,
    header,
    newest_first,
)
from validator.site.pages.groups import UNROUTED, region_of
from validator.site.pages.tables import Cell, data_table, person, state

UNPOSTED = "unposted"  # the group of people without a posting in the weeks shown
POOLED = f"其他(不足 {MIN_GROUP} 人的区域)"  # the public row of the regions too small to show
SHOWN_WEEKS = 2  # this week and last: what "who has reported" is about
#: (slug, escaped title, members) in page order; the slug names the group's page when split
Grouped = list[tuple[str, str, list[StaffStatus]]]


def render(site: Site) -> Pages:
    return {**_by_region(site), **_by_engineer(site)}


def routed(site: Site) -> bool:
    """Whether the roster routes anyone's reports to a channel engineer."""
    return any(m.staff.channel_engineer for m in site.status.staff)


def _by_region(site: Site) -> Pages:
    title = "按区域查看提交情况"
    lines = header(site, title)
    if not site.status.staff:
        return {"by-region.md": "\n".join([*lines, NO_DATA, ""])}
    weeks = _weeks(site)
    lines += [
        _intro(weeks),
        "同时负责几个区域的人员在每个区域各列一次,因此各区域人数之和可能多于总人数。",
        "",
    ]
    groups = _regions(site, weeks)
    return _pages(site, "by-region", title, lines, groups if site.internal else _pooled(groups),
                  "区域", weeks)  # fmt: skip


def _pooled(groups: Grouped) -> Grouped:
    """The public groups: those of fewer than MIN_GROUP people pooled into one row (each
    person once), since who is posted where is in the roster and such a row would show one or
    two people's week."""
    shown = [group for group in groups if len(group[2]) >= MIN_GROUP]
    small = {m.staff.id: m for _, _, members in groups if len(members) < MIN_GROUP for m in members}
    if small:
        shown.append(("pooled", POOLED, list(small.values())))
    return shown


def _by_engineer(site: Site) -> Pages:
    title = "按渠道工程师查看提交情况"
    lines = header(site, title)
    if not site.status.staff:
        return {"by-engineer.md": "\n".join([*lines, NO_DATA, ""])}
    if not routed(site):
        lines += [
            "org/staff.yaml 中没有人设置 `channel_engineer`(渠道工程师),"
            "所以本页没有分组;设置后,这里按渠道工程师列出各自负责人员的提交情况。",
            "",
        ]
        return {"by-engineer.md": "\n".join(lines)}
    weeks = _weeks(site)
    groups = _engineers(site)
    if not site.internal:  # an engineer's row would name the engineer
        people = sum(len(members) for key, members in groups if key != UNROUTED)
        unrouted = sum(len(members) for key, members in groups if key == UNROUTED)
        engineers = sum(1 for key, _ in groups if key != UNROUTED)
        lines += [
            f"{engineers} 位渠道工程师共负责 {people} 人;未指定渠道工程师 {unrouted} 人。",
            "",
            PRIVATE,
            "",
        ]
        return {"by-engineer.md": "\n".join(lines)}
    titled = [(key, _engineer_title(site, key), members) for key, members in groups]
    lines += [_intro(weeks), ""]
    return _pages(site, "by-engineer", title, lines, titled, "渠道工程师", weeks)


def _weeks(site: Site) -> list[Period]:
    """This week and last, and the week the summary counts if it is older: on a Monday before
    the deadline both are still 待交, and who is missing shows in the week before them."""
    newest = newest_first(site.status.weeks)
    shown = newest[:SHOWN_WEEKS]
    counted = site.status.last_due_week
    if counted is not None and all(week.text != counted for week in shown):
        shown += [week for week in newest if week.text == counted]
    return shown


def _intro(weeks: list[Period]) -> str:
    shown = "、".join(w.text for w in weeks)
    return f"下表列出 {shown} 的周报状态(最新的一周在前),以及最近 12 周的准时率。"


def _pages(
    site: Site,
    name: str,
    title: str,
    lines: list[str],
    groups: Grouped,
    what: str,
    weeks: list[Period],
) -> Pages:
    """The summary per group (both audiences), then everyone's row under each of their groups
    (internal only): two JSON-fed tables (`tables.py`), so that neither the page nor the number
    of pages grows with a national company's thousand regions; the filter finds a group."""
    week = site.status.last_due_week
    lines = [*lines, f"## 汇总{f'({week})' if week else ''}", ""]
    rows: list[list[Cell]] = [
        [group, str(len(members)), *_counts(members, week)] for _, group, members in groups
    ]
    head = [what, "人数", "应交", "已交", "准时", "迟交", "缺交", "提交率"]
    summary, pages = data_table(
        f"{name}-summary", head, rows, numeric=range(1, len(head)), hint=what
    )
    lines += [f"共 {len(groups)} 个{what}分组,每组一行:", "", *summary]
    if not site.internal:
        return {f"{name}.md": "\n".join([*lines, PRIVATE, ""]), **pages}
    lines += ["## 每组人员", "", f"每人在所属的每个{what}分组下各列一行。", ""]
    people = [
        [group, *_person(site, member, weeks)] for _, group, members in groups for member in members
    ]
    head = [what, "人员", *(w.text for w in weeks), "准时率", "连续准时"]
    body, data = data_table(
        name, head, people, numeric=[len(head) - 2, len(head) - 1], hint=f"{what}、姓名、状态"
    )
    pages.update(data)
    return {f"{name}.md": "\n".join([*lines, *body]), **pages}


def _person(site: Site, member: StaffStatus, weeks: list[Period]) -> list[Cell]:
    """One person's cells: the weeks shown (newest first), on-time rate and streak."""
    return [
        person(site, member.id),
        *(state(member.cells[w.text].state, STATE_ZH[member.cells[w.text].state]) for w in weeks),
        format_rate(member.on_time_rate),
        f"{member.streak} 周",
    ]


def _counts(members: Iterable[StaffStatus], week: str | None) -> list[str]:
    """Owed, submitted, on time, late, missing and the submission rate of the last due week."""
    if week is None:
        return ["—"] * 6
    states = [m.cells[week].state for m in members]
    owed = sum(1 for s in states if s in DUE_STATES)
    on_time, late, missing = (states.count(s) for s in (ON_TIME, LATE, MISSING))
    rate = format_rate((on_time + late) / owed if owed else None)
    return [str(owed), str(on_time + late), str(on_time), str(late), str(missing), rate]


def _regions(site: Site, weeks: list[Period]) -> Grouped:
    """Every region of org/regions.yaml in its order (an empty one too), then any other region a
    posting names, then the people with no posting in the weeks shown."""
    start, end = min(w.start for w in weeks), max(w.end for w in weeks)
    placed: dict[str, list[StaffStatus]] = {r.id: [] for r in site.org.regions.regions}
    for member in site.status.staff:
        regions = member.staff.regions_during(start, end)
        if not regions:
            latest = region_of(site, member.staff)
            regions = [latest] if latest else [UNPOSTED]
        for region in regions:
            placed.setdefault(region, []).append(member)
    return [
        (region, _region(site, region) if region != UNPOSTED else "未派驻", members)
        for region, members in sorted(placed.items(), key=lambda item: item[0] == UNPOSTED)
    ]


def _engineers(site: Site) -> list[tuple[str, list[StaffStatus]]]:
    """Engineer id (or `UNROUTED`) -> the people routed to them; the unrouted last, with those
    whose `channel_engineer` names no reviewer (rule `routing`): CODEOWNERS gives their folders
    to every reviewer and no engineer's digest holds them."""
    routes: dict[str, list[StaffStatus]] = {}
    for member in site.status.staff:
        engineer = routed_reviewer(site.staff, member.staff.channel_engineer)
        routes.setdefault(engineer.id if engineer else UNROUTED, []).append(member)
    return sorted(routes.items(), key=lambda item: (item[0] == UNROUTED, item[0]))


def _engineer_title(site: Site, engineer: str) -> str:
    """The group's title as JSON text (the engineer's name, not Markdown)."""
    member = site.staff.get(engineer)
    return (
        "未指定渠道工程师"
        if engineer == UNROUTED
        else f"{member.name if member else engineer}负责的人员"
    )


def _region(site: Site, region: str) -> str:
    found = site.org.region_by_id.get(region)
    return found.name if found else region
