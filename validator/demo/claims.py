"""Expense claims and the approvals they cite (SEC 七, 八; JP 三(一)4)."""

from __future__ import annotations

import datetime as dt
import random

from validator.demo import reports, texts
from validator.demo.orgfiles import Approval
from validator.demo.reports import Expense, Place
from validator.demo.roster import Member, Roster, months_before
from validator.demo.timeline import DAY, Schedule, at, by, month_end, posted_places

MAX_APPROVALS = 1200
NO_CLAIMS = "liu-yang"  # declares the latest month with nothing to claim (no_claims: true)


def expenses(
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
            days = [month + i * DAY for i in range(month_end(month).day)]
            days = [d for d in days if member.posting_on(d)]
            if not days:
                continue
            following = months_before(month, -1)
            day = following + rng.randrange(9) * DAY
            arrival = at(day, rng.randint(9, 21), rng.randrange(60), rng.randrange(60))
            if arrival >= now:
                continue
            forced = (member.id, month) == deliberate
            if (member.id, month) == (NO_CLAIMS, months[-1]):
                text = reports.no_claims(member, month)
            else:
                items = _items(out, rng, member, days, places, roster, forced, trips)
                text = reports.expenses(member, month, items)
            path = f"submissions/{member.id}/expenses/{month:%Y-%m}.yaml"
            out.commits.append(by(member, arrival, f"{month:%Y-%m} 报销", path, text))


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
    home = posted_places(member, days[0], days[-1], places)[0]
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
        reviewer, engineer = roster.reviewer.name, roster.staff[-1].name
        # reviewed and approved before the trip; the demo's first approval is granted the day
        # after its first item (the deliberate `approval-after-the-fact`)
        approved = day + DAY if not out.approvals else start - DAY
        out.approvals.append(
            Approval(
                approval, member.id, kind, start, end, purpose, reviewer, engineer,
                min(approved, start) - DAY, approved,
            )
        )  # fmt: skip
        items.append(Expense(item.day, kind, item.amount, item.description, approval))
        if kind == "travel":
            items.append(reports.expense(rng, day, "lodging", away))
    return items
