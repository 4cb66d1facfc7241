"""`rotation.md`: tenure in the current region and who is due for rotation (JP 四(一)1–2)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from validator.site.pages.common import NO_DATA, Pages, Site, header, months_between, table
from validator.features.status import StaffStatus

PROTECTED, DUE, LOW_SCORE, NORMAL, NOT_POSTED = "保护期", "任期已满", "绩效低于线", "正常", "未派驻"


@dataclass(frozen=True)
class Tenure:
    member: StaffStatus
    regions: list[str]
    since: dt.date | None
    months: int
    score: tuple[str, float] | None  # the latest monthly score
    verdict: str


def render(site: Site) -> Pages:
    policy = site.org.policy
    rotation, threshold = policy.rotation, policy.performance.threshold
    lines = header(site, "岗位轮换")
    upcoming = next_round(site.today, rotation.rounds)
    lines += [
        f"依据[办法 四(一)](../regulations/customer-service.md#part-4-1):任职未满 "
        f"{rotation.protected_months} 个月不调整(保护期);同一地区任期满 {rotation.due_months} "
        f"个月原则上轮换;月度考核低于 {threshold} 分相应调整。",
        "",
        f"下一轮全国区域调整:**{upcoming:%Y-%m-%d}**(每年 {'、'.join(rotation.rounds)})。"
        if upcoming
        else "未设置调整日期。",
        "",
    ]
    tenures = [tenure(site, m) for m in site.status.staff]
    if not tenures:
        return {"rotation.md": "\n".join([*lines, NO_DATA, ""])}
    counts = {v: sum(t.verdict == v for t in tenures) for v in (PROTECTED, DUE, LOW_SCORE, NORMAL)}
    counts[NOT_POSTED] = sum(t.verdict == NOT_POSTED for t in tenures)
    lines += ["## 汇总", ""]
    lines += table(["类别", "人数"], [[k, str(v)] for k, v in counts.items()], numeric=[1])
    if site.internal:
        lines += ["## 每人任期", ""]
        rows = [
            [
                site.staff_link(t.member.id),
                "、".join(site.region_name(r) for r in t.regions) or "—",
                str(t.since) if t.since else "—",
                f"{t.months} 个月" if t.since else "—",
                f"{t.score[1]:g}({t.score[0]})" if t.score else "—",
                t.verdict,
            ]
            for t in sorted(tenures, key=lambda t: -t.months)
        ]
        lines += table(["人员", "当前区域", "起始", "任期", "最近考核", "结论"], rows, numeric=[3])
    else:
        lines += ["公开版本只显示人数。", ""]
    return {"rotation.md": "\n".join(lines)}


def tenure(site: Site, member: StaffStatus) -> Tenure:
    """Tenure counts from the start of the earliest posting in force today."""
    today = site.today
    current = [p for p in member.staff.postings if p.overlaps(today, today)]
    threshold = site.org.policy.performance.threshold
    scored = [
        (m, s.scores[member.id])
        for m, s in sorted(site.org.scores.items())
        if member.id in s.scores
    ]
    score = scored[-1] if scored else None
    if not current:
        return Tenure(member, [], None, 0, score, NOT_POSTED)
    since = min(p.from_ for p in current)
    regions = sorted({r for p in current for r in p.regions})
    months = months_between(since, today)
    rotation = site.org.policy.rotation
    if months < rotation.protected_months:
        verdict = PROTECTED
    elif months >= rotation.due_months:
        verdict = DUE
    elif score is not None and score[1] < threshold:
        verdict = LOW_SCORE
    else:
        verdict = NORMAL
    return Tenure(member, regions, since, months, score, verdict)


def next_round(today: dt.date, rounds: list[str]) -> dt.date | None:
    """The first configured `MM-DD` date after today (skipping invalid ones such as 02-30)."""
    found: list[dt.date] = []
    for year in (today.year, today.year + 1):
        for text in rounds:
            month, day = (int(x) for x in text.split("-"))
            try:
                found.append(dt.date(year, month, day))
            except ValueError:
                continue
    later = sorted(d for d in found if d > today)
    return later[0] if later else None
