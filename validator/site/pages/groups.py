"""Tables that grow with the staff, split into pages a person can read.

A national company's weekly matrix, expense table and problem list run to megabytes on one page:
too big to read, and MkDocs spends most of a build on them. Past `ROWS_PER_PAGE` people, such a
table becomes one page per channel engineer (the person the reports are routed to, JP 三(一)3),
and an engineer with more people gets several pages, by region then id. A small organisation
keeps its one table.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from validator.models.org import Staff
from validator.site.pages.common import Site

ROWS_PER_PAGE = 200  # about 200 KB for the weekly matrix, well under the 500 KB a page may take
UNROUTED = "unrouted"  # the page of people without a channel engineer
#: front matter of a group page: the index page is what a search should find
FRONT = ["---", "hide:", "  - toc", "search:", "  exclude: true", "---", ""]


@dataclass(frozen=True)
class Group:
    """One page's worth of people: `slug` names the page file, `title` is already escaped."""

    slug: str
    title: str
    staff: tuple[str, ...]


def region_of(site: Site, member: Staff) -> str:
    """The region a person is listed under: the latest posting's first region."""
    postings = sorted(member.postings, key=lambda p: p.from_)
    return postings[-1].regions[0] if postings and postings[-1].regions else ""


def staff_groups(site: Site, staff_ids: Iterable[str]) -> list[Group] | None:
    """The pages for these people, or None when they fit on one page."""
    ids = sorted(set(staff_ids))
    if len(ids) <= ROWS_PER_PAGE:
        return None
    routed: dict[str, list[str]] = {}
    for sid in ids:
        member = site.staff.get(sid)
        engineer = member.channel_engineer if member and member.channel_engineer else UNROUTED
        routed.setdefault(engineer, []).append(sid)
    groups: list[Group] = []
    for engineer, members in sorted(routed.items()):
        members.sort(key=lambda sid: (_region_key(site, sid), sid))
        chunks = [members[i : i + ROWS_PER_PAGE] for i in range(0, len(members), ROWS_PER_PAGE)]
        owner = "未指定渠道工程师" if engineer == UNROUTED else f"{site.name(engineer)}负责的人员"
        for number, chunk in enumerate(chunks, 1):
            slug = engineer if len(chunks) == 1 else f"{engineer}-{number}"
            title = owner
            if len(chunks) > 1:
                first, last = (_region_name(site, sid) for sid in (chunk[0], chunk[-1]))
                title += f"(第 {number} 页:{first} 至 {last})"
            groups.append(Group(slug, title, tuple(chunk)))
    return groups


def group_of(groups: list[Group]) -> dict[str, Group]:
    """Staff id -> the group whose page lists them."""
    return {sid: group for group in groups for sid in group.staff}


def _region_key(site: Site, sid: str) -> str:
    return _region_name(site, sid) if sid in site.staff else "\uffff"


def _region_name(site: Site, sid: str) -> str:
    member = site.staff.get(sid)
    region = region_of(site, member) if member else ""
    return site.region_name(region) if region else "未派驻"
