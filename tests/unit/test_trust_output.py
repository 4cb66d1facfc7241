"""Issue 13 items 11 and 12: what a staff member writes cannot take over the job summary or hide
behind right-to-left controls, and the public monthly page aggregates only over groups of at least
three people."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

from tests.support.corpus import BASE
from tests.support.gitrepo import GitRepo
from tests.support.tables import texts
from validator.checking.check import CheckResult
from validator.cli.formats import GithubFormat, JsonFormat, TextFormat
from validator.core.diagnostics import Diagnostic, Severity
from validator.site.pages import write_pages
from validator.site.pages.escape import cell, html_text, text

EVIL = "![x](https://evil.example/p.png) <img src=x onerror=alert(1)> [a](javascript:x) **b**"
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _files(out: Path) -> dict[str, str | bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*.json")}


def result(name: str, path: str = "org/x.yaml") -> CheckResult:
    found = Diagnostic(
        path,
        None,
        None,
        "unexpected-file",
        Severity.ERROR,
        "unexpected-org-file",
        (("choices", "policy.yaml"), ("name", name)),
    )
    return CheckResult(1, [found])


def test_job_summary_escapes_markdown_in_messages_and_paths() -> None:
    summary = GithubFormat("zh").step_summary(result(EVIL, "org/a`b|c.yaml"))
    row = summary.splitlines()[-1]
    assert not re.search(r"(?<!\\)[\[\]()<>*!]", row.split(" | ")[-1])  # all escaped
    assert "\\!\\[x\\]\\(https\\://evil\\.example/p\\.png\\)" in row
    assert row.count(" | ") == 4  # five cells, none broken open by the `|` in the path
    assert "``org/a`b\\|c.yaml``" in row


def test_bidi_controls_are_made_visible_in_every_output() -> None:
    res = result(f"a{BIDI}b.yaml")
    for out in (
        TextFormat("zh").render(res),
        JsonFormat("en").render(res),
        GithubFormat("zh").render(res),
        GithubFormat("zh").step_summary(res),
    ):
        assert not any(ch in out for ch in BIDI), out
        assert "U+202E" in out.replace("\\", "")


def test_bidi_controls_are_made_visible_on_the_pages() -> None:
    for escape in (text, cell, html_text):
        shown = escape(f"付款{BIDI}人")
        assert not any(ch in shown for ch in BIDI)
        assert "U+202E" in shown


MONTHLY = """\
staff: {staff}
month: 2026-10
summary: 十月售后运作平稳。
faulty_stock:
  - {{region: {region}, units: 2}}
spare_units:
  - {{serial: SN-{staff}, model: K200, holder: 天河授权站, loaned: 2026-10-03, due: 2026-12-03}}
replacements:
  - {{region: {region}, count: 1}}
plan: [清理超期备用机]
"""

STAFF = """\
staff:
""" + "".join(
    f"""  - id: {sid}
    name: 人员{n}
    category: technician
    email: {sid}@example.com
    github: gh-{sid}
    postings:
      - {{regions: [{region}], from: 2025-03-01, to: null}}
"""
    for n, (sid, region) in enumerate(
        [("aa-one", "guangzhou"), ("bb-two", "guangzhou"), ("cc-three", "guangzhou"),
         ("dd-four", "foshan"), ("ee-five", "foshan")]
    )
)  # fmt: skip


def test_public_monthly_page_aggregates_only_groups_of_three(
    git_repo: GitRepo, tmp_path: Path
) -> None:
    shutil.copytree(BASE / "org", git_repo.root / "org")
    git_repo.write("org/staff.yaml", STAFF)
    for sid, region in [
        ("aa-one", "guangzhou"),
        ("bb-two", "guangzhou"),
        ("cc-three", "guangzhou"),
        ("dd-four", "foshan"),
        ("ee-five", "foshan"),
    ]:
        git_repo.write(
            f"submissions/{sid}/monthly/2026-10.yaml", MONTHLY.format(staff=sid, region=region)
        )
    git_repo.commit("reports", "2026-11-03T10:00:00+08:00")
    now = dt.datetime(2026, 11, 10, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    out = tmp_path / "public"
    write_pages(git_repo.root, out, now, "public")
    area = texts(_files(out), "monthly-spare-areas")
    assert ["广州", "3"] in area  # three people: shown
    assert "佛山" not in {row[0] for row in area}  # two people: folded into the rest
    assert ["其他", "2"] in area
    internal = tmp_path / "internal"
    write_pages(git_repo.root, internal, now, "internal")
    assert ["佛山", "2"] in texts(_files(internal), "monthly-spare-areas")
