"""The report form carries spare units on as `validator new` does, and warns as check warns.

`validator new monthly` copies the units the latest monthly report before the month left out on
loan, and `validator new handover` the serials of the latest monthly report for a month begun by
the handover date (which `handover-units` compares); an internal build publishes each person's
units out (`units_out` in `status/data/people/<id>.json`), from which the form does the same.
Its warnings (`spare-overdue`, `not-posted`, `handover-units`) are check's, in check's words, and
never keep the file from being created. Each behaviour is driven in headless Chromium and the
file the form wrote is checked by `validator check` in a pull request, as CI checks it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.site.test_form_browser import NOW, _build, _fill, _holds, _open_form, _org_repo
from tests.support import site as site_support
from tests.support.gitrepo import GitRepo
from tests.support.roster import LI_MING, WANG_FANG, member, staff_yaml
from validator.cli import cli
from validator.features.newreport import plan_report
from validator.repo.on_file import units_out
from validator.site.pages import render_pages

# 陈静's posting ended on 2026-11-20: her week 2026-W48 is in no posting (not-posted), a
# handover dated within the window after it is (a handover's window reaches back)
CHEN_JING = member(
    "chen-jing", "陈静", "technician", "chenjing", regions=("guangzhou",), until="2026-11-20"
)
STAFF = staff_yaml(LI_MING, WANG_FANG, CHEN_JING)
AUTHORS = {"li-ming": "liming-gz", "wang-fang": "wangfang", "chen-jing": "chenjing"}

# 李明's monthly reports of September and October: September leaves SN20260801 out, October
# the K200 and "0042" (due 2026-11-10: overdue by 2026-11-23), SN20260801 being returned then
SEPTEMBER = """\
staff: li-ming
month: 2026-09
summary: 九月走访授权站 5 家。
faulty_stock:
  - {region: guangzhou, units: 2}
spare_units:
  - {serial: SN20260801, model: K100, holder: 海珠授权站, loaned: 2026-08-01, due: 2026-10-31}
  - {serial: SN20260905, holder: 番禺授权站, loaned: 2026-09-05, due: 2026-09-20,
     returned: 2026-09-18}
"""
OCTOBER = """\
staff: li-ming
month: 2026-10
summary: 十月走访授权站 6 家。
faulty_stock:
  - {region: guangzhou, units: 0}
spare_units:
  - {serial: SN20260920, model: K200, holder: 天河授权站, loaned: 2026-09-20, due: 2026-12-20}
  - {serial: "0042", holder: "越秀: 二号柜", loaned: 2026-10-02, due: 2026-11-10}
  - {serial: SN20260801, model: K100, holder: 海珠授权站, loaned: 2026-08-01, due: 2026-10-31,
     returned: 2026-10-30}
"""
OCTOBER_OUT = [
    {"serial": "SN20260920", "model": "K200", "holder": "天河授权站",
     "loaned": "2026-09-20", "due": "2026-12-20"},
    {"serial": "0042", "holder": "越秀: 二号柜", "loaned": "2026-10-02", "due": "2026-11-10"},
]  # fmt: skip
SEPTEMBER_OUT = [
    {"serial": "SN20260801", "model": "K100", "holder": "海珠授权站",
     "loaned": "2026-08-01", "due": "2026-10-31"},
]  # fmt: skip
# check's spare-overdue for "0042" in November, as the test organisation says it
OVERDUE_0042 = (
    "备用机 0042 应于 2026-11-10 归还,截至 2026-11-23 仍未归还;请及时收回(办法 三(七)1)。"
)


# 陈静's September leaves CJ-001 out; her October fails the schema (no summary), so check and
# `validator new` carry nothing past it
CHEN_SEPTEMBER = """\
staff: chen-jing
month: 2026-09
summary: 九月小结。
faulty_stock:
  - {region: guangzhou, units: 1}
spare_units:
  - {serial: CJ-001, holder: 白云授权站, loaned: 2026-09-10, due: 2026-12-10}
