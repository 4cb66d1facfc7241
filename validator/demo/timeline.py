"""What the demo's history is made of: commits at local times, and helpers to date them."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from validator.demo.orgfiles import Approval
from validator.demo.reports import Place
from validator.demo.roster import Member, months_before

TZ = ZoneInfo("Asia/Shanghai")
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


def at(day: dt.date, hour: int, minute: int, second: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute, second), TZ)


def late(rng: random.Random, due: dt.datetime) -> dt.datetime:
    """Some time after the deadline, during waking hours."""
    when = due + dt.timedelta(minutes=rng.randint(20, 2880), seconds=rng.randrange(60))
    return when + dt.timedelta(hours=9) if when.hour < 8 else when


def by(member: Member, when: dt.datetime, what: str, path: str, text: str) -> Commit:
    return Commit(when, member.name, member.email, f"{member.name}:{what}", ((path, text),))


def posted_places(
    member: Member, start: dt.date, end: dt.date, places: dict[str, Place]
) -> list[Place]:
    """The regions a member was posted to at some time in [start, end], in posting order."""
    ids = [r for p in member.postings if p.overlaps(start, end) for r in p.regions]
    return [places[r] for r in dict.fromkeys(ids)]


def month_end(month: dt.date) -> dt.date:
    return months_before(month, -1) - DAY
