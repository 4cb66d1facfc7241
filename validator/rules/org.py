"""Consistency of the reference data in org/ (ids, references, staffing per JP 四(二))."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from validator.core.diagnostics import Finding, finding
from validator.models.org import Region
from validator.reading.document import Document
from validator.rules.base import Context, position, repo_check

_LISTS = {
    "org/staff.yaml": ("staff", "id"),
    "org/regions.yaml": ("regions", "id"),
    "org/approvals.yaml": ("approvals", "id"),
}


@repo_check("duplicate-id")
def duplicate_ids(ctx: Context) -> Iterator[Finding]:
    """Staff, region and approval ids (and staff Git logins) are unique."""
    for path, (list_key, id_key) in _LISTS.items():
        document = ctx.org.documents.get(path)
        if document is None or not isinstance(document.data, dict):
            continue
        yield from _duplicates(document, list_key, id_key)
        if path == "org/staff.yaml":
            yield from _duplicates(document, list_key, "github", fold=True)


def _duplicates(
    document: Document, list_key: str, id_key: str, *, fold: bool = False
) -> Iterator[Finding]:
    items = document.data.get(list_key)
    if not isinstance(items, list):
        return
    first: dict[str, int] = {}
    for i, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get(id_key), str):
            continue
        value = item[id_key].lower() if fold else item[id_key]
        where = position(document, (list_key, i, id_key))
        if value in first:
            yield finding(
                document.path,
                "duplicate-id",
                at=where,
                id=item[id_key],
                first=first[value],
            )
        else:
            first[value] = where.line if where else 0


@repo_check("unknown-staff")
def unknown_staff_in_org(ctx: Context) -> Iterator[Finding]:
    """Leave, approvals and scores name staff from the roster."""
    if not ctx.org.roster_known:
        return
    staff = ctx.org.staff
    named: list[tuple[str, str, list[str]]] = [
        ("org/leave.yaml", "leave", [e.staff for e in ctx.org.leave.leave]),
        ("org/approvals.yaml", "approvals", [a.staff for a in ctx.org.approvals.approvals]),
    ]
    for path, list_key, ids in named:
        for i, staff_id in enumerate(ids):
            if staff_id not in staff:
                where = position(ctx.org.documents.get(path), (list_key, i, "staff"))
                yield finding(path, "unknown-staff", at=where, staff=staff_id)
    for month, scores in sorted(ctx.org.scores.items()):
        path = f"org/scores/{month}.yaml"
        for staff_id in scores.scores:
            if staff_id not in staff:
                yield finding(
                    path,
                    "unknown-staff",
                    at=position(ctx.org.documents.get(path), ("scores", staff_id), key=True),
                    staff=staff_id,
                )


@repo_check("unknown-region")
def unknown_region_in_org(ctx: Context) -> Iterator[Finding]:
    """Postings and neighbour lists name regions from org/regions.yaml."""
    if not ctx.org.regions_known:
        return
    known = ctx.org.region_by_id
    named = [  # file, where in it, the region id
        ("org/staff.yaml", ("staff", i, "postings", j, "regions", k), region)
        for i, member in enumerate(ctx.org.roster.staff)
        for j, posting in enumerate(member.postings)
        for k, region in enumerate(posting.regions)
    ] + [
        ("org/regions.yaml", ("regions", i, "adjacent", k), other)
        for i, entry in enumerate(ctx.org.regions.regions)
        for k, other in enumerate(entry.adjacent)
    ]
    for path, loc, region in named:
        if region not in known:
            at = position(ctx.org.documents.get(path), loc)
            yield finding(path, "unknown-region", at=at, region=region)


@repo_check("allocation")
def allocation(ctx: Context) -> Iterator[Finding]:
    """Staffing as JP 四(二)4 asks, judged on the postings in force today (warnings)."""
    regions = ctx.org.region_by_id
    if not regions or not ctx.org.roster_known:
        return
    today = ctx.now.astimezone(ctx.policy.tz).date()
    staff_in: dict[str, int] = dict.fromkeys(regions, 0)
    assistants_in: dict[str, int] = dict.fromkeys(regions, 0)
    doc = ctx.org.documents.get("org/regions.yaml")
    staff_doc = ctx.org.documents.get("org/staff.yaml")
    for i, member in enumerate(ctx.org.roster.staff):
        if member.role == "reviewer" and not member.postings:
            continue
        current = sorted(
            {
                r
                for p in member.postings
                if p.overlaps(today, today)
                for r in p.regions
                if r in regions
            }
        )
        counter = assistants_in if member.category == "channel_assistant" else staff_in
        for region_id in current:
            counter[region_id] += 1
        if member.category == "channel_assistant" or len(current) < 2:
            continue
        where = position(staff_doc, ("staff", i, "postings"))
        if any(regions[r].staffed_as_class != 3 for r in current):
            yield finding(
                "org/staff.yaml",
                "allocation-mixed",
                at=where,
                staff=member.id,
                regions=", ".join(current),
            )
        elif not _connected(current, regions):
            yield finding(
                "org/staff.yaml",
                "allocation-nonadjacent",
                at=where,
                staff=member.id,
                regions=", ".join(current),
            )
    for i, region in enumerate(ctx.org.regions.regions):
        where = position(doc, ("regions", i))
        staff, assistants = staff_in[region.id], assistants_in[region.id]
        klass = region.staffed_as_class
        # every class wants exactly one dispatched person; class 1 also a channel assistant
        if staff != 1 or (klass == 1 and assistants < 1):
            yield finding(
                "org/regions.yaml",
                f"allocation-class{klass}",
                at=where,
                region=region.name,
                staff=staff,
                assistants=assistants,  # only the class-1 message names it
            )


def _connected(ids: list[str], regions: Mapping[str, Region]) -> bool:
    """Whether the regions form one group through `adjacent` links (either direction)."""
    links: dict[str, set[str]] = {r: set() for r in ids}
    for r in ids:
        for other in regions[r].adjacent:
            if other in links:
                links[r].add(other)
                links[other].add(r)
    seen, todo = {ids[0]}, [ids[0]]
    while todo:
        for nxt in links[todo.pop()] - seen:
            seen.add(nxt)
            todo.append(nxt)
    return len(seen) == len(ids)