"""
CHEN_OCTOBER = """\
staff: chen-jing
month: 2026-10
faulty_stock:
  - {region: guangzhou, units: 1}
"""


def _carries_repo(root: Path) -> GitRepo:
    """The browser tests' organisation with 陈静, 李明's September and October reports and
    陈静's (her October failing the schema)."""
    repo = _org_repo(root, STAFF)
    repo.write("submissions/li-ming/monthly/2026-09.yaml", SEPTEMBER)
    repo.write("submissions/chen-jing/monthly/2026-09.yaml", CHEN_SEPTEMBER)
    repo.commit("september", "2026-10-03T18:00:00+08:00")
    repo.write("submissions/li-ming/monthly/2026-10.yaml", OCTOBER)
    repo.write("submissions/chen-jing/monthly/2026-10.yaml", CHEN_OCTOBER)
    repo.commit("october", "2026-11-03T18:00:00+08:00")
    return repo


@pytest.fixture(scope="module")
def carries_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    repo = _carries_repo(tmp_path_factory.mktemp("org-carries") / "repo")
    with site_support.serve(
        _build(tmp_path_factory.mktemp("site-carries"), repo.root, "internal")
    ) as url:
        yield url


@pytest.fixture(scope="module")
def carries_public_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    repo = _carries_repo(tmp_path_factory.mktemp("org-carries-public") / "repo")
    with site_support.serve(
        _build(tmp_path_factory.mktemp("site-carries-public"), repo.root, "public")
    ) as url:
        yield url


def _settled(page: Any) -> None:
    """Wait until the form has taken every change so far (json-editor fires its change event a
    frame after a value changes, and the form may change a value again)."""
    page.wait_for_function(
        "() => { const e = window.reportForm && window.reportForm.editor;"
        " return !!e && e.ready && !e.firing_change; }",
        timeout=5000,
    )
    page.wait_for_timeout(200)
    page.wait_for_function(
        "() => { const e = window.reportForm && window.reportForm.editor;"
        " return !!e && e.ready && !e.firing_change; }",
        timeout=5000,
    )


def _passes(page: Any) -> None:
    page.wait_for_function(
        "document.querySelector('#rf-status').textContent.includes('检查通过')", timeout=5000
    )
    _settled(page)


def _in_pull_request(tmp_path: Path, page: Any) -> tuple[str, dict[str, Any]]:
    """CI's view of the file the form shows: on a branch off the organisation, checked as a pull
    request by its author; the path and check's JSON report."""
    _settled(page)
    path = page.text_content("#rf-path")
    staff = path.split("/")[1]
    repo = _carries_repo(tmp_path / f"ci-{len(list(tmp_path.iterdir()))}")
    base = repo.git("rev-parse", "HEAD").strip()
    repo.git("switch", "-q", "-c", f"{staff}/report")
    repo.write(path, page.text_content("#rf-yaml"))
    repo.commit("report", "2026-11-23T09:50:00+08:00")
    result = CliRunner().invoke(
        cli,
        ["check", "--repo", str(repo.root), "--now", NOW, "--base", base,
         "--author", AUTHORS[staff], "--format", "json"],
    )  # fmt: skip
    return path, json.loads(result.stdout)


def _said(report: dict[str, Any], path: str, severity: str) -> dict[str, str]:
    """check's messages of `severity` for `path`, by rule."""
    return {
        d["rule"]: d["message"]
        for d in report["diagnostics"]
        if d["path"] == path and d["severity"] == severity
    }


def _warnings(page: Any) -> list[str]:
    return list(page.eval_on_selector_all("#rf-warnings li", "ls => ls.map(l => l.textContent)"))


def _warned(page: Any, message: str) -> bool:
    """Whether the form's warnings come to include `message` (after its field's label)."""
    return site_support.comes_to(
        page,
        "m => Array.from(document.querySelectorAll('#rf-warnings li'))"
        ".some(li => li.textContent.endsWith(':' + m))",
        message,
    )


