"""Which demo reports exist and when each one "arrived" (its commit date).

Arrival times make the mix the status pages must show: weekly reports mostly between Friday
afternoon and Monday noon, a share after the Monday 13:00 deadline (each with a `late_reason`), a
share never sent; weeks fully on leave are excused. Nothing arrives at or after "now": a report
planned for later simply is not there yet (pending, or missing once its deadline has passed).
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from validator.demo import reports, texts
from validator.demo.orgfiles import Approval, org_files, scores_yaml
from validator.demo.reports import Expense, Place
from validator.demo.roster import DESIGNED_IDS, LOW_SCORE, SPOTS, Member, Roster, months_before
from validator.periods import week_text

TZ = ZoneInfo("Asia/Shanghai")
WEEKLY_LATE, WEEKLY_MISSING, MONTHLY_LATE = 0.09, 0.07, 0.06
MAX_APPROVALS = 1200
DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Commit:
    when: dt.datetime
    name: str
    email: str
    message: str
    files: tuple[tuple[str, str], ...]


@dataclass
class Schedule:
    commits: list[Commit] = field(default_factory=list)
    approvals: list[Approval] = field(default_factory=list)
    mix: Counter[str] = field(default_factory=Counter)  # weekly states as of "now"


def plan(roster: Roster, first_monday: dt.date, now: dt.datetime, seed: str) -> Schedule:
    """Every commit of the demo history, oldest first."""
    places = {r.id: reports.place(r, SPOTS) for r in roster.regions}
    out = Schedule()
    _weekly(out, roster, places, first_monday, now, seed)
    months = _months(first_monday, now)
    _monthly(out, roster, places, months, now, seed)
    _expenses(out, roster, places, months, now, seed)
    _incidents(out, roster, places, first_monday, now, seed)
    _scores(out, roster, now, seed)
    reviewer = roster.reviewer
    start = dt.datetime.combine(first_monday - 10 * DAY, dt.time(10, 0), TZ)
    files = tuple(sorted(org_files(roster, out.approvals).items()))
    out.commits.append(Commit(start, reviewer.name, reviewer.email, "建立组织基础数据", files))
    out.commits.sort(key=lambda c: (c.when, c.files[0][0]))
    return out


def _at(day: dt.date, hour: int, minute: int, second: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute, second), TZ)


def _on_time(rng: random.Random, monday: dt.date) -> dt.datetime:
    """Friday afternoon to Monday 12:59, most on Monday morning."""
    roll, minute, second = rng.random(), rng.randrange(60), rng.randrange(60)
    if roll < 0.3:
        return _at(monday + 4 * DAY, rng.randint(16, 21), minute, second)
    if roll < 0.45:
        return _at(monday + 5 * DAY, rng.randint(9, 21), minute, second)
    if roll < 0.55:
        return _at(monday + 6 * DAY, rng.randint(10, 22), minute, second)
    return _at(monday + 7 * DAY, rng.randint(8, 12), minute, second)


def _late(rng: random.Random, due: dt.datetime) -> dt.datetime:
    """Some time after the deadline, during waking hours."""
    when = due + dt.timedelta(minutes=rng.randint(20, 2880), seconds=rng.randrange(60))
    return when + dt.timedelta(hours=9) if when.hour < 8 else when


def _weekly(
    out: Schedule,
    roster: Roster,
    places: dict[str, Place],
    first_monday: dt.date,
    now: dt.datetime,
    seed: str,
) -> None:
    mondays: list[dt.date] = []
    monday = first_monday
    while monday <= now.date():
        mondays.append(monday)
        monday += 7 * DAY
    slots: list[tuple[Member, dt.date, list[dt.date], dt.datetime]] = []
    for member in roster.reporters:
        for monday in mondays:
            weekdays = [monday + i * DAY for i in range(5)]
            posted = [d for d in weekdays if member.posting_on(d)]
            if not posted:
                out.mix["not_required"] += 1
            elif all(roster.on_leave(member.id, d) for d in weekdays):
                out.mix["excused"] += 1
            else:
                days = [d for d in posted if not roster.on_leave(member.id, d)] or posted
                slots.append((member, monday, days, _at(monday + 7 * DAY, 13, 0)))
    overdue = [i for i, slot in enumerate(slots) if slot[3] <= now]
    random.Random(f"{seed}/weekly-mix").shuffle(overdue)
    n_late, n_missing = round(len(overdue) * WEEKLY_LATE), round(len(overdue) * WEEKLY_MISSING)
    fate = dict.fromkeys(overdue[:n_late], "late")
    fate.update(dict.fromkeys(overdue[n_late : n_late + n_missing], "missing"))
    for i, (member, monday, days, due) in enumerate(slots):
        state = fate.get(i, "on_time")
        if state == "missing":
            out.mix["missing"] += 1
            continue
        rng = random.Random(f"{seed}/{member.id}/{monday}")
        arrival = _late(rng, due) if state == "late" else _on_time(rng, monday)
        if arrival >= now:
            out.mix["pending" if due > now else "missing"] += 1
            continue
        out.mix[state] += 1
        posting = member.posting_on(days[0])
        assert posting is not None
        where = [places[r] for r in posting.regions]
        reason = reports.late_reason(rng, where[0]) if state == "late" else None
        week = week_text(monday)
        text = reports.weekly(rng, member, week, days, where, reason)
        path = f"submissions/{member.id}/weekly/{week}.yaml"
        out.commits.append(_by(member, arrival, f"{week} 周报", path, text))


def _by(member: Member, when: dt.datetime, what: str, path: str, text: str) -> Commit:
    return Commit(when, member.name, member.email, f"{member.name}:{what}", ((path, text),))


def _months(first_monday: dt.date, now: dt.datetime) -> list[dt.date]:
    """Months whose reports fell due inside the window (or are being sent now)."""
    months: list[dt.date] = []
    month = months_before(first_monday, 1)
    while True:
        following = months_before(month, -1)
        if following > now.date():
            return months
        if _at(following.replace(day=5), 18, 0) > _at(first_monday, 0, 0):
            months.append(month)
        month = following


def _posted_places(
    member: Member, start: dt.date, end: dt.date, places: dict[str, Place]
) -> list[Place]:
    """The regions a member was posted to at some time in [start, end], in posting order."""
    ids = [r for p in member.postings if p.overlaps(start, end) for r in p.regions]
    return [places[r] for r in dict.fromkeys(ids)]


def _month_end(month: dt.date) -> dt.date:
    return months_before(month, -1) - DAY


def _monthly(
    out: Schedule,
    roster: Roster,
    places: dict[str, Place],
    months: list[dt.date],
    now: dt.datetime,
    seed: str,
) -> None:
    for member in roster.reporters:
        for month in months:
            where = _posted_places(member, month, _month_end(month), places)
            if not where:
                continue
            rng = random.Random(f"{seed}/{member.id}/monthly/{month}")
            following = months_before(month, -1)
            late = rng.random() < MONTHLY_LATE
            if late:
                arrival = _late(rng, _at(following.replace(day=5), 18, 0))
            else:
                day = following + rng.randrange(5) * DAY
                arrival = _at(day, rng.randint(9, 17), rng.randrange(60), rng.randrange(60))
            if arrival >= now:
                continue
            reason = reports.late_reason(rng, where[0]) if late else None
            text = reports.monthly(rng, member, month, where, reason)
            path = f"submissions/{member.id}/monthly/{month:%Y-%m}.yaml"
            out.commits.append(_by(member, arrival, f"{month:%Y-%m} 月报", path, text))


def _expenses(
    out: Schedule,
    roster: Roster,
    places: dict[str, Place],
    months: list[dt.date],
    now: dt.datetime,
    seed: str,
) -> None:
    """Expense claims, one per posted month (every claim has at least local transport); the
    first reporter's first claim has a trip with no approval (the deliberate `approval-missing`)."""
    deliberate = (roster.reporters[0].id, months[0]) if months else None
    # org/approvals.yaml must stay under the loader's 256 KiB limit however large the demo:
    # trips become rarer once the roster would need more than about 1200 approvals in all
    trips = min(1.0, MAX_APPROVALS / (0.45 * len(roster.reporters) * max(1, len(months))))
    for member in roster.reporters:
        for month in months:
            rng = random.Random(f"{seed}/{member.id}/expenses/{month}")
            days = [month + i * DAY for i in range(_month_end(month).day)]
            days = [d for d in days if member.posting_on(d)]
            if not days:
                continue
            following = months_before(month, -1)
            day = following + rng.randrange(9) * DAY
            arrival = _at(day, rng.randint(9, 21), rng.randrange(60), rng.randrange(60))
            if arrival >= now:
                continue
            forced = (member.id, month) == deliberate
            items = _items(out, rng, member, days, places, roster, forced, trips)
            text = reports.expenses(member, month, items)
            path = f"submissions/{member.id}/expenses/{month:%Y-%m}.yaml"
            out.commits.append(_by(member, arrival, f"{month:%Y-%m} 报销", path, text))


