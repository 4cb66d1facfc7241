"""Who the next rotation round concerns, and why (JP 四(一)1–2, 四(二)5).

Pages only render what this computes. Each person gets every flag that applies instead of one
verdict, so a score under the threshold is never hidden behind 任期已满 or 保护期:

- tenure is judged at the next adjustment round (`policy.rotation.rounds`, an organisation
  setting), not today, since that is when a rotation can happen;
- tenure counts per region: it starts at the earliest posting from which the person has been
  posted there without a break, so adding a neighbouring region to a posting resets nothing;
- 保护期 needs 「无重大失误」 (JP 四(一)1): it does not cover a person who scored under the
  threshold in any month of the posting, or who had a serious incident during it. This product
  counts as serious an incident report in the person's folder whose `channel` is `regulator` or
  `media` (the exposure JP 三(六) asks to avoid), dated within the posting; a complaint that
  stayed with the consumer association or other parties is not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from validator.models.org import Staff
from validator.models.policy import Policy
from validator.repo.archive_summary import archived
from validator.repo.layout import ReportFile
from validator.repo.org_data import Org

PROTECTED, DUE, LOW_SCORE, MAJOR_FAULT = "protected", "due", "low_score", "major_fault"
FLAGS: tuple[str, ...] = (PROTECTED, DUE, LOW_SCORE, MAJOR_FAULT)
FLAG_ZH = {PROTECTED: "保护期", DUE: "任期已满", LOW_SCORE: "绩效低于线", MAJOR_FAULT: "重大失误"}
#: the policy's defaults are the numbers JP 四(一) sets (未满半年, 满一年, 低于60分): pages label
#: any other value the organisation's own rule
REGULATION = Policy()
#: incident channels that make an incident a major fault (see the module docstring)
SERIOUS_CHANNELS = frozenset({"regulator", "media"})


@dataclass(frozen=True)
class Incident:
    staff: str
    day: dt.date
    channel: str
    path: str


@dataclass(frozen=True)
class RegionTenure:
    region: str
    since: dt.date
    months: int  # whole months from `since` to the round


@dataclass(frozen=True)
class Assessment:
    staff: Staff
    regions: tuple[RegionTenure, ...]  # the regions posted to today, in roster order
    months: int  # the longest of them at the round
    score: tuple[str, float] | None  # the latest monthly score up to this month
    low_months: tuple[str, ...]  # months of the posting scored under the threshold
    faults: tuple[str, ...]  # paths of serious incidents during the posting
    flags: tuple[str, ...]  # in the order of FLAGS

    @property
    def posted(self) -> bool:
        return bool(self.regions)

    @property
    def since(self) -> dt.date | None:
        return min((t.since for t in self.regions), default=None)


@dataclass(frozen=True)
class Board:
    today: dt.date
    round: dt.date | None  # the next adjustment round; None when the policy lists none
    assessments: list[Assessment]

    def count(self, flag: str) -> int:
        return sum(flag in a.flags for a in self.assessments)

    @property
    def not_posted(self) -> int:
        return sum(not a.posted for a in self.assessments)


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from `start` to `end` (0 when less than a month)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return max(months, 0)


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


def region_tenure(member: Staff, region: str, today: dt.date) -> dt.date | None:
    """The start of the unbroken run of postings to `region` that is in force `today`."""
    spans = sorted((p.from_, p.to) for p in member.postings if region in p.regions)
    since: dt.date | None = None
    reach: dt.date | None = None  # the last day of the current run; None: open-ended
    for start, end in spans:
        if since is None or (reach is not None and start > reach + dt.timedelta(days=1)):
            if start > today:
                break
            since, reach = start, end
        elif reach is not None:
            reach = None if end is None else max(reach, end)
    if since is None or (reach is not None and reach < today):
        return None
    return since


def incidents_of(reports: Iterable[ReportFile]) -> list[Incident]:
    """Every parsed incident report: who, the day it happened (its file name), the channel."""
    return [
        Incident(rf.staff_id, rf.period.start, str(getattr(rf.report, "channel", "")), rf.path)
        for rf in reports
        if rf.kind == "incidents" and rf.report is not None
    ]


def archived_incidents(root: Path) -> list[Incident]:
    """The incidents of archived years, from their summaries (tenures outlast a year)."""
    return [
        Incident(e.staff, e.period.start, e.channel or "", e.path)
        for e in archived(root).incidents()
    ]


def in_rotation(org: Org) -> list[Staff]:
    """Staff (not reviewers) who are 外派 (`Staff.dispatched`: not channel assistants)."""
    return [m for m in org.roster.staff if m.role == "staff" and m.dispatched]


def assess_rotation(org: Org, incidents: Iterable[Incident], today: dt.date) -> Board:
    """Every person in rotation with the flags that apply at the next round; `incidents` are
    all incident reports (the serious ones count)."""
    policy = org.policy
    rotation, threshold = policy.rotation, policy.performance.threshold
    at = next_round(today, rotation.rounds) or today
    this_month = f"{today:%Y-%m}"
    by_staff: dict[str, list[Incident]] = {}
    for incident in incidents:
        if incident.channel in SERIOUS_CHANNELS:
            by_staff.setdefault(incident.staff, []).append(incident)
    found: list[Assessment] = []
    for member in in_rotation(org):
        scored = [
            (month, s.scores[member.id])
            for month, s in sorted(org.scores.items())
            if member.id in s.scores and month <= this_month
        ]
        score = scored[-1] if scored else None
        tenures = []
        for region in member.regions_during(today, today):
            since = region_tenure(member, region, today)
            if since is not None:
                tenures.append(RegionTenure(region, since, months_between(since, at)))
        if not tenures:
            found.append(Assessment(member, (), 0, score, (), (), ()))
            continue
        start = min(t.since for t in tenures)
        months = max(t.months for t in tenures)
        low = tuple(m for m, value in scored if value < threshold and m >= f"{start:%Y-%m}")
        faults = tuple(
            i.path for i in by_staff.get(member.id, []) if start <= i.day <= max(today, start)
        )
        flags = []
        if months < rotation.protected_months and not low and not faults:
            flags.append(PROTECTED)
        if months >= rotation.due_months:
            flags.append(DUE)
        if score is not None and score[1] < threshold:
            flags.append(LOW_SCORE)
        if faults:
            flags.append(MAJOR_FAULT)
        found.append(Assessment(member, tuple(tenures), months, score, low, faults, tuple(flags)))
    return Board(today, next_round(today, rotation.rounds), found)