def _unwarned(page: Any) -> bool:
    return site_support.comes_to(page, "document.querySelectorAll('#rf-warnings li').length === 0")


def _units(page: Any) -> Any:
    """The form's spare units as it holds them."""
    return page.evaluate(
        "() => (window.reportForm.editor.getEditor('root.spare_units') || {getValue: () => null})"
        ".getValue()"
    )


def _units_become(page: Any, units: Any) -> bool:
    return site_support.comes_to(
        page,
        "u => { const f = window.reportForm.editor.getEditor('root.spare_units');"
        " const v = f && f.isActive() ? f.getValue() : [];"
        " const norm = x => typeof x === 'string' ? x : JSON.stringify(Object.keys(x).sort()"
        ".filter(k => x[k] !== '' && x[k] !== undefined).map(k => [k, x[k]]));"
        " return JSON.stringify(v.map(norm)) === JSON.stringify(u.map(norm)); }",
        units,
    )


# --- the person's data --------------------------------------------------------------------------


def test_a_persons_data_lists_the_units_each_monthly_report_left_out(tmp_path: Path) -> None:
    """Internal builds: each person's data says, month by month, the units each monthly report
    on file leaves out on loan, as `validator new` and `handover-units` read them
    (repo/on_file.py); a report that fails the schema has none (null), so that the form, like
    check, carries nothing past it."""
    repo = _carries_repo(tmp_path / "repo")
    repo.write("submissions/li-ming/monthly/2026-08.yaml", "staff: li-ming\nmonth: 2026-08\n")
    repo.commit("a broken august", "2026-09-03T18:00:00+08:00")
    pages = render_pages(repo.root, dt.datetime.fromisoformat(NOW), "internal")
    li_ming = json.loads(pages["data/people/li-ming.json"])
    assert li_ming["units_out"] == [
        {"month": "2026-08", "units": None},
        {"month": "2026-09", "units": SEPTEMBER_OUT},
        {"month": "2026-10", "units": OCTOBER_OUT},
    ]
    assert json.loads(pages["data/people/wang-fang.json"])["units_out"] == []
    assert json.loads(pages["data/people/chen-jing.json"])["units_out"] == [
        {"month": "2026-09", "units": [
            {"serial": "CJ-001", "holder": "白云授权站", "loaned": "2026-09-10",
             "due": "2026-12-10"}
        ]},
        {"month": "2026-10", "units": None},
    ]  # fmt: skip
    public = render_pages(repo.root, dt.datetime.fromisoformat(NOW), "public")
    assert not [rel for rel in public if rel.startswith("data/people")]


def test_every_persons_units_out_agree_with_the_shared_reader(tmp_path: Path) -> None:
    """In a demo organisation, every entry is what repo/on_file.py's units_out says of that
    month, and every monthly report that passes the schema has one."""
    root = tmp_path / "repo"
    made = CliRunner().invoke(
        cli, ["demo", str(root), "--staff", "8", "--weeks", "10", "--seed", "1", "--now", NOW, "-q"]
    )
    assert made.exit_code == 0, made.output
    pages = render_pages(root, dt.datetime.fromisoformat(NOW), "internal")
    index = json.loads(pages["data/people/index.json"])["people"]
    seen = 0
    for person in index:
        data = json.loads(pages[f"data/people/{person['id']}.json"])
        for entry in data["units_out"]:
            found = units_out(root, person["id"], dt.date.fromisoformat(entry["month"] + "-01"))
            if entry["units"] is None:
                assert found is None, (person["id"], entry)
                continue
            assert found is not None and found[0] == entry["month"]
            expected = [
                u if isinstance(u, str) else u.model_dump(mode="json", exclude_none=True)
                for u in found[1]
            ]
            assert entry["units"] == expected, (person["id"], entry)
            seen += 1
        stems = sorted(p.stem for p in (root / "submissions" / person["id"] / "monthly").glob("*"))
        assert [e["month"] for e in data["units_out"]] == stems
    assert seen > 0


# --- the monthly form ---------------------------------------------------------------------------