def _items(
    out: Schedule,
    rng: random.Random,
    member: Member,
    days: list[dt.date],
    places: dict[str, Place],
    roster: Roster,
    unapproved_trip: bool,
    trips: float,
) -> list[Expense]:
    home = _posted_places(member, days[0], days[-1], places)[0]
    items = [
        reports.expense(rng, rng.choice(days), "transport", home) for _ in range(rng.randint(1, 3))
    ]
    for category, chance in (("communication", 0.5), ("office", 0.3), ("other", 0.1)):
        if rng.random() < chance:
            items.append(reports.expense(rng, rng.choice(days), category, home))
    if rng.random() < 0.1:
        items.append(reports.personal(rng, rng.choice(days)))
    kinds = []
    if unapproved_trip or rng.random() < 0.35 * trips:
        kinds.append("travel")
    if member.category == "account_manager" and rng.random() < 0.3 * trips:
        kinds.append("reception")
    for n, kind in enumerate(kinds):
        day = rng.choice(days)
        region = roster.regions[rng.randrange(len(roster.regions))]
        away = places[region.id] if kind == "travel" else home
        item = reports.expense(rng, day, kind, away)
        if unapproved_trip and n == 0:
            items.append(item)  # no approval: the deliberate problem
            continue
        approval = f"APR-{day.year}-{len(out.approvals) + 1:04d}"
        bank = texts.TRAVEL_PURPOSE if kind == "travel" else texts.RECEPTION_PURPOSE
        purpose = texts.fill(rng, rng.choice(bank), away.city, away.spots)
        start, end = day - rng.randint(0, 1) * DAY, day + rng.randint(0, 2) * DAY
        reviewer = roster.reviewer.name
        out.approvals.append(Approval(approval, member.id, kind, start, end, purpose, reviewer))
        items.append(Expense(item.day, kind, item.amount, item.description, approval))
        if kind == "travel":
            items.append(reports.expense(rng, day, "lodging", away))
    return items


