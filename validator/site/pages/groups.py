"""Where a person is listed when people are grouped (by region, by channel engineer).

Tables that grow with the staff used to be split into one page per engineer past 200 people;
they are JSON-fed tables now (`tables.py`), one per family, so that neither a page nor the
number of pages grows with a national company. What is left is the grouping itself.
"""

from __future__ import annotations

from validator.models.org import Staff
from validator.site.pages.common import Site

UNROUTED = "unrouted"  # the group of people without a channel engineer


def region_of(site: Site, member: Staff) -> str:
    """The region a person is listed under: the latest posting's first region."""
    postings = sorted(member.postings, key=lambda p: p.from_)
    return postings[-1].regions[0] if postings and postings[-1].regions else ""