def test_a_monthly_form_lists_the_units_last_month_left_out_as_new_does(
    page: Any, carries_site: str, tmp_path: Path
) -> None:
    """李明's October report is filed, so the form proposes November (as `validator new`), and
    lists the units October left out, as `validator new monthly` writes them; "0042", due on
    2026-11-10, is overdue: the form warns in check's words, and the file may still be created.
    CI agrees: no error, the same warning."""
    _open_form(page, carries_site, "monthly")
    _fill(page, "root[staff]", "li-ming")
    _holds(page, "root[month]", "2026-11")
    assert _units_become(page, OCTOBER_OUT), _units(page)
    planned = plan_report(
        _carries_repo(tmp_path / "new").root, "monthly", dt.datetime.fromisoformat(NOW), "li-ming"
    )
    assert planned.period.text == "2026-11"
    assert "  - {serial: SN20260920, model: K200, holder: 天河授权站, loaned: 2026-09-20, " \
        "due: 2026-12-20}" in planned.text  # fmt: skip
    assert '  - {serial: "0042", holder: "越秀: 二号柜", loaned: 2026-10-02, due: 2026-11-10}' in (
        planned.text
    )
    _fill(page, "root[summary]", "十一月走访授权站 4 家。")
    _passes(page)
    assert _warned(page, OVERDUE_0042), _warnings(page)
    assert len(_warnings(page)) == 1
    assert page.get_attribute("#rf-create", "aria-disabled") == "false"
    assert page.is_visible("#rf-warnings")
    path, report = _in_pull_request(tmp_path, page)
    assert path == "submissions/li-ming/monthly/2026-11.yaml"
    assert _said(report, path, "error") == {}, report
    assert _said(report, path, "warning") == {"spare-overdue": OVERDUE_0042}, report
    assert page.errors == []


def test_the_units_the_form_filled_follow_the_staff_id_and_month(
    page: Any, carries_site: str
) -> None:
    """While the units are as the form filled them they are the 工号's and the month's: 王芳 has
    filed nothing (none), 李明's November gets October's, his October September's. A unit the
    user edited makes them the user's: they stay."""
    _open_form(page, carries_site, "monthly")
    _fill(page, "root[staff]", "li-ming")
    _holds(page, "root[month]", "2026-11")
    assert _units_become(page, OCTOBER_OUT), _units(page)
    _fill(page, "root[staff]", "wang-fang")
    _holds(page, "root[month]", "2026-10")  # she has not filed October
    assert _units_become(page, []), _units(page)
    page.wait_for_function(  # and the file says so, once the form has taken the change
        "!document.querySelector('#rf-yaml').textContent.includes('spare_units')", timeout=5000
    )
    _fill(page, "root[staff]", "li-ming")
    assert _units_become(page, OCTOBER_OUT), _units(page)
    _fill(page, "root[month]", "2026-10")  # typed: his October follows September's report
    assert _units_become(page, SEPTEMBER_OUT), _units(page)
    _fill(page, "root[spare_units][0][holder]", "海珠二号授权站")  # edited: the user's now
    _fill(page, "root[month]", "2026-11")
    _settled(page)
    edited = [{**SEPTEMBER_OUT[0], "holder": "海珠二号授权站"}]
    assert _units_become(page, edited), _units(page)
    _fill(page, "root[staff]", "wang-fang")
    _settled(page)
    assert _units_become(page, edited), _units(page)
    assert page.errors == []


def test_the_units_the_form_filled_follow_the_late_note_s_next_month(
    page: Any, carries_site: str
) -> None:
    """改填 in the late note moves what was typed to the next month: units the form filled in for
    the late month are still the form's there, and become those the next month's report carries
    (October's for November), as `validator new monthly` would write them."""
    _open_form(page, carries_site, "monthly")
    _fill(page, "root[staff]", "li-ming")
    _holds(page, "root[month]", "2026-11")
    _fill(page, "root[month]", "2026-10")  # late since 2026-11-05 (and filed: refused)
    assert _units_become(page, SEPTEMBER_OUT), _units(page)
    page.click("#rf-late button")
    _holds(page, "root[month]", "2026-11")
    assert _units_become(page, OCTOBER_OUT), _units(page)
    assert page.errors == []