def _incidents(
    out: Schedule,
    roster: Roster,
    places: dict[str, Place],
    first_monday: dt.date,
    now: dt.datetime,
    seed: str,
) -> None:
    """One incident per forty reporters, on the Tuesday two weeks before the current week, resolved
    three days later."""
    weeks = max(0, (now.date() - first_monday).days // 7 - 2)
    channels = ("media", "consumer_association", "regulator")
    for n, member in enumerate(roster.reporters[::40]):
        rng = random.Random(f"{seed}/{member.id}/incident")
        day = first_monday + weeks * 7 * DAY + DAY
        posting = member.posting_on(day)
        occurred = _at(day, rng.randint(9, 16), rng.randrange(60))
        reported = occurred + dt.timedelta(hours=rng.randint(2, 6), minutes=rng.randrange(60))
        if posting is None or reported >= now:
            continue
        channel = channels[n % 3]
        where = places[posting.regions[0]]
        path = f"submissions/{member.id}/incidents/{day}-{where.id}-{channel.split('_')[0]}.yaml"
        first = [(day, "已联系用户并安排优先检测，向运营商通报情况")]
        later = [
            *first,
            (day + DAY, "为用户更换新机，用户表示认可"),
            (day + 3 * DAY, "已书面答复投诉渠道，事件关闭"),
        ]
        seed_text = f"{seed}/{member.id}/incident-text"
        for when, updates, what in (
            (reported, first, "突发事件报告"),
            (_at(day + 3 * DAY, 15, rng.randrange(60)), later, "更新突发事件处理结果"),
        ):
            if when >= now:
                break
            resolved = updates is later
            text = reports.incident(
                random.Random(seed_text), member, occurred, channel, where, updates, resolved
            )
            out.commits.append(_by(member, when, what, path, text))


def _scores(out: Schedule, roster: Roster, now: dt.datetime, seed: str) -> None:
    """Three months of scores, each entered on the 3rd of the next month; in the latest month
    one designed member scores below the threshold of 60 (JP 四(一))."""
    months: list[dt.date] = []
    month = months_before(now.date(), 1)
    while len(months) < 3:
        if _at(months_before(month, -1).replace(day=3), 10, 0) < now:
            months.insert(0, month)
        month = months_before(month, 1)
    reviewer = roster.reviewer
    for k, month in enumerate(months):
        rng = random.Random(f"{seed}/scores/{month}")
        scores: dict[str, int] = {}
        for member in roster.reporters:
            if not member.posted_between(month, _month_end(month)):
                continue
            low = member.id == LOW_SCORE and k == len(months) - 1
            if member.id not in DESIGNED_IDS:
                low = rng.random() < 0.02
            scores[member.id] = rng.randint(52, 59) if low else rng.randint(66, 96)
        when = _at(months_before(month, -1).replace(day=3), 10, rng.randrange(60))
        files = ((f"org/scores/{month:%Y-%m}.yaml", scores_yaml(month, scores)),)
        message = f"{reviewer.name}:{month:%Y-%m} 月度考核分数"
        out.commits.append(Commit(when, reviewer.name, reviewer.email, message, files))
