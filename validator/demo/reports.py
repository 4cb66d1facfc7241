"""The text of each demo report, as YAML written line by line (see `yamltext`).

Each function draws from its own random stream, so a report's wording depends only on the seed,
the person and the period, not on what else the demo contains.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass

from validator.core.yamltext import flow, scalar
from validator.demo import texts
from validator.demo.roster import Member, Region


@dataclass(frozen=True)
class Place:
    """A region as report text needs it: id, city name and the station names in it."""

    id: str
    city: str
    spots: tuple[str, ...]


def place(region: Region, spots: dict[str, tuple[str, ...]]) -> Place:
    name = region.name
    default = (name,) if name.endswith("区") else (name, f"{name}市区")
    return Place(region.id, region.name, spots.get(region.id, default))


def _list(key: str, items: Sequence[str]) -> list[str]:
    return [f"{key}:", *(f"  - {scalar(item)}" for item in items)]


def weekly(
    rng: random.Random,
    member: Member,
    week: str,
    days: Sequence[dt.date],
    places: Sequence[Place],
    late_reason: str | None,
) -> str:
    """周报: two to four dated work items on the days worked, a plan, sometimes extras."""
    count = min(len(days), rng.randint(2, 4))
    dates = sorted(rng.sample(list(days), count)) if count else [days[0]]
    work: list[str] = []
    kinds: list[str] = []
    for day in dates:
        where = rng.choice(places)
        kind = rng.choice(texts.FOCUS[member.category])
        kinds.append(kind)
        text, at = texts.work_item(rng, kind, where.city, where.spots)
        work += [f"  - date: {day.isoformat()}", f"    description: {scalar(text)}"]
        if at:
            work.append(f"    site: {scalar(at)}")
        work.append(f"    category: {kind}")
    handled = rng.choice((0, 0, 1, 1, 2, 3)) or int("complaint" in kinds)
    escalated = 1 if handled and rng.random() < 0.08 else 0
    main = places[0]
    cities = [p.city for p in places]
    lines = [
        f"staff: {member.id}",
        f"week: {week}",
        f"summary: {scalar(texts.summary(rng, cities, kinds[0], handled, main.spots))}",
        "work:",
        *work,
        *_list("plan", texts.pick(rng, texts.PLAN, main.city, main.spots, rng.randint(1, 3))),
        f"regions: {flow([p.id for p in places])}",
        f"complaints: {{handled: {handled}, escalated: {escalated}}}",
    ]
    if member.category == "account_manager" and rng.random() < 0.6:
        sales = texts.fill(rng, rng.choice(texts.SALES), main.city, main.spots)
        lines.append(f"sales_info: {scalar(sales)}")
    if rng.random() < 0.15:
        lines += _list("quality_issues", texts.pick(rng, texts.QUALITY, main.city, main.spots, 1))
    if rng.random() < 0.1:
        lines += _list("support_needed", texts.pick(rng, texts.SUPPORT, main.city, main.spots, 1))
    if late_reason:
        lines.append(f"late_reason: {scalar(late_reason)}")
    return "\n".join(lines) + "\n"


def late_reason(rng: random.Random, where: Place) -> str:
    return texts.fill(rng, rng.choice(texts.LATE_REASONS), where.city, where.spots)


def monthly(
    rng: random.Random,
    member: Member,
    month: dt.date,
    places: Sequence[Place],
    late_reason: str | None,
    carried: Sequence[str] = (),
) -> str:
    """月报: faulty-unit stock and replacements per region, spare units on loan (JP 三(五)3);
    `carried` are flow mappings of units lent earlier and still out."""
    main = places[0]
    last = _month_end(month)
    stock = [(p.id, rng.randint(3, 40)) for p in places]
    template = rng.choice(texts.MONTHLY_SUMMARY).replace("{n}", str(stock[0][1]))
    summary = texts.fill(rng, template, main.city, main.spots)
    lines = [f"staff: {member.id}", f'month: "{month:%Y-%m}"', f"summary: {scalar(summary)}"]
    lines.append("faulty_stock:")
    for region_id, units in stock:
        lines += [f"  - region: {region_id}", f"    units: {units}"]
    loans = rng.randint(0, 3)
    if loans or carried:
        lines.append("spare_units:")
    for unit in carried:  # lent in an earlier month and still out: listed again
        lines.append(f"  - {unit}")
    for _ in range(loans):  # lent and brought back within the month (JP 三(七)1: 及时归还)
        loaned = month + dt.timedelta(days=rng.randrange(max(1, last.day - 12)))
        holder = texts.fill(rng, rng.choice(texts.HOLDERS), main.city, main.spots)
        lines += [
            f"  - serial: SN{loaned:%y%m%d}{rng.randint(100, 999)}",
            f"    model: {scalar(rng.choice(texts.MODELS))}",
            f"    holder: {scalar(holder)}",
            f"    loaned: {loaned.isoformat()}",
            f"    due: {(loaned + dt.timedelta(days=30)).isoformat()}",
            f"    returned: {(loaned + dt.timedelta(days=rng.randint(3, 10))).isoformat()}",
        ]
    lines.append("replacements:")
    for p in places:
        lines += [f"  - region: {p.id}", f"    count: {rng.randint(0, 9)}"]
    if rng.random() < 0.5:
        lines += _list("issues", texts.pick(rng, texts.MONTHLY_ISSUES, main.city, main.spots, 1))
    lines += _list("plan", texts.pick(rng, texts.MONTHLY_PLAN, main.city, main.spots, 2))
    if late_reason:
        lines.append(f"late_reason: {scalar(late_reason)}")
    return "\n".join(lines) + "\n"


def _month_end(month: dt.date) -> dt.date:
    following = dt.date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


@dataclass(frozen=True)
class Expense:
    day: dt.date
    category: str
    amount: str
    description: str
    approval: str | None = None
    personal: bool = False


_AMOUNTS = {
    "transport": (20, 180),
    "lodging": (180, 450),
    "communication": (100, 200),
    "office": (15, 120),
    "travel": (80, 600),
    "reception": (150, 800),
    "other": (12, 60),
}


def expense(rng: random.Random, day: dt.date, category: str, where: Place) -> Expense:
    low, high = _AMOUNTS[category]
    cents = rng.randint(low * 100, high * 100)
    cents -= cents % (50 if rng.random() < 0.5 else 1)
    text = texts.fill(rng, rng.choice(texts.EXPENSES[category]), where.city, where.spots)
    return Expense(day, category, f"{cents // 100}.{cents % 100:02d}", text)


def personal(rng: random.Random, day: dt.date) -> Expense:
    cents = rng.randint(1500, 9000)
    text = rng.choice(texts.PERSONAL)
    return Expense(day, "other", f"{cents // 100}.{cents % 100:02d}", text, personal=True)


def expenses(member: Member, month: dt.date, items: Sequence[Expense]) -> str:
    """报销: dated items; travel and receptions cite an approval, personal costs are marked."""
    lines = [f"staff: {member.id}", f'month: "{month:%Y-%m}"', "items:"]
    for item in sorted(items, key=lambda i: (i.day, i.category, i.amount)):
        lines += [
            f"  - date: {item.day.isoformat()}",
            f"    category: {item.category}",
            f"    amount: {item.amount}",
            f"    description: {scalar(item.description)}",
        ]
        if item.approval:
            lines.append(f"    approval: {item.approval}")
        if item.personal:
            lines.append("    personal: true")
    return "\n".join(lines) + "\n"


def incident(
    rng: random.Random,
    member: Member,
    occurred: dt.datetime,
    channel: str,
    where: Place,
    updates: Sequence[tuple[dt.date, str]],
    resolved: bool,
) -> str:
    """突发事件 (JP 三(六)): parties, what happened, dated updates, open or resolved."""
    title, first = texts.INCIDENT_CHANNELS[channel]
    station = texts.site(rng, where.city, where.spots)
    op = rng.choice(texts.OPERATORS)
    user = f"用户{rng.choice('王李张陈刘')}先生"
    summary = (
        f"{user}的手机在{station}三次返修仍未修好，"
        f"{first.format(city=where.city)}。已与{op}{where.city}分公司共同处理。"
    )
    lines = [
        f"staff: {member.id}",
        f"occurred_at: {occurred.isoformat()}",
        f"title: {scalar(title.format(city=where.city))}",
        f"channel: {channel}",
        f"regions: [{where.id}]",
        *_list("parties", [user, station, f"{op}{where.city}分公司"]),
        f"summary: {scalar(summary)}",
        "updates:",
    ]
    for day, text in updates:
        lines += [f"  - date: {day.isoformat()}", f"    text: {scalar(text)}"]
    lines.append(f"status: {'resolved' if resolved else 'open'}")
    return "\n".join(lines) + "\n"


def no_claims(member: Member, month: dt.date) -> str:
    """报销 for a month with nothing to claim (JP 三(一)4): declared, so it is not reminded."""
    return (
        f'staff: {member.id}\nmonth: "{month:%Y-%m}"\nno_claims: true\n'
        "note: 本月在驻地工作,没有需要报销的费用。\n"
    )


def handover(
    member: Member, day: dt.date, successor: str | None, regions: Sequence[str], late: bool
) -> str:
    """工作交接 when a posting ends (JP 四): regions, stations and pending work handed over."""
    lines = [
        f"staff: {member.id}",
        f"date: {day.isoformat()}",
        f"successor: {successor or 'null'}",
        "reason: transfer",
        f"regions: {flow(list(regions))}",
        "spare_units: []",
        "stations:",
        "  - {name: 禅城授权站, contact: 陈站长}",
        "  - {name: 南海授权站, contact: 林站长}",
        "documents: [授权站档案, 备件台账]",
        "pending: [跟进南海授权站的备件申请]",
        "note: 已当面交接,授权站联系人已通知。",
    ]
    if late:
        lines.append("late_reason: 交接在本系统启用之前完成,启用后补录存档。")
    return "\n".join(lines) + "\n"
