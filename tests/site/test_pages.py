"""The status pages: escaping, privacy of the public audience, agreement with `validator status`,
and a real `mkdocs build --strict` of the seeded demo."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from click.testing import CliRunner

from tests.support import ROOT, tables
from tests.support.gitrepo import GitRepo
from tests.support.status import (
    DEMO_NOW,
    PAYLOAD,
    build_demo_site,
    injection_repo,
    make_demo,
    posted_roster,
    roster_words,
    setup_org,
)
from validator.cli import cli
from validator.core.errors import RepositoryError, UsageError
from validator.features.status import STATE_ZH, format_rate
from validator.site.offline import third_party_hosts
from validator.site.pages import NAV, write_pages
from validator.site.pages.common import MIN_GROUP
from validator.site.pages.escape import text
from validator.site.pages.performance import quarterly_ranking
from validator.site.pages.rotation import next_round
from validator.site.pages.who_reported import POOLED

NOW = dt.datetime.fromisoformat(DEMO_NOW)
LABEL_STATE = {label: state for state, label in STATE_ZH.items()}


def person(pages: dict[str, str], staff: str = "evil-one") -> dict[str, object]:
    found: dict[str, object] = json.loads(pages[f"data/people/{staff}.json"])
    return found


def strings(value: object) -> list[str]:
    """Every string in a person's JSON (what the person view shows, as text nodes)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in strings(item)]
    return []


def report_section(pages: dict[str, str], kind: str, period: str, staff: str = "evil-one") -> str:
    """The text of one report as its author's view shows it (its facts and content)."""
    reports: list[dict[str, object]] = person(pages, staff)["reports"]  # type: ignore[assignment]
    found = next(r for r in reports if r["anchor"] == f"r-{kind}-{period}")
    return "\n".join(strings(found))


def site_extensions() -> tuple[list[str], dict[str, dict[str, Any]]]:
    """The Markdown extensions mkdocs.yml configures, so pages are rendered as on the site."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))
    names: list[str] = []
    options: dict[str, dict[str, Any]] = {}
    for entry in config["markdown_extensions"]:
        if isinstance(entry, dict):
            (name, opts), *_ = entry.items()
            names.append(name)
            options[name] = opts or {}
        else:
            names.append(entry)
    return names, options


def to_html(source: str) -> str:
    names, options = site_extensions()
    html: str = markdown.markdown(source, extensions=names, extension_configs=options)
    return html


class Inspector(HTMLParser):
    """Collects tags with their attributes, and the text a reader sees."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.chunks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)

    @property
    def text(self) -> str:
        return "".join(self.chunks)


def inspect(source: str) -> Inspector:
    parser = Inspector()
    parser.feed(to_html(source))
    return parser


@pytest.fixture(scope="module")
def injected(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = GitRepo.init(tmp_path_factory.mktemp("injected") / "repo")
    injection_repo(repo)
    return repo.root


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_demo(tmp_path_factory.mktemp("demo") / "repo")


def written(out: Path) -> dict[str, str]:
    return {
        p.relative_to(out).as_posix(): p.read_text("utf-8")
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.suffix in {".md", ".svg", ".json"}
    }


def markdown_and_charts(pages: dict[str, str]) -> list[str]:
    return sorted(rel for rel in pages if not rel.endswith(".json"))


# --- escaping ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        PAYLOAD,
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[x](javascript:alert(1))",
        "![](x onerror=alert(1))",
        "{{ config }} {% include 'x' %}",
        "a | b\nc",
        "# heading\n- item\n1. one\n> quote\n    code\n===\n```\n~~~\n??? note\n!!! warning",
        "<http://evil.example> &lt;b&gt; {: onclick=x }",
        "\\[x\\](javascript:alert(1)) \\",
    ],
)
def test_escaped_text_renders_as_the_same_literal_text(value: str) -> None:
    page = inspect(f"{text(value)}\n\n| a | b |\n|---|---|\n| {text(value)} | z |\n")
    breaks = ["br"] * value.strip().count("\n")
    table_tags = ["table", "thead", "tr", "th", "th", "tbody", "tr", "td", *breaks, "td"]
    assert [tag for tag, _ in page.tags] == ["p", *breaks, *table_tags]
    lines = [line.strip() for line in value.splitlines() if line.strip()]
    for line in lines:
        assert page.text.count(line) == 2, (line, page.text)