def test_a_public_monthly_form_warns_of_an_overdue_unit_as_check_does(
    page: Any, carries_public_site: str, tmp_path: Path
) -> None:
    """Public builds publish no one's reports, so nothing is filled in; a unit typed in that is
    past its due date by the end of the month gets check's spare-overdue warning all the same."""
    _open_form(page, carries_public_site, "monthly")
    _fill(page, "root[staff]", "wang-fang")
    _holds(page, "root[month]", "2026-10")
    _settled(page)
    assert _units(page) in (None, [])
    _fill(page, "root[summary]", "十月小结")
    _fill(page, "root[faulty_stock][0][region]", "foshan")
    _fill(page, "root[month]", "2026-11")  # not due yet: check's only warning is the unit's
    page.get_by_role("button", name="添加 备用机").click()
    _fill(page, "root[spare_units][0][serial]", "FS-001")
    _fill(page, "root[spare_units][0][holder]", "禅城授权站")
    _fill(page, "root[spare_units][0][loaned]", "2026-10-01")
    _fill(page, "root[spare_units][0][due]", "2026-10-20")
    # as of the end of the month, or today (2026-11-23) while it runs
    message = (
        "备用机 FS-001 应于 2026-10-20 归还,截至 2026-11-23 仍未归还;请及时收回(办法 三(七)1)。"
    )
    assert _warned(page, message), _warnings(page)
    _passes(page)
    assert page.get_attribute("#rf-create", "aria-disabled") == "false"
    path, report = _in_pull_request(tmp_path, page)
    assert _said(report, path, "error") == {}, report
    assert _said(report, path, "warning") == {"spare-overdue": message}, report
    _fill(page, "root[spare_units][0][due]", "2026-11-30")  # not due yet: no warning
    assert _unwarned(page), _warnings(page)
    requests = [u for u in page.requests if "/data/people/" in u]
    assert requests == []
    assert page.errors == []


# --- the handover form --------------------------------------------------------------------------


def test_a_handover_form_lists_the_serials_handover_units_compares(
    page: Any, carries_site: str, tmp_path: Path
) -> None:
    """Dated today, 李明's handover lists the serials October's report leaves out, as `validator
    new handover` writes them and `handover-units` compares them; dated in September, the
    September report's. Once the user changes one, the form warns in check's words."""
    _open_form(page, carries_site, "handover")
    _fill(page, "root[staff]", "li-ming")
    assert _units_become(page, ["SN20260920", "0042"]), _units(page)
    planned = plan_report(
        _carries_repo(tmp_path / "new").root, "handover", dt.datetime.fromisoformat(NOW), "li-ming"
    )
    assert 'spare_units: [SN20260920, "0042"]' in planned.text
    _fill(page, "root[date]", "2026-09-30")
    assert _units_become(page, ["SN20260801"]), _units(page)
    _fill(page, "root[date]", "2026-11-23")
    assert _units_become(page, ["SN20260920", "0042"]), _units(page)
    page.locator('[name="root[reason]"]').select_option("departure")
    page.locator('[name="root[reason]"]').dispatch_event("change")
    _fill(page, "root[regions][0]", "guangzhou")
    _passes(page)
    assert _unwarned(page), _warnings(page)
    path, report = _in_pull_request(tmp_path, page)
    assert _said(report, path, "error") == {} and _said(report, path, "warning") == {}, report

    _fill(page, "root[spare_units][1]", "0043")  # the user's now: the date no longer moves it
    differ = "交接的备用机与最近一期月报(2026-10)在借的不一致:"
    message = differ + "月报在借而未交接 0042;交接而月报未列 0043。"
    assert _warned(page, message), _warnings(page)
    assert page.get_attribute("#rf-create", "aria-disabled") == "false"
    path, report = _in_pull_request(tmp_path, page)
    assert _said(report, path, "error") == {}, report
    assert _said(report, path, "warning") == {"handover-units": message}, report
    _fill(page, "root[date]", "2026-11-20")
    _settled(page)
    assert _units_become(page, ["SN20260920", "0043"]), _units(page)
    assert page.errors == []


