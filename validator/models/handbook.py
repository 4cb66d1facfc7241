"""`org/handbook.yaml`: the organisation's own regulations, as data it owns (no Python to edit).

Which regulation pages the handbook publishes, how each article is named when cited, which
articles each rule enforces, and which article each status page cites. The product ships its
defaults (`validator/data/handbook.yaml`, for the two sample regulations); an organisation that
has `org/handbook.yaml` uses that file instead, whole.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import Field, StrictStr, model_validator
from pydantic_core import PydanticCustomError

from validator.models.common import Flag, Model, ShortText, Text

#: a docs-relative page, optionally with an anchor: regulations/customer-service.md#part-4-1
Link = Annotated[StrictStr, Field(pattern=r"^[a-z0-9][a-z0-9/_-]*\.md(#[A-Za-z0-9_-]+)?$")]
RuleId = Annotated[StrictStr, Field(pattern=r"^[a-z][a-z0-9-]{1,63}$")]
DEFAULT_FILE = Path(__file__).resolve().parents[1] / "data" / "handbook.yaml"
Key = Annotated[StrictStr, Field(pattern=r"^[a-z][a-z0-9_-]{0,63}$")]


class HandbookDocument(Model):
    """One regulation page of the handbook."""

    page: Link
    title: ShortText
    #: a sample shipped with the product: `validator handbook remove-samples` deletes it
    sample: Flag = False
    #: shown on the page and in the regulations index, e.g. that it is another organisation's
    note: Text | None = None


class Handbook(Model):
    """`org/handbook.yaml` (or the product's defaults)."""

    documents: list[HandbookDocument] = []
    #: link -> how citations name it, e.g. 办法 四(一)1
    articles: dict[Link, ShortText] = {}
    #: rule id -> the articles it enforces, the main one first (`--format json`'s `handbook`)
    rules: dict[RuleId, Annotated[list[Link], Field(min_length=1)]] = {}
    #: what a page cites -> the article, e.g. rotation: regulations/customer-service.md#part-4-1
    citations: dict[Key, Link] = {}

    @model_validator(mode="after")
    def _named(self) -> Handbook:
        """Every cited link names an article listed in `articles` (so it has a label)."""
        cited = [link for links in self.rules.values() for link in links]
        cited += list(self.citations.values())
        unnamed = sorted({link for link in cited if link not in self.articles})
        if unnamed:
            raise PydanticCustomError(
                "unnamed_article", "article without a name", {"value": ", ".join(unnamed)}
            )
        return self

    def rule_article(self, rule: str) -> str | None:
        """How the main article `rule` enforces is cited (办法 三(一)3), or None: an organisation's
        own handbook may name none, and then nothing may be cited in its stead."""
        links = self.rules.get(rule)
        return self.articles.get(links[0]) if links else None

    def page_of(self, link: str) -> HandbookDocument | None:
        page = link.partition("#")[0]
        return next((d for d in self.documents if d.page == page), None)

    def without_samples(self) -> Handbook:
        """The same handbook with the sample regulations and every link into them dropped."""
        gone = {d.page for d in self.documents if d.sample}

        def kept(link: str) -> bool:
            return link.partition("#")[0] not in gone

        rules = {rid: [x for x in links if kept(x)] for rid, links in self.rules.items()}
        return Handbook(
            documents=[d for d in self.documents if not d.sample],
            articles={k: v for k, v in self.articles.items() if kept(k)},
            rules={rid: links for rid, links in rules.items() if links},
            citations={k: v for k, v in self.citations.items() if kept(v)},
        )


@functools.cache
def default_handbook() -> Handbook:
    """The product's defaults, shipped as package data."""
    text = DEFAULT_FILE.read_text("utf-8")
    return Handbook.model_validate(yaml.safe_load(text))


def handbook_of(own: Handbook | None) -> Handbook:
    """The organisation's `org/handbook.yaml`, else the product's defaults."""
    return own if own is not None else default_handbook()