def test_every_report_field_and_org_text_is_escaped(injected: Path, tmp_path: Path) -> None:
    out = tmp_path / "status"
    write_pages(injected, out, NOW, "internal")
    pages = written(out)
    seen = 0
    for rel, source in pages.items():
        if rel.startswith("data/people/"):  # raw text, shown by the person view as text nodes
            seen += sum(s.count(PAYLOAD) for s in strings(json.loads(source)))
            for link in re.findall(r'"href":"([^"]*)"', source):
                assert re.fullmatch(r"(\?id=[a-z0-9-]+)?(#[A-Za-z0-9-]+)?", link), (rel, link)
            continue
        if rel.endswith(".json"):  # raw text, shown by the table script as text nodes
            for row in json.loads(source)["rows"]:
                seen += sum(tables.text(cell).count(PAYLOAD) for cell in row)
                for link in filter(None, map(tables.href, row)):
                    assert re.fullmatch(r"\.\./[a-z0-9/-]+(\?[a-z0-9=&-]*)?(#[A-Za-z0-9-]+)?", link)
                    assert link.startswith("../") and ":" not in link, (rel, link)
            continue
        if not rel.endswith(".md"):
            assert "<script" not in source and "onerror" not in source, rel
            continue
        page = inspect(source)
        for tag, attrs in page.tags:
            assert tag not in {"script", "iframe", "object", "embed", "b", "i"}, (rel, tag)
            for name, value in attrs.items():
                assert not name.startswith("on"), (rel, tag, name)
                assert not (value or "").strip().lower().startswith("javascript"), (rel, value)
            if tag == "img":
                assert re.fullmatch(r"charts/[a-z-]+\.svg", attrs["src"] or ""), (rel, attrs)
        assert "{{ 7*7 }}" not in source, rel  # escaped in the Markdown source too
        seen += page.text.count(PAYLOAD)
    weekly = report_section(pages, "weekly", "2026-W46")
    assert weekly.count(PAYLOAD) == 8  # summary, description, site, plan, sales, 2 lists, reason
    monthly = report_section(pages, "monthly", "2026-10")
    assert monthly.count(PAYLOAD) == 9
    expenses = report_section(pages, "expenses", "2026-10")
    assert expenses.count(PAYLOAD) == 5
    incident = report_section(pages, "incidents", "2026-11-03-media")
    assert len(PAYLOAD) < 190
    assert incident.count(PAYLOAD) == 5  # title, parties, summary, update, reason
    broken = report_section(pages, "weekly", "2026-W45")
    assert "<script>window.__pwned=6</script>" in broken and PAYLOAD in broken
    assert PAYLOAD in strings(person(pages, "chen-mei")["leave"])[-1]  # leave reason
    assert "<script>window.__pwned=6</script>" in tables.all_text(pages, "problems")
    assert "evil-one/<img src=x onerror=window.__pwned=7>`.txt" in tables.all_text(
        pages, "problems"
    )
    assert "<b onmouseover=window.__pwned=5>恶</b>{{x}}" in tables.all_text(pages, "staff")
    assert "广州<i onclick=x>" in tables.all_text(pages, "regions")
    assert PAYLOAD in tables.all_text(pages, "monthly-spare-units")  # serial and holder
    assert PAYLOAD[:190] in tables.all_text(pages, "incidents")
    assert seen > 30