def test_past_a_monthly_report_that_fails_the_schema_nothing_is_carried(
    page: Any, carries_site: str, tmp_path: Path
) -> None:
    """陈静's October fails the schema: check's handover-units and `validator new` take it as
    the latest and carry nothing, so the form does not reach back to September for a handover
    dated in November; dated in September, it lists September's unit."""
    _open_form(page, carries_site, "handover")
    _fill(page, "root[staff]", "chen-jing")
    page.wait_for_function("() => !!window.reportForm.unitsOut['chen-jing']", timeout=5000)
    _fill(page, "root[date]", "2026-09-30")
    assert _units_become(page, ["CJ-001"]), _units(page)
    _fill(page, "root[date]", "2026-11-23")
    assert _units_become(page, []), _units(page)
    planned = plan_report(
        _carries_repo(tmp_path / "new").root, "handover", dt.datetime.fromisoformat(NOW),
        "chen-jing",
    )  # fmt: skip
    assert "spare_units: []" in planned.text
    page.locator('[name="root[reason]"]').select_option("departure")
    page.locator('[name="root[reason]"]').dispatch_event("change")
    _fill(page, "root[regions][0]", "guangzhou")
    _passes(page)
    assert _unwarned(page), _warnings(page)
    path, report = _in_pull_request(tmp_path, page)
    assert _said(report, path, "error") == {} and _said(report, path, "warning") == {}, report
    assert page.errors == []


# --- not-posted ---------------------------------------------------------------------------------


def test_a_report_for_a_period_posted_nowhere_is_warned_of_as_check_does(
    page: Any, carries_site: str, tmp_path: Path
) -> None:
    """陈静's posting ended on 2026-11-20: her weekly report for 2026-W48 gets check's not-posted
    warning; a handover dated 2026-11-23 does not (it follows the posting it closes)."""
    _open_form(page, carries_site, "weekly")
    _fill(page, "root[staff]", "chen-jing")
    _fill(page, "root[week]", "2026-W48")
    _fill(page, "root[summary]", "本周交接广州授权站。")
    _fill(page, "root[work][0][date]", "2026-11-23")
    _fill(page, "root[work][0][description]", "整理交接清单")
    _fill(page, "root[plan][0]", "完成交接")
    message = "chen-jing 在 2026-W48 期间没有派驻记录(见 org/staff.yaml 的 postings)。"
    assert _warned(page, message), _warnings(page)
    _passes(page)
    path, report = _in_pull_request(tmp_path, page)
    assert path == "submissions/chen-jing/weekly/2026-W48.yaml"
    assert _said(report, path, "error") == {}, report
    assert _said(report, path, "warning") == {"not-posted": message}, report
    _fill(page, "root[week]", "2026-W47")
    _fill(page, "root[work][0][date]", "2026-11-16")
    assert _unwarned(page), _warnings(page)

    page.select_option("#rf-kind", "handover")
    _holds(page, "root[date]", "2026-11-23")
    _holds(page, "root[staff]", "chen-jing")
    page.locator('[name="root[reason]"]').select_option("departure")
    page.locator('[name="root[reason]"]').dispatch_event("change")
    _fill(page, "root[regions][0]", "guangzhou")
    _passes(page)
    assert _unwarned(page), _warnings(page)
    path, report = _in_pull_request(tmp_path, page)
    assert _said(report, path, "error") == {} and _said(report, path, "warning") == {}, report
    assert page.errors == []


