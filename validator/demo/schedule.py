"""Which demo reports exist and when each one "arrived" (its commit date).

Arrival times make the mix the status pages must show: weekly reports mostly between Friday
afternoon and Monday noon, a share after the Monday 13:00 deadline (each with a `late_reason`), a
share never sent; weeks fully on leave are excused. Nothing arrives at or after "now": a report
planned for later simply is not there yet (pending, or missing once its deadline has passed).
"""

from __future__ import annotations

import datetime as dt
import random

from validator.demo import reports
from validator.demo.claims import expenses
from validator.demo.orgfiles import org_files, scores_yaml
from validator.demo.reports import Place
from validator.demo.roster import DESIGNED_IDS, LOW_SCORE, SPOTS, Member, Roster, months_before
from validator.demo.timeline import (
    DAY,
    TZ,
    Commit,
    Schedule,
    at,
    by,
    late,
    month_end,
    posted_places,
)
from validator.features.status import DEFAULT_WEEKS as STATUS_WEEKS
from validator.kinds.periods import week_text

WEEKLY_LATE, WEEKLY_MISSING, MONTHLY_LATE = 0.09, 0.07, 0.06
CARRIES_UNIT = "li-ming"  # a spare unit lent in the first month, still out and overdue
NO_HANDOVER = "huang-min"  # a posting that ended without a handover (`handover-missing`)


def _carried(months: list[dt.date]) -> tuple[str, ...]:
    """The unit li-ming lent early in the first month and has not brought back (JP 三(七)1)."""
    if not months:
        return ()
    loaned = months[0] + 2 * DAY
    return (
        f"{{serial: SN{loaned:%y%m%d}001, model: K200, holder: 天河授权站用户, "
        f"loaned: {loaned}, due: {loaned + 20 * DAY}}}",
    )


def _handovers(out: Schedule, roster: Roster, first_monday: dt.date, now: dt.datetime) -> None:
    """A handover on the first day after each ended posting (JP 四), except the deliberate one
    left without; one from before the repository existed is filed just after it was set up
    (late, saying why)."""
    founded = at(first_monday - 10 * DAY, 11, 0)
    for member in roster.reporters:
        for posting in member.postings:
            if posting.end is None or member.id == NO_HANDOVER:
                continue
            day = posting.end + DAY
            when = max(at(day, 17, 30), founded)
            if when >= now:
                continue
            late = when > at(day + 8 * DAY, 0, 0)  # after the default 7-day window
            text = reports.handover(member, day, None, posting.regions, late)
            path = f"submissions/{member.id}/handover/{day}.yaml"
            out.commits.append(by(member, when, f"{day} 工作交接", path, text))


def plan(roster: Roster, first_monday: dt.date, now: dt.datetime, seed: str) -> Schedule:
    """Every commit of the demo history, oldest first."""
    places = {r.id: reports.place(r, SPOTS) for r in roster.regions}
    out = Schedule()
    _weekly(out, roster, places, first_monday, now, seed)
    months = _months(first_monday, now)
    _monthly(out, roster, places, months, now, seed)
    _handovers(out, roster, first_monday, now)
    expenses(out, roster, places, months, now, seed)
    _incidents(out, roster, places, first_monday, now, seed)
    _scores(out, roster, now, seed)
    reviewer = roster.reviewer
    start = dt.datetime.combine(first_monday - 10 * DAY, dt.time(10, 0), TZ)
    # a history shorter than the weeks `status` shows went live at its first week: the weeks
    # before it owe nothing (a longer one keeps the postings that ended before it, which owe
    # the deliberate `handover-missing`)
    weeks = (now.date() - first_monday).days // 7 + 1
    went_live = first_monday if weeks < STATUS_WEEKS else None
    files = tuple(sorted(org_files(roster, out.approvals, went_live).items()))
    out.commits.append(Commit(start, reviewer.name, reviewer.email, "建立组织基础数据", files))
    out.commits.sort(key=lambda c: (c.when, c.files[0][0]))
    return out