# --- privacy -------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["injected", "demo"])
def test_public_pages_carry_no_personal_data(
    which: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    repo: Path = request.getfixturevalue(which)
    out = tmp_path / "status"
    write_pages(repo, out, NOW, "public")
    pages = written(out)
    assert set(NAV) <= set(pages)
    assert not [p for p in pages if p.startswith(("person", "data/people/"))]
    words = roster_words(repo) | {text(w) for w in roster_words(repo)}
    for rel, source in pages.items():
        shown = inspect(source).text if rel.endswith(".md") else source
        for word in words:
            assert word not in source and word not in shown, (rel, word)
    leave = yaml.safe_load((repo / "org/leave.yaml").read_text("utf-8"))["leave"]
    reasons = {e["reason"] for e in leave if e.get("reason") and len(e["reason"]) > 3}
    for rel, source in pages.items():
        for reason in reasons:
            assert reason not in inspect(source).text, (rel, reason)


def test_switching_to_public_removes_personal_pages(injected: Path, tmp_path: Path) -> None:
    out = tmp_path / "status"
    write_pages(injected, out, NOW, "internal")
    assert (out / "person.md").is_file() and (out / "data/people/evil-one.json").is_file()
    write_pages(injected, out, NOW, "public")
    assert not (out / "person.md").exists() and not (out / "data/people").exists()
    charts = ["charts/faulty-stock.svg", "charts/spare-units.svg"]
    pages = written(out)
    assert markdown_and_charts(pages) == sorted([*NAV, *charts])
    assert not {"data/weekly.json", "data/staff.json", "data/rotation.json"} & set(pages)


def test_unchanged_pages_are_not_rewritten(injected: Path, tmp_path: Path) -> None:
    out = tmp_path / "status"
    first = write_pages(injected, out, NOW, "internal")
    stamps = {p: p.stat().st_mtime_ns for p in first}
    again = write_pages(injected, out, NOW, "internal")
    assert again == first
    assert {p: p.stat().st_mtime_ns for p in again} == stamps


def test_refuses_a_directory_it_did_not_write(injected: Path, tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("mine", "utf-8")
    with pytest.raises(UsageError):
        write_pages(injected, tmp_path, NOW, "public")
    assert (tmp_path / "notes.md").read_text("utf-8") == "mine"
    result = CliRunner().invoke(cli, ["pages", "--repo", str(injected), "--out", str(tmp_path)])
    assert result.exit_code == 2


def test_empty_repository_renders_no_data(tmp_path: Path) -> None:
    out = tmp_path / "status"
    (tmp_path / "empty").mkdir()
    write_pages(tmp_path / "empty", out, NOW, "internal")
    pages = written(out)
    assert sorted(pages) == sorted(NAV)
    assert "暂无数据" in pages["index.md"] and "暂无数据" in pages["weekly.md"]
    assert "请勿手工编辑" in pages["index.md"]


def test_pages_cli_reads_audience_and_repo_from_the_environment(
    injected: Path, tmp_path: Path
) -> None:
    out = tmp_path / "status"
    env = {"VALIDATOR_REPO": str(injected), "VALIDATOR_AUDIENCE": "internal"}
    result = CliRunner().invoke(cli, ["pages", "--out", str(out), "--now", DEMO_NOW], env=env)
    assert result.exit_code == 0, result.output
    assert (out / "data/people/evil-one.json").is_file()
    bad = CliRunner().invoke(cli, ["pages", "--out", str(out)], env={"VALIDATOR_AUDIENCE": "all"})
    assert bad.exit_code == 2
    assert "Traceback" not in bad.output


# --- numbers -------------------------------------------------------------------------------


def _status_json(repo: Path) -> dict[str, object]:
    result = CliRunner().invoke(
        cli, ["status", "--repo", str(repo), "--now", DEMO_NOW, "--format", "json"]
    )
    assert result.exit_code == 0
    data: dict[str, object] = json.loads(result.output)
    return data


def test_weekly_matrix_and_overview_agree_with_status(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "status"
    write_pages(demo, out, NOW, "internal")
    status = _status_json(demo)
    pinned: list[str] = status["weeks"]  # type: ignore[assignment]
    pages = written(out)
    grid = tables.table(pages, "weekly")
    columns = grid["columns"][1 : 1 + len(pinned)]
    weeks = sorted(pinned, reverse=True)  # the pages show the newest week first
    assert columns == [w.split("-")[1] for w in weeks]
    rows = {}
    for row in grid["rows"]:
        href = tables.href(row[0])
        assert href is not None
        match = re.fullmatch(r"\.\./person/\?id=([a-z0-9-]+)", href)
        assert match, href
        rows[match[1]] = row[1:]
    staff: list[dict[str, object]] = status["staff"]  # type: ignore[assignment]
    assert list(rows) == [m["id"] for m in staff]
    for member in staff:
        cells = rows[str(member["id"])]
        states = [LABEL_STATE[tables.text(c)] for c in cells[:-2]]
        for cell, state in zip(cells[:-2], states, strict=True):  # the colour follows the state
            assert (
                isinstance(cell, dict) and cell["cls"] == f"state state-{state.replace('_', '-')}"
            )
        assert dict(zip(weeks, states, strict=True)) == member["weekly"]
        rate = member["on_time_rate"]
        assert cells[-2] == format_rate(rate if isinstance(rate, float) else None)
        assert cells[-1] == f"{member['streak']} 周"
        for week, cell in zip(weeks, cells[:-2], strict=True):
            link = tables.href(cell)
            if member["weekly"][week] in {"on_time", "late"}:
                assert link == f"../person/?id={member['id']}#r-weekly-{week}"
                shown = person(pages, str(member["id"]))["reports"]
                assert f"r-weekly-{week}" in [r["anchor"] for r in shown]  # type: ignore[attr-defined]
            else:
                assert link is None
    index = (out / "index.md").read_text("utf-8")
    last_due = pinned[-2]
    missing = [m for m in staff if m["weekly"][last_due] == "missing"]  # type: ignore[index]
    assert f"| 缺交 | {len(missing)} |" in index
    assert f"- 缺交:{len(missing)} 人" in index
    late = [row for row in tables.texts(pages, "late") if row[1] == "缺交"] if missing else []
    assert len(late) == len(missing)


def test_charts_are_self_contained(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "status"
    write_pages(demo, out, NOW, "public")
    charts = sorted((out / "charts").glob("*.svg"))
    assert [c.name for c in charts] == ["faulty-stock.svg", "spare-units.svg"]
    for chart in charts:
        svg = chart.read_text("utf-8")
        assert svg.startswith("<svg") and "<script" not in svg and "<!--" not in svg
        assert third_party_hosts(svg) == set()
        assert "xlink:href" not in svg and "@import" not in svg


def test_expense_totals_exclude_personal_items(injected: Path, tmp_path: Path) -> None:
    out = tmp_path / "status"
    write_pages(injected, out, NOW, "internal")
    source = (out / "expenses.md").read_text("utf-8")
    pages = written(out)
    row = next(
        r for r in tables.rows(pages, "expenses") if tables.href(r[0]) and "evil-one" in str(r[0])
    )
    assert row[1] == {"text": "120.50", "href": "../person/?id=evil-one#r-expenses-2026-10"}
    assert "| **合计** | 120.50 |" in source  # the month's total, personal items excluded
    assert ["2026-10", "30.00"] in [r[1:] for r in tables.texts(pages, "expenses-personal")]


def test_quarterly_ranking_and_rotation_round(git_repo: GitRepo) -> None:
    from validator.checking.check import run_checks
    from validator.features.status import compute_status
    from validator.repo.workspace import open_workspace
    from validator.site.pages.common import Site

    setup_org(
        git_repo,
        posted_roster(
            ("wang-a", "王安", "2026-01-01", None), ("li-bo", "李博", "2026-01-01", None)
        ),
    )
    git_repo.write("org/scores/2026-10.yaml", "month: 2026-10\nscores: {wang-a: 80, li-bo: 70}\n")
    git_repo.write("org/scores/2026-11.yaml", "month: 2026-11\nscores: {wang-a: 60, li-bo: 70}\n")
    git_repo.write("org/scores/2026-12.yaml", "month: 2026-12\nscores: {zhou-c: 50}\n")
    workspace = open_workspace(git_repo.root)
    site = Site(workspace, compute_status(workspace, NOW), run_checks(workspace, NOW), "internal")
    assert quarterly_ranking(site) == [
        ("2026-Q4", [(1, "li-bo", 70.0, 2), (1, "wang-a", 70.0, 2), (3, "zhou-c", 50.0, 1)])
    ]
    assert next_round(dt.date(2026, 11, 27), ["01-01", "07-01"]) == dt.date(2027, 1, 1)
    assert next_round(dt.date(2026, 7, 1), ["01-01", "07-01"]) == dt.date(2027, 1, 1)
    assert next_round(dt.date(2026, 6, 30), ["07-01", "02-30"]) == dt.date(2026, 7, 1)
    assert next_round(dt.date(2026, 6, 30), []) is None


# --- the real site -------------------------------------------------------------------------


@pytest.mark.slow
def test_mkdocs_build_strict_of_the_internal_demo(demo: Path, tmp_path: Path) -> None:
    site = build_demo_site(demo, "internal", tmp_path)
    status = _status_json(demo)
    for page in NAV:
        assert (
            site / "status" / page.replace(".md", "/index.html").replace("index/", "")
        ).is_file()
    assert (site / "status/person/index.html").is_file()  # the one view of every person
    for member in status["staff"]:  # type: ignore[attr-defined]
        assert (site / "status/data/people" / f"{member['id']}.json").is_file()
    assert (site / "status/charts/faulty-stock.svg").is_file()
    weekly = (site / "status/weekly/index.html").read_text("utf-8")
    assert "每人每周" in weekly and "准时率" in weekly
    offenders = {
        str(p.relative_to(site)): third_party_hosts(p.read_text("utf-8"))
        for p in (site / "status").rglob("*")
        if p.suffix in {".html", ".svg"}
    }
    assert {k: v for k, v in offenders.items() if v} == {}
    assert html.unescape(weekly).count("validator pages") >= 1


@pytest.mark.slow
def test_mkdocs_build_strict_of_an_empty_repository(tmp_path: Path) -> None:
    """Without $VALIDATOR_REPO the hook renders the repository of mkdocs.yml: here one with no
    org/ or submissions/ at all, like the product repository itself."""
    site = build_demo_site(None, "internal", tmp_path)
    assert (tmp_path / "docs/status/.validator-pages").is_file()
    for page in NAV:
        built = site / "status" / page.replace("index.md", "").replace(".md", "/") / "index.html"
        assert built.is_file(), page
    overview = (site / "status/index.html").read_text("utf-8")
    assert "暂无数据" in overview and "请勿手工编辑" in overview
    assert "<title>总览 - " in overview  # the nav title


def test_hook_builds_from_its_own_rendering_not_from_disk(
    injected: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page another build left in docs/status (another audience or repository) never reaches
    this build: the hook replaces everything under status/ with what it rendered."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import File, Files

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# 首页\n", "utf-8")
    hook = ROOT / "validator/site/mkdocs_hooks/status.py"
    (tmp_path / "mkdocs.yml").write_text(f"site_name: t\nhooks: [{hook}]\n", "utf-8")
    monkeypatch.setenv("VALIDATOR_REPO", str(injected))
    monkeypatch.setenv("VALIDATOR_AUDIENCE", "public")
    monkeypatch.setenv("VALIDATOR_NOW", DEMO_NOW)
    config = load_config(str(tmp_path / "mkdocs.yml"))
    config.plugins.on_pre_build(config=config)
    (docs / "status/staff").mkdir()
    (docs / "status/staff/ghost.md").write_text("# 陈美华\n", "utf-8")  # an older build's page
    files = Files(
        [
            File(path, str(docs), str(tmp_path / "site"), False)
            for path in ("index.md", "status/index.md", "status/staff/ghost.md")
        ]
    )
    result = config.plugins.on_files(files, config=config)
    uris = sorted(f.src_uri for f in result)
    assert "status/staff/ghost.md" not in uris
    assert [u for u in uris if u.startswith("status/") and not u.endswith(".json")] == sorted(
        f"status/{p}" for p in [*NAV, "charts/faulty-stock.svg", "charts/spare-units.svg"]
    )
    assert "status/data/monthly-stock.json" in uris  # the tables' data, copied as it is
    overview = next(f for f in result if f.src_uri == "status/index.md")
    assert "公开版本" in overview.content_string


def test_monthly_numbers(injected: Path, tmp_path: Path) -> None:
    out = tmp_path / "status"
    write_pages(injected, out, NOW, "public")
    source = (out / "monthly.md").read_text("utf-8")
    pages = written(out)
    region = "广州<i onclick=x>"  # raw text in the JSON: the table script shows it as text
    assert [region, "7"] in tables.texts(pages, "monthly-stock")  # faulty-unit stock
    assert "| 2026-10 | 1 | 1 |" in source  # one spare unit on loan, due before the month ended
    # spare units by area: one person's group is not shown
    assert tables.texts(pages, "monthly-spare-areas") == [["其他", "1"]]
    assert [region, "3"] in tables.texts(pages, "monthly-replacements")
    assert "data/monthly-spare-units.json" not in pages  # the holder and serial stay internal
    assert all(PAYLOAD not in page for page in pages.values())


def test_hook_leaves_a_foreign_status_directory_alone(
    injected: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mkdocs.config import load_config
    from mkdocs.structure.files import File, Files

    docs = tmp_path / "docs"
    (docs / "status").mkdir(parents=True)
    (docs / "status/index.md").write_text("# 手写的页面\n", "utf-8")
    hook = ROOT / "validator/site/mkdocs_hooks/status.py"
    (tmp_path / "mkdocs.yml").write_text(f"site_name: t\nhooks: [{hook}]\n", "utf-8")
    monkeypatch.setenv("VALIDATOR_REPO", str(injected))
    monkeypatch.setenv("VALIDATOR_AUDIENCE", "internal")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    config.plugins.on_pre_build(config=config)
    assert sorted(p.name for p in (docs / "status").iterdir()) == ["index.md"]
    assert (docs / "status/index.md").read_text("utf-8") == "# 手写的页面\n"
    files = Files([File("status/index.md", str(docs), str(tmp_path / "site"), False)])
    result = config.plugins.on_files(files, config=config)
    overview = next(f for f in result if f.src_uri == "status/index.md")
    assert "内部版本" in overview.content_string
    assert any(f.src_uri == "status/data/people/evil-one.json" for f in result)


def test_public_region_counts_cover_at_least_three_people(demo: Path, tmp_path: Path) -> None:
    """A region where one or two people are posted would show their week on the public site
    (who is posted where is in the roster): such regions are pooled into one row, as the spare
    units by region are (`MIN_GROUP`)."""
    out = tmp_path / "status"
    write_pages(demo, out, NOW, "public")
    rows = json.loads((out / "data/by-region-summary.json").read_text("utf-8"))["rows"]
    small = [r for r in rows if int(r[1]) < MIN_GROUP]
    assert [r[0] for r in small] in ([], [POOLED])
    write_pages(demo, out, NOW, "internal")
    inside = json.loads((out / "data/by-region-summary.json").read_text("utf-8"))["rows"]
    assert any(int(r[1]) < MIN_GROUP for r in inside)  # the demo has such regions
    assert sum(int(r[2]) for r in rows) <= sum(int(r[2]) for r in inside)


def test_pages_stop_with_the_roster_errors_they_would_stand_on(demo: Path, tmp_path: Path) -> None:
    """Read as empty, a broken org/staff.yaml published '暂无数据' for everyone: the publish job
    now fails with the error instead, and the site online stays as it was."""
    repo = tmp_path / "repo"
    shutil.copytree(demo, repo)
    staff = repo / "org/staff.yaml"
    staff.write_text(staff.read_text("utf-8").replace("category:", "category: 42 #", 1), "utf-8")
    with pytest.raises(RepositoryError, match=r"org/staff\.yaml"):
        write_pages(repo, tmp_path / "status", NOW, "public")