def test_an_archived_month_is_listed_by_the_serials_its_summary_carries(tmp_path: Path) -> None:
    """Once 2025 is archived, its reports are gone from the work tree: a person's data lists the
    last archived month with the serials the archive's summary carries over, as `validator new`
    and `handover-units` read them, and none of the earlier archived months."""
    now = "2026-03-10T12:00:00+08:00"
    root = tmp_path / "demo"
    args = ["demo", str(root), "--staff", "8", "--weeks", "60", "--seed", "1", "--now", now, "-q"]
    assert CliRunner().invoke(cli, args).exit_code == 0
    made = CliRunner().invoke(cli, ["archive", "--repo", str(root), "--year", "2025", "--now", now])
    assert made.exit_code == 0, made.output
    pages = render_pages(root, dt.datetime.fromisoformat(now), "internal")
    index = json.loads(pages["data/people/index.json"])["people"]
    carried = 0
    for person in index:
        entries = json.loads(pages[f"data/people/{person['id']}.json"])["units_out"]
        archived = [e for e in entries if e["month"] < "2026-01"]
        assert len(archived) <= 1, (person["id"], archived)
        for entry in archived:
            found = units_out(root, person["id"], dt.date.fromisoformat(entry["month"] + "-01"))
            assert found is not None and found[0] == entry["month"] == "2025-12"
            assert entry["units"] == list(found[1])
            assert all(isinstance(u, str) for u in entry["units"])
            carried += len(entry["units"])
    assert carried > 0


ARCHIVED_NOW = "2026-03-10T12:00:00+08:00"


@pytest.fixture(scope="module")
def archived_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, str]]:
    """An internal build of a demo organisation whose 2025 is archived, one of whose people has
    units out in the archived December and no report of 2026 yet: the site, the repository and
    that person's id."""
    root = tmp_path_factory.mktemp("archived") / "demo"
    args = ["demo", str(root), "--staff", "8", "--weeks", "60", "--seed", "1",
            "--now", ARCHIVED_NOW, "-q"]  # fmt: skip
    assert CliRunner().invoke(cli, args).exit_code == 0
    made = CliRunner().invoke(
        cli, ["archive", "--repo", str(root), "--year", "2025", "--now", ARCHIVED_NOW]
    )
    assert made.exit_code == 0, made.output
    staff = next(
        s
        for s in sorted(p.name for p in (root / "submissions").iterdir())
        if (units_out(root, s, dt.date(2025, 12, 31)) or ("", []))[1]
    )
    repo = GitRepo(root)
    for month in ("2026-01", "2026-02"):
        (root / f"submissions/{staff}/monthly/{month}.yaml").unlink(missing_ok=True)
    repo.git("add", "-A")
    repo.commit("not yet", "2026-03-09T12:00:00+08:00")
    site = site_support.build_site(
        tmp_path_factory.mktemp("site-archived"), repo=root, audience="internal",
        now=ARCHIVED_NOW,
    )  # fmt: skip
    with site_support.serve(site) as url:
        yield url, root, staff


def test_an_archived_month_s_serials_are_filled_in_as_new_does(
    page: Any, archived_site: tuple[str, Path, str]
) -> None:
    """The month before is archived: the monthly form lists the serials its summary carries,
    the rest left for the writer (as `validator new monthly`), and the handover form lists
    them as `handover-units` compares them."""
    url, root, staff = archived_site
    found = units_out(root, staff, dt.date(2025, 12, 31))
    assert found is not None and found[0] == "2025-12"
    serials = [str(u) for u in found[1]]
    planned = plan_report(
        root, "monthly", dt.datetime.fromisoformat(ARCHIVED_NOW), staff, "2026-01"
    )
    listed = [line for line in planned.text.splitlines() if line.startswith("  - {serial")]
    assert len(listed) == len(serials)
    _open_form(page, url, "monthly")
    _fill(page, "root[staff]", staff)
    _fill(page, "root[month]", "2026-01")
    assert _units_become(page, [{"serial": s} for s in serials]), _units(page)
    page.select_option("#rf-kind", "handover")
    _holds(page, "root[staff]", staff)
    _fill(page, "root[date]", "2026-01-05")
    assert _units_become(page, serials), _units(page)
    assert _unwarned(page), _warnings(page)
    assert page.errors == []
