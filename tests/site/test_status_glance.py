"""Status pages a regional manager reads at a glance (issue 19 item 12): the newest week first on
every page, Chinese labels instead of codes, who reported per region and per channel engineer,
and the generator note at the foot of the page, not above the content."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from tests.support import tables
from tests.support.gitrepo import GitRepo
from tests.support.status import DEMO_NOW, make_demo, posted_roster, roster_words, setup_org
from validator.cli import cli
from validator.site.pages import NAV, render_pages
from validator.site.pages.common import Pages

NOW = dt.datetime.fromisoformat(DEMO_NOW)
NOTE = "自动生成,请勿手工编辑"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_demo(tmp_path_factory.mktemp("glance") / "repo")


@pytest.fixture(scope="module")
def internal(demo: Path) -> dict[str, str]:
    return _texts(render_pages(demo, NOW, "internal"))


@pytest.fixture(scope="module")
def public(demo: Path) -> dict[str, str]:
    return _texts(render_pages(demo, NOW, "public"))


def _texts(pages: Pages) -> dict[str, str]:
    """Every page, chart and table data file as text."""
    return {rel: c if isinstance(c, str) else c.decode("utf-8") for rel, c in pages.items()}


def _person(cell: tables.Cell) -> str | None:
    """The staff id a table cell links to (whatever URL the person pages have)."""
    found = re.search(r"(?:staff/|id=)([a-z0-9-]+)", tables.href(cell) or "")
    return found[1] if found else None


def _grouped(pages: dict[str, str], name: str) -> dict[str, set[str]]:
    """Group title -> the staff ids listed under it in the table `name`."""
    found: dict[str, set[str]] = {}
    for row in tables.rows(pages, name):
        found.setdefault(tables.text(row[0]), set()).add(_person(row[1]) or "")
    return found


def _weeks(demo: Path) -> list[str]:
    result = CliRunner().invoke(
        cli, ["status", "--repo", str(demo), "--now", DEMO_NOW, "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    weeks: list[str] = json.loads(result.output)["weeks"]
    return weeks


def _roster(demo: Path) -> list[dict[str, object]]:
    entries: list[dict[str, object]] = yaml.safe_load((demo / "org/staff.yaml").read_text("utf-8"))[
        "staff"
    ]
    return entries


def _listed(pages: dict[str, str]) -> set[str]:
    """The people the status lists: those with a person's data file."""
    return {p["id"] for p in json.loads(pages["data/people/index.json"])["people"]}


# --- one order for weeks: newest first on the pages, pinned oldest first in the CLI ---------


def test_weekly_grid_puts_the_newest_week_next_to_the_names(
    demo: Path, internal: dict[str, str]
) -> None:
    weeks = _weeks(demo)
    assert weeks == sorted(weeks)  # `validator status` keeps its pinned order
    cells = tables.table(internal, "weekly")["columns"]
    assert cells[1 : 1 + len(weeks)] == [w.split("-")[1] for w in reversed(weeks)]


def test_every_page_lists_weeks_newest_first(internal: dict[str, str]) -> None:
    for name in ("weekly", "by-region"):  # the JSON-fed tables' columns
        columns = " ".join(tables.table(internal, name)["columns"])
        found = re.findall(r"\b(?:20\d\d-)?W\d\d\b", columns)
        assert len(found) >= 2 and found == sorted(found, reverse=True), name
    body = internal["weekly.md"].split("\n## ", 1)[1]  # the window sentence may say "from … to"
    for line in body.splitlines():  # in a row, along the columns
        weeks = list(dict.fromkeys(re.findall(r"\b20\d\d-W\d\d\b", line)))
        assert weeks == sorted(weeks, reverse=True), line
    person = json.loads(internal["data/people/li-ming.json"])
    down = [row[0] for row in person["weeks"]["rows"]]  # a person's weeks, down the table
    assert len(down) >= 2 and down == sorted(down, reverse=True)


def test_staff_reports_and_overview_deadlines_are_newest_first(internal: dict[str, str]) -> None:
    reports = json.loads(internal["data/people/li-ming.json"])["reports"]
    listed = [r["period"] for r in reports if r["kind"] == "周报"]
    assert len(listed) >= 2 and listed == sorted(listed, reverse=True)
    deadlines = internal["index.md"].split("## 本周截止", 1)[1].split("## ", 1)[0]
    assert deadlines.index("本周(") < deadlines.index("上周(")


# --- Chinese labels for codes and region names for region ids ------------------------------