def _on_time(rng: random.Random, monday: dt.date) -> dt.datetime:
    """Friday afternoon to Monday 12:59, most on Monday morning."""
    roll, minute, second = rng.random(), rng.randrange(60), rng.randrange(60)
    if roll < 0.3:
        return at(monday + 4 * DAY, rng.randint(16, 21), minute, second)
    if roll < 0.45:
        return at(monday + 5 * DAY, rng.randint(9, 21), minute, second)
    if roll < 0.55:
        return at(monday + 6 * DAY, rng.randint(10, 22), minute, second)
    return at(monday + 7 * DAY, rng.randint(8, 12), minute, second)


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
                slots.append((member, monday, days, at(monday + 7 * DAY, 13, 0)))
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
        arrival = late(rng, due) if state == "late" else _on_time(rng, monday)
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
        out.commits.append(by(member, arrival, f"{week} 周报", path, text))


def _months(first_monday: dt.date, now: dt.datetime) -> list[dt.date]:
    """Months whose reports fell due inside the window (or are being sent now)."""
    months: list[dt.date] = []
    month = months_before(first_monday, 1)
    while True:
        following = months_before(month, -1)
        if following > now.date():
            return months
        if at(following.replace(day=5), 18, 0) > at(first_monday, 0, 0):
            months.append(month)
        month = following


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
            where = posted_places(member, month, month_end(month), places)
            if not where:
                continue
            rng = random.Random(f"{seed}/{member.id}/monthly/{month}")
            following = months_before(month, -1)
            is_late = rng.random() < MONTHLY_LATE
            if is_late:
                arrival = late(rng, at(following.replace(day=5), 18, 0))
            else:
                day = following + rng.randrange(5) * DAY
                arrival = at(day, rng.randint(9, 17), rng.randrange(60), rng.randrange(60))
            if arrival >= now:
                continue
            reason = reports.late_reason(rng, where[0]) if is_late else None
            carried = _carried(months) if member.id == CARRIES_UNIT else ()
            text = reports.monthly(rng, member, month, where, reason, carried)
            path = f"submissions/{member.id}/monthly/{month:%Y-%m}.yaml"
            out.commits.append(by(member, arrival, f"{month:%Y-%m} 月报", path, text))


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
        occurred = at(day, rng.randint(9, 16), rng.randrange(60))
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
            (at(day + 3 * DAY, 15, rng.randrange(60)), later, "更新突发事件处理结果"),
        ):
            if when >= now:
                break
            resolved = updates is later
            text = reports.incident(
                random.Random(seed_text), member, occurred, channel, where, updates, resolved
            )
            out.commits.append(by(member, when, what, path, text))


def _scores(out: Schedule, roster: Roster, now: dt.datetime, seed: str) -> None:
    """Three months of scores, each entered on the 3rd of the next month; in the latest month
    one designed member scores below the threshold of 60 (JP 四(一))."""
    months: list[dt.date] = []
    month = months_before(now.date(), 1)
    while len(months) < 3:
        if at(months_before(month, -1).replace(day=3), 10, 0) < now:
            months.insert(0, month)
        month = months_before(month, 1)
    reviewer = roster.reviewer
    for k, month in enumerate(months):
        rng = random.Random(f"{seed}/scores/{month}")
        scores: dict[str, int] = {}
        for member in roster.reporters:
            if not member.posted_between(month, month_end(month)):
                continue
            low = member.id == LOW_SCORE and k == len(months) - 1
            if member.id not in DESIGNED_IDS:
                low = rng.random() < 0.02
            scores[member.id] = rng.randint(52, 59) if low else rng.randint(66, 96)
        when = at(months_before(month, -1).replace(day=3), 10, rng.randrange(60))
        files = ((f"org/scores/{month:%Y-%m}.yaml", scores_yaml(month, scores)),)
        message = f"{reviewer.name}:{month:%Y-%m} 月度考核分数"
        out.commits.append(Commit(when, reviewer.name, reviewer.email, message, files))