def test_report_pages_show_labels_not_codes(git_repo: GitRepo) -> None:
    setup_org(git_repo, posted_roster(("li-ming", "李明", "2026-01-01", None)))
    git_repo.write(
        "submissions/li-ming/weekly/2026-W46.yaml",
        "staff: li-ming\nweek: 2026-W46\nsummary: 本周走访。\nregions: [guangzhou, foshan]\n"
        "work:\n  - {date: 2026-11-10, description: 盘点, category: parts}\n"
        "  - {date: 2026-11-11, description: 对账, category: operator}\n"
        "plan:\n  - 跟进\n",
    )
    git_repo.commit("li-ming W46", "2026-11-16T09:00:00+08:00")
    person = json.loads(render_pages(git_repo.root, NOW, "internal")["data/people/li-ming.json"])
    shown = json.dumps(person["reports"][0]["content"], ensure_ascii=False)
    assert '"备件"' in shown and '"局方"' in shown
    assert '"广州"' in shown and '"佛山"' in shown
    for code in ("parts", "operator", "guangzhou", "foshan"):
        assert f'"{code}"' not in shown, code


# --- who reported, per region and per channel engineer --------------------------------------


def test_by_region_lists_each_region_with_its_staff(demo: Path, internal: dict[str, str]) -> None:
    regions = yaml.safe_load((demo / "org/regions.yaml").read_text("utf-8"))["regions"]
    summary = [row[0] for row in tables.texts(internal, "by-region-summary")]
    sections = _grouped(internal, "by-region")
    for region in regions:
        assert region["name"] in summary, region["name"]
    listed = _listed(internal)
    for entry in _roster(demo):
        if entry["id"] not in listed:
            continue
        posting = entry["postings"][-1]  # type: ignore[index]
        for region_id in posting["regions"]:
            name = next(r["name"] for r in regions if r["id"] == region_id)
            assert entry["id"] in sections[name], (entry["id"], name)


def test_by_engineer_groups_people_by_their_channel_engineer(
    demo: Path, internal: dict[str, str]
) -> None:
    roster = _roster(demo)
    names = {str(e["id"]): str(e["name"]) for e in roster}
    sections = _grouped(internal, "by-engineer")
    listed = _listed(internal)
    for entry in roster:
        if entry["id"] in listed:
            engineer = names[str(entry["channel_engineer"])]
            heading = next(h for h in sections if h.startswith(engineer))
            assert entry["id"] in sections[heading], entry["id"]
            others = [s for h, s in sections.items() if h != heading]
            assert not [s for s in others if entry["id"] in s]


def test_group_pages_are_linked_from_the_overview(internal: dict[str, str]) -> None:
    assert {"by-region.md", "by-engineer.md"} <= set(NAV)
    assert "](by-region.md)" in internal["index.md"]
    assert "](by-engineer.md)" in internal["index.md"]


def test_public_group_pages_show_counts_and_no_names(
    demo: Path, public: dict[str, str], internal: dict[str, str]
) -> None:
    words = roster_words(demo)
    for rel in public:
        assert not [w for w in words if w in public[rel]], rel
    counts = {row[0]: row[1] for row in tables.texts(public, "by-region-summary")}
    assert counts and all(count.isdigit() for count in counts.values())  # small regions pooled
    assert "data/by-region.json" not in public and "data/by-engineer.json" not in public
    assert "](staff/" not in public["by-region.md"] + public["by-engineer.md"]


def test_without_routing_the_engineer_page_says_so(git_repo: GitRepo) -> None:
    setup_org(git_repo, posted_roster(("li-ming", "李明", "2026-01-01", None)))
    pages = _texts(render_pages(git_repo.root, NOW, "internal"))
    assert "channel_engineer" in pages["by-engineer.md"]
    assert "](by-engineer.md)" not in pages["index.md"]
    assert "](by-region.md)" in pages["index.md"]


# --- the generator note belongs at the foot of the page -------------------------------------


def test_generator_note_is_the_last_paragraph(internal: dict[str, str]) -> None:
    for rel, page in internal.items():
        if not rel.endswith(".md"):
            continue
        lines = [line for line in page.splitlines() if line.strip()]
        assert NOTE in lines[-1], rel
        assert 'class="status-generated"' in lines[-1], rel
        assert sum(NOTE in line for line in lines) == 1, rel


# --- a national company: one JSON-fed table per family, not a page per region or engineer ---


def test_group_tables_list_everyone_without_a_page_per_group(internal: dict[str, str]) -> None:
    listed = _listed(internal)
    for name in ("by-region", "by-engineer"):
        seen = set().union(*_grouped(internal, name).values())
        assert seen == listed, name
        assert "](staff/" not in internal[f"{name}.md"]  # the names are in the table's data
    assert not [rel for rel in internal if rel.startswith(("by-region/", "by-engineer/"))]
