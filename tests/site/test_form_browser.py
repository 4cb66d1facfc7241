"""The report form page in a real site build, driven in headless Chromium.

The page's YAML must pass `validator check`, its "create file" link must carry the file name and
the same YAML, and a blank field must show its error in Chinese. Nothing may be requested from
any host but the local server.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from tests.support import site as site_support
from tests.support.gitrepo import GitRepo
from tests.support.roster import LI_MING, WANG_FANG, member, staff_yaml
from validator.cli import cli
from validator.features.newreport import plan_report

NOW = "2026-11-23T10:00:00+08:00"  # Monday before 13:00: the week due next is 2026-W47
LATE = "2026-11-24T10:00:00+08:00"  # Tuesday: 2026-W47 was due yesterday at 13:00
PHONE_390 = (390, 844)  # a common phone's viewport
pytestmark = [pytest.mark.browser, pytest.mark.slow]

STAFF = staff_yaml(LI_MING, WANG_FANG)
# and one posted to both regions, for whom the monthly form fills in two stock entries
ZHANG_SAN = member("zhang-san", "张三", "technician", "zhangsan", regions=("guangzhou", "foshan"))
# and one moved from guangzhou to foshan on 2026-11-01: October's stock is guangzhou's, November's
# foshan's
SUN_LI = (
    member("sun-li", "孙丽", "technician", "sunli", regions=("guangzhou",), until="2026-10-31")
    + "      - {regions: [foshan], from: 2026-11-01, to: null}\n"
)
REGIONS = """\
regions:
  - {id: guangzhou, name: 广州, annual_sales: 150000}
  - {id: foshan, name: 佛山, annual_sales: 150000}
"""
# 王芳's trips of October (one approved only after it), and one of 李明's she might cite
APPROVALS = """\
approvals:
  - {id: APR-2026-0001, staff: wang-fang, kind: travel, from: 2026-10-10, to: 2026-10-12,
     purpose: 佛山巡店, approved_by: 赵总, approved_on: 2026-10-08}
  - {id: APR-2026-0002, staff: wang-fang, kind: travel, from: 2026-10-20, to: 2026-10-22,
     purpose: 顺德巡店, approved_by: 赵总, approved_on: 2026-10-25}
  - {id: APR-2026-0003, staff: li-ming, kind: travel, from: 2026-10-10, to: 2026-10-12,
     purpose: 广州培训, approved_by: 赵总, approved_on: 2026-10-01}
"""


def _org_repo(root: Path, staff: str = STAFF) -> GitRepo:
    repo = GitRepo.init(root)
    repo.write("org/staff.yaml", staff)
    repo.write("org/regions.yaml", REGIONS)
    repo.write("org/approvals.yaml", APPROVALS)
    owners = CliRunner().invoke(cli, ["codeowners", "--repo", str(repo.root)])
    repo.write(".github/CODEOWNERS", owners.output)
    repo.commit("org", "2026-01-05T10:00:00+08:00")
    return repo


def _build(out: Path, repo: Path, audience: str) -> Path:
    return site_support.build_site(out, repo=repo, audience=audience, now=NOW)


@contextlib.contextmanager
def _served(
    factory: pytest.TempPathFactory,
    audience: str,
    prefix: str = "/",
    now: str = NOW,
    **settings: Any,
) -> Iterator[str]:
    """The test organisation's site built for `audience` at `now` (with more `settings`, such
    as mkdocs.yml's extra) and served under `prefix`."""
    repo = _org_repo(factory.mktemp("org") / "repo")
    built = site_support.build_site(
        factory.mktemp("site"), repo=repo.root, audience=audience, now=now, **settings
    )
    with site_support.serve(built, prefix) as url:
        yield url


@pytest.fixture(scope="module")
def org_repo(tmp_path_factory: pytest.TempPathFactory) -> GitRepo:
    return _org_repo(tmp_path_factory.mktemp("org") / "repo")


@pytest.fixture(scope="module")
def internal_site(tmp_path_factory: pytest.TempPathFactory, org_repo: GitRepo) -> Iterator[str]:
    site = _build(tmp_path_factory.mktemp("site-internal"), org_repo.root, "internal")
    with site_support.serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def zhang_san_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An internal build whose roster has 张三 too, posted to both regions, and 孙丽, moved
    from guangzhou to foshan in November."""
    repo = _org_repo(tmp_path_factory.mktemp("org-zhang") / "repo", STAFF + ZHANG_SAN + SUN_LI)
    site = _build(tmp_path_factory.mktemp("site-zhang"), repo.root, "internal")
    with site_support.serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def public_site(tmp_path_factory: pytest.TempPathFactory, org_repo: GitRepo) -> Iterator[str]:
    site = _build(tmp_path_factory.mktemp("site-public"), org_repo.root, "public")
    with site_support.serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def late_site(tmp_path_factory: pytest.TempPathFactory, org_repo: GitRepo) -> Iterator[str]:
    site = site_support.build_site(
        tmp_path_factory.mktemp("site-late"), repo=org_repo.root, audience="public", now=LATE
    )
    with site_support.serve(site) as url:
        yield url


def _open_form(page: Any, base: str, kind: str = "weekly") -> None:
    _open(page, f"{base}/form/#{kind}")


def _open(page: Any, url: str) -> None:
    """Go to the form page at `url` and wait until its form is built (failing on its error)."""
    page.goto(url)
    page.wait_for_selector(
        "#report-form[data-rf-ready], #report-form[data-rf-error]", state="attached", timeout=20000
    )
    assert page.get_attribute("#report-form", "data-rf-error") is None


def _first_check(page: Any) -> None:
    """Wait for the form's first check: the form is ready (`_open`) once json-editor has built
    its fields, but json-editor fires its ready event an animation frame later, and only then
    does the form decorate its fields, open its notes and write the file's name."""
    page.wait_for_function("document.querySelector('#rf-path').textContent !== ''", timeout=5000)


def _taken(page: Any) -> None:
    """Wait until the form has taken every change made so far: json-editor fires its change
    event an animation frame after a value changes (its `onChange` sets `firing_change` until
    then), and the form's handler may change a value again (a name typed as 工号, the stock
    regions), which takes another frame."""
    page.wait_for_function(
        "() => { const e = window.reportForm && window.reportForm.editor;"
        " return !!e && e.ready && !e.firing_change; }",
        timeout=5000,
    )


def _fill(page: Any, name: str, value: str) -> None:
    field = page.locator(f'[name="{name}"]')
    field.fill(value)
    field.dispatch_event("change")


def _listed(page: Any, message: str) -> bool:
    """Whether the form's list of problems shows `message` (waiting for the next check)."""
    return site_support.comes_to(
        page,
        "m => Array.from(document.querySelectorAll('#rf-errors li'))"
        ".some(li => li.firstChild && li.firstChild.textContent === m)",  # not its button
        message,
    )


def _gone(page: Any, message: str) -> bool:
    """Whether the list of problems stops showing `message` (waiting for the check to rerun:
    on a slow machine it runs after the change event returns)."""
    return site_support.comes_to(
        page,
        "m => !Array.from(document.querySelectorAll('#rf-errors li'))"
        ".some(li => li.firstChild && li.firstChild.textContent === m)",
        message,
    )


def _only_local(page: Any, base: str) -> None:
    outside = [u for u in page.requests if not u.startswith((base, "blob:", "data:"))]
    assert outside == []
    assert page.errors == []


def _checked(
    page: Any,
    tmp_path: Path,
    what: str,
    at: str = "2026-11-20T09:30:00+08:00",
    now: str = NOW,
) -> tuple[GitRepo, str, Result]:
    """Commit the file the form shows (#rf-yaml at #rf-path) to a new test organisation, as
    of `at` (2026-11-20), and run `validator check` on it as of `now`: the repository, the
    path and the result. It waits for the form to have taken the last change (`_taken`): read
    at once, the file lacked what was typed last."""
    _taken(page)
    repo = _org_repo(tmp_path / "repo")
    path = page.text_content("#rf-path")
    repo.write(path, page.text_content("#rf-yaml"))
    repo.commit(what, at)
    return (
        repo,
        path,
        CliRunner().invoke(cli, ["check", "--repo", str(repo.root), "--now", now, path]),
    )


def _rechecked(
    page: Any,
    repo: GitRepo,
    path: str,
    what: str,
    at: str = "2026-11-20T09:40:00+08:00",
    now: str = NOW,
) -> Result:
    """Once the form says 检查通过, commit what it shows now over the file `_checked` committed,
    as of `at` (ten minutes later), and run `validator check` on it again as of `now`."""
    page.wait_for_function("document.querySelector('#rf-status').textContent.includes('检查通过')")
    repo.write(path, page.text_content("#rf-yaml"))
    repo.commit(what, at)
    return CliRunner().invoke(cli, ["check", "--repo", str(repo.root), "--now", now, path])


def _fill_week(page: Any, staff: str) -> None:
    """Fill in the weekly form for `staff`, as the schema asks."""
    _fill(page, "root[staff]", staff)
    _fill(page, "root[summary]", "本周走访广州授权站。")
    _fill(page, "root[work][0][description]", "检查天河授权站维修工单")
    _fill(page, "root[plan][0]", "回访用户")


def _said_by_check(result: Result, rule: str) -> list[str]:
    """check's messages under `rule` in `result`'s output."""
    return [
        line.split(f"[{rule}]", 1)[1].strip()
        for line in result.output.splitlines()
        if f"[{rule}]" in line
    ]


# the form's `late` at 逾期原因, in check's words, and when it says the file is received
_LATE = re.compile(r"逾期原因:(逾期:截止时间 .+,收到时间 (.+);请填写 late_reason 说明原因。)")


def _late_said(page: Any) -> tuple[str, str]:
    """The form's `late` once listed, in check's words, and the moment it says the file is
    received (ISO, to commit the file at): the moment of the form's check."""
    page.wait_for_function(
        "Array.from(document.querySelectorAll('#rf-errors li'))"
        ".some(li => li.textContent.startsWith('逾期原因:逾期:'))",
        timeout=5000,
    )
    listed = page.eval_on_selector_all("#rf-errors li", "ls => ls.map(l => l.textContent)")
    found = [m for m in map(_LATE.fullmatch, listed) if m]
    assert len(found) == 1, listed
    received = dt.datetime.strptime(found[0][2], "%Y-%m-%d %H:%M:%S %z")
    return found[0][1], received.isoformat()


def test_weekly_form_yields_a_report_that_passes_check(
    page: Any, internal_site: str, tmp_path: Path
) -> None:
    _open_form(page, internal_site)
    assert page.input_value('[name="root[week]"]') == "2026-W47"
    assert page.input_value('[name="root[work][0][date]"]') == "2026-11-16"
    _fill(page, "root[staff]", "li-ming")
    _fill(page, "root[summary]", "本周走访广州授权站,处理投诉3起。")
    _fill(page, "root[work][0][description]", "检查天河授权站维修工单,培训服务态度")
    _fill(page, "root[plan][0]", "no")  # YAML 1.1 would read an unquoted no as false
    page.wait_for_function("document.querySelector('#rf-status').textContent.includes('检查通过')")
    assert page.text_content("#rf-path") == "submissions/li-ming/weekly/2026-W47.yaml"
    text = page.text_content("#rf-yaml")
    assert text.splitlines()[0] == (
        "# yaml-language-server: $schema=../../../docs/schemas/weekly.schema.json"
    )

    repo = _org_repo(tmp_path / "repo")
    repo.write("submissions/li-ming/weekly/2026-W47.yaml", text)
    repo.commit("weekly report", "2026-11-23T09:30:00+08:00")
    result = CliRunner().invoke(cli, ["check", "--repo", str(repo.root), "--now", NOW])
    assert result.exit_code == 0, text + result.output
    # the report and org/'s staff, regions and approvals
    assert result.output.splitlines()[-1] == "检查了 4 个文件:0 个错误,0 个警告", (
        text + result.output
    )

    href = page.get_attribute("#rf-create", "href")
    assert page.get_attribute("#rf-create", "aria-disabled") == "false"
    parts = urllib.parse.urlsplit(href)
    assert (parts.scheme, parts.netloc, parts.path) == (
        "https",
        "github.com",
        "/example-org/field-reports/new/main",
    )
    query = urllib.parse.parse_qs(parts.query, strict_parsing=True)
    assert query == {"filename": ["submissions/li-ming/weekly/2026-W47.yaml"], "value": [text]}
    _only_local(page, internal_site)


def test_blank_summary_shows_a_chinese_error(page: Any, public_site: str) -> None:
    _open_form(page, public_site)
    _fill(page, "root[summary]", "写了又删")
    _fill(page, "root[summary]", "   ")
    error = page.locator('[data-schemapath="root.summary"] .errmsg')
    error.wait_for(timeout=5000)
    assert error.text_content() == "不能为空"
    assert _listed(page, "本周小结:不能为空")
    assert _listed(page, "工号:不能为空")
    assert page.get_attribute("#rf-create", "aria-disabled") == "true"
    assert page.text_content('[data-schemapath="root.staff"] .errmsg') == "不能为空"
    _fill(page, "root[staff]", "Li Ming")
    assert _listed(page, "工号:应为小写字母开头的英文、数字与连字符,例如 li-ming")
    _fill(page, "root[work][0][date]", "2026-11-30")  # a week not begun: no week to suggest
    # check's date-out-of-period
    assert _listed(
        page,
        "工作记录 · 第 1 条 · 日期:日期 2026-11-30 不在报告期间 2026-11-16 至 2026-11-22 之内。",
    )
    _only_local(page, public_site)


def test_roster_only_in_internal_builds(page: Any, internal_site: str, public_site: str) -> None:
    _open_form(page, internal_site)
    options = page.eval_on_selector_all("#rf-roster option", "os => os.map(o => o.value)")
    assert options == ["li-ming", "wang-fang"]
    assert page.get_attribute('[name="root[staff]"]', "list") == "rf-roster"
    _fill(page, "root[staff]", "zhao-lei")
    assert _listed(page, "工号:工号 “zhao-lei” 不在 org/staff.yaml 中。")  # check's unknown-staff

    assert page.request.get(f"{public_site}/form/roster.json").status == 404
    assert page.request.get(f"{internal_site}/form/ids.json").status == 404
    _open_form(page, public_site)
    assert page.eval_on_selector_all("#rf-roster option", "os => os.length") == 0
    assert _listed(page, "工号:不能为空")
    _fill(page, "root[staff]", "wang-fang")
    page.wait_for_function(
        "!Array.from(document.querySelectorAll('#rf-errors li'))"
        ".some(li => li.textContent.startsWith('工号'))",
        timeout=5000,
    )
    _only_local(page, "http://127.0.0.1:")  # both local sites


def test_public_build_checks_the_id_against_the_published_ids(
    page: Any, public_site: str, tmp_path: Path
) -> None:
    """Public builds publish ids only (form/ids.json, no names) and check 工号 against them, in
    check's words (`unknown-staff`), with the id check suggests for one close to a known id
    (difflib's close match) and a button that takes it."""
    ids = page.request.get(f"{public_site}/form/ids.json")
    assert ids.status == 200
    assert json.loads(ids.text()) == ["li-ming", "wang-fang"]
    _open_form(page, public_site)
    _fill_week(page, "zhao-lei")  # check says unknown-staff of a report that passes the schema
    message = "工号 “zhao-lei” 不在 org/staff.yaml 中。"
    assert _listed(page, "工号:" + message)
    assert page.get_attribute("#rf-create", "aria-disabled") == "true"
    assert _said_by_check(_checked(page, tmp_path / "far", "report")[2], "unknown-staff") == [
        message
    ]
    _fill(page, "root[staff]", "li-min")
    message = "工号 “li-min” 不在 org/staff.yaml 中,是否想写 “li-ming”?"
    assert _listed(page, "工号:" + message)
    assert _said_by_check(_checked(page, tmp_path / "close", "report")[2], "unknown-staff") == [
        message
    ]
    page.click(".rf-suggest:text('改成 li-ming')", timeout=5000)
    _holds(page, "root[staff]", "li-ming")
    assert _gone(page, "工号:" + message)
    _only_local(page, public_site)


def test_incident_form_names_the_file_after_date_and_slug(page: Any, public_site: str) -> None:
    _open_form(page, public_site, "incidents")
    assert page.input_value('[name="root[occurred_at]"]') == "2026-11-23 10:00"
    _fill(page, "root[staff]", "wang-fang")
    page.fill("#rf-slug", "tianhe-media")
    page.dispatch_event("#rf-slug", "input")
    assert page.text_content("#rf-path") == (
        "submissions/wang-fang/incidents/2026-11-23-tianhe-media.yaml"
    )
    page.select_option("#rf-kind", "monthly")
    page.wait_for_selector('[name="root[month]"]')
    # as `validator new monthly`: the month just ended, late since 11-05, until it is filed
    assert page.input_value('[name="root[month]"]') == "2026-10"
    assert page.input_value('[name="root[staff]"]') == "wang-fang"


def test_expenses_travel_asks_for_an_approval(page: Any, public_site: str) -> None:
    _open_form(page, public_site, "expenses")
    assert page.input_value('[name="root[month]"]') == "2026-10"  # late since 11-10
    assert _listed(page, "费用明细 · 第 1 条 · 金额:应大于 0")
    _fill(page, "root[items][0][amount]", "12.345")
    assert _listed(page, "费用明细 · 第 1 条 · 金额:最多两位小数(单位:元)")
    field = page.locator('[name="root[items][0][category]"]')
    field.select_option("travel")
    field.dispatch_event("change")
    # check's approval-missing, for the item's day (a public build knows no approval)
    assert _listed(
        page,
        "费用明细 · 第 1 条 · 审批编号:出差须事先审批(保安公司办法 七):请引用本人已批准、"
        "日期覆盖 2026-10-01 的审批单(approval)。",
    )
    _only_local(page, public_site)


def _visible(page: Any, selector: str) -> list[str]:
    return list(
        page.eval_on_selector_all(
            selector,
            "es => es.filter(e => e.offsetParent !== null).map(e => e.textContent.trim())",
        )
    )


def test_after_the_deadline_last_week_is_still_proposed_as_late(
    page: Any, late_site: str, org_repo: GitRepo, tmp_path: Path
) -> None:
    """Like `validator new`: the week just ended until it is filed; past its deadline the form
    opens late_reason and says so (check's `late`, received as the form checks it), with a
    button for this week when last week is in."""
    planned = plan_report(
        org_repo.root, "weekly", dt.datetime.fromisoformat(LATE), staff_id="li-ming"
    )
    page.clock.set_fixed_time(dt.datetime.fromisoformat(LATE))  # the page's clock stands still
    _open_form(page, late_site)
    assert page.input_value('[name="root[week]"]') == planned.period.text == "2026-W47"
    assert 'late_reason: ""' in planned.text
    note = page.locator("#rf-late")
    _first_check(page)  # the note is opened by the form's first check
    assert note.is_visible()
    assert "2026-W47 的周报已于 2026-11-23 13:00 截止" in note.text_content()
    reason = page.locator('[name="root[late_reason]"]')
    assert reason.is_visible() and reason.is_enabled()
    late = (
        "逾期:截止时间 2026-11-23 13:00:00 +0800(办法 三(一)3),收到时间 2026-11-24 10:00:00 +0800;"
        "请填写 late_reason 说明原因。"
    )
    assert _listed(page, "逾期原因:" + late)
    assert 'late_reason: ""' in page.text_content("#rf-yaml")
    _fill_week(page, "li-ming")  # check says late of a report that passes the schema
    result = _checked(page, tmp_path, "late week", at=LATE, now=LATE)[2]
    assert _said_by_check(result, "late") == [late], result.output
    _fill(page, "root[late_reason]", "驻地停电两天")
    assert _gone(page, "逾期原因:" + late)

    page.click("#rf-late button")  # last week is already in: this week instead
    page.wait_for_function("document.querySelector('[name=\"root[week]\"]').value === '2026-W48'")
    assert page.input_value('[name="root[work][0][date]"]') == "2026-11-23"
    # the new week's field is there a frame before the form's check of it closes the note
    page.wait_for_function(
        "document.querySelector('#rf-yaml').textContent.includes('week: \"2026-W48\"')",
        timeout=5000,
    )
    assert not page.locator("#rf-late").is_visible()
    assert "late_reason" not in page.text_content("#rf-yaml")

    page.select_option("#rf-kind", "monthly")
    page.wait_for_selector('[name="root[month]"]')
    assert page.input_value('[name="root[month]"]') == "2026-10"
    page.wait_for_function(
        "document.querySelector('#rf-path').textContent.includes('/monthly/')", timeout=5000
    )
    assert "2026-10 的月报已于 2026-11-05 18:00 截止" in page.text_content("#rf-late")
    _only_local(page, late_site)


def test_optional_fields_are_added_by_a_visible_button(page: Any, public_site: str) -> None:
    _open_form(page, public_site)
    _first_check(page)  # which puts the buttons in place of json-editor's checkboxes
    assert _visible(page, "#rf-editor input[type=checkbox]") == []
    sales = page.locator('[name="root[sales_info]"]')
    assert not sales.is_visible()
    add = page.get_by_role("button", name="添加 销售信息")
    assert add.is_visible()
    add.click()
    assert sales.is_visible() and sales.is_enabled()
    _fill(page, "root[sales_info]", "天河区新开两家门店")
    page.wait_for_function(
        "document.querySelector('#rf-yaml').textContent.includes('天河区新开两家门店')"
    )
    page.get_by_role("button", name="不填 销售信息").click()
    page.wait_for_function("!document.querySelector('#rf-yaml').textContent.includes('sales_info')")
    assert not sales.is_visible()
    page.get_by_role("button", name="添加 地点").first.click()  # inside a work item too
    assert page.locator('[name="root[work][0][site]"]').is_visible()
    _only_local(page, public_site)


def test_a_date_in_another_week_offers_to_change_the_week(page: Any, public_site: str) -> None:
    _open_form(page, public_site)
    assert page.input_value('[name="root[week]"]') == "2026-W47"
    _fill(page, "root[work][0][date]", "2026-11-25")
    message = "日期 2026-11-25 不在报告期间 2026-11-16 至 2026-11-22 之内。"  # check's
    assert _listed(page, "工作记录 · 第 1 条 · 日期:" + message)
    field_error = page.locator('[data-schemapath="root.work.0.date"] .errmsg')
    assert field_error.text_content() == message
    page.get_by_role("button", name="改成 2026-W48").click()
    page.wait_for_function("document.querySelector('[name=\"root[week]\"]').value === '2026-W48'")
    page.wait_for_function(
        "!Array.from(document.querySelectorAll('#rf-errors li'))"
        ".some(li => li.textContent.includes('日期'))",
        timeout=5000,
    )
    _only_local(page, public_site)


def test_developer_controls_are_hidden_from_staff(page: Any, public_site: str) -> None:
    for kind in ("weekly", "monthly", "expenses", "incidents"):
        # a new page each time (?kind): a change of the hash alone loads nothing, and the
        # weekly form of the first page was checked four times
        _open(page, f"{public_site}/form/?{kind}#{kind}")
        _first_check(page)  # which takes the developers' controls away
        assert page.evaluate("window.reportForm.kind") == kind
        shown = _visible(page, "#rf-editor button, #rf-editor input, #rf-editor textarea")
        for control in ("编辑 JSON", "字段", "折叠", "展开", "保存", "取消"):
            assert control not in shown, (kind, control)
        assert page.locator(".property-selector-input:visible").count() == 0
        assert page.locator(".je-edit-json--textarea").count() == 0, kind
    _only_local(page, public_site)


@contextlib.contextmanager
def _phone(
    browser: Any, *, javascript: bool = True, viewport: tuple[int, int] = (360, 740)
) -> Iterator[Any]:
    """A page on a phone (360 x 740 unless told, touch) recording script errors and requests."""
    context = browser.new_context(
        viewport={"width": viewport[0], "height": viewport[1]},
        device_scale_factor=3,
        is_mobile=True,
        has_touch=True,
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
        java_script_enabled=javascript,
    )
    tab = context.new_page()
    tab.errors, tab.requests, tab.opened = [], [], []
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.on("request", lambda request: tab.requests.append(request.url))
    context.on("page", lambda other: tab.opened.append(other))
    try:
        yield tab
    finally:
        context.close()


def test_a_refused_report_cannot_be_created_by_tap_or_enter(browser: Any, public_site: str) -> None:
    """While the form lists problems, neither a tap nor Enter (or a screen reader's click) on
    「在代码托管平台上创建文件」 opens the host's page: the tap brings the list of problems into
    view instead, so the engineer learns why nothing opened."""
    with _phone(browser) as phone:
        _open_form(phone, public_site)
        assert _listed(phone, "工号:不能为空")
        assert phone.get_attribute("#rf-create", "aria-disabled") == "true"
        phone.locator("#rf-create").tap(force=True)  # Playwright will not tap it otherwise
        phone.wait_for_timeout(500)
        assert phone.opened == []
        assert phone.evaluate("document.activeElement.id") == "rf-status"
        status = phone.locator("#rf-status").bounding_box()
        assert status is not None and 48 <= status["y"] < 740  # below the header, on screen
        phone.focus("#rf-create")
        phone.keyboard.press("Enter")
        phone.evaluate("document.querySelector('#rf-create').click()")
        phone.wait_for_timeout(500)
        assert phone.opened == []
        _only_local(phone, public_site)


def test_every_form_button_looks_like_a_button_a_thumb_can_hit(
    browser: Any, public_site: str
) -> None:
    """json-editor's 「添加工作条目」「删除工作条目」「上移」 were bare text 26 px high on a phone,
    the 「添加 …」 buttons 31 px: each must show a border and be at least 44 px high."""
    with _phone(browser, viewport=PHONE_390) as phone:
        _open_form(phone, public_site)
        phone.get_by_role("button", name="添加工作条目").tap()
        phone.locator('[name="root[work][1][description]"]').wait_for()
        buttons = phone.eval_on_selector_all(
            "#rf-editor button",
            """bs => bs.filter(b => b.offsetParent !== null).map(b => {
                 const s = getComputedStyle(b), r = b.getBoundingClientRect();
                 return [b.textContent.trim(), s.borderTopStyle, parseFloat(s.borderTopWidth),
                         Math.round(r.height)];
               })""",
        )
        names = [name for name, *_ in buttons]
        assert {"添加工作条目", "删除工作条目", "上移", "下移", "添加下周计划"} <= set(names), names
        for name, style, width, height in buttons:
            assert style != "none" and width > 0, (name, style)
            assert height >= 44, (name, height)
        _only_local(phone, public_site)


def test_without_javascript_only_the_notice_is_shown(browser: Any, public_site: str) -> None:
    """With JavaScript off the page says so (noscript) and shows no control that cannot work:
    no empty file name, no buttons that do nothing."""
    with _phone(browser, javascript=False) as phone:
        phone.goto(f"{public_site}/form/")
        notice = phone.locator("#report-form noscript p")
        assert notice.is_visible()
        assert "此页面需要启用 JavaScript" in notice.inner_text()
        for selector in ("#rf-kind", "#rf-path", "#rf-yaml", "#rf-copy", "#rf-download",
                         "#rf-create"):  # fmt: skip
            assert not phone.locator(selector).is_visible(), selector
        assert all(u.startswith(public_site) for u in phone.requests), phone.requests


def test_numbers_bring_up_the_phone_number_keyboard(browser: Any, public_site: str) -> None:
    """金额 and 台数 stay text inputs (full-width digits and 12.345 must reach the check as typed),
    but a phone should open its number keyboard for them, not the full one."""
    with _phone(browser) as phone:
        _open_form(phone, public_site, "expenses")
        amount = phone.locator('[name="root[items][0][amount]"]')
        _first_check(phone)  # which sets the keyboard of its number fields
        assert amount.get_attribute("inputmode") == "decimal"
        phone.get_by_role("button", name="添加费用条目").tap()
        added = phone.locator('[name="root[items][1][amount]"]')
        added.wait_for()
        phone.wait_for_function(
            "document.querySelector('[name=\"root[items][1][amount]\"]').inputMode === 'decimal'",
            timeout=5000,
        )
        phone.select_option("#rf-kind", "monthly")
        units = phone.locator('[name="root[faulty_stock][0][units]"]')
        units.wait_for()
        phone.wait_for_function(  # the monthly form's first check
            "document.querySelector('#rf-path').textContent.includes('/monthly/')", timeout=5000
        )
        assert units.get_attribute("inputmode") == "numeric"
        _only_local(phone, public_site)


def test_fields_and_buttons_are_thumb_sized(browser: Any, late_site: str) -> None:
    """报告类别, 渠道, 状态, 类别 were native selects 27 px high, 「改填 …」 a button 26 px high,
    the text fields 34 px and 复制 YAML, 下载文件 42 px: each control a field engineer taps on a
    390 x 844 phone must be at least 44 px high."""
    heights: dict[str, int] = {}
    with _phone(browser, viewport=PHONE_390) as phone:
        for kind in ("weekly", "incidents", "expenses"):
            phone.goto(f"{late_site}/form/?{kind}#{kind}")
            phone.wait_for_selector("#report-form[data-rf-ready]", state="attached")
            _first_check(phone)  # which writes the late note and its button
            heights.update(
                phone.eval_on_selector_all(
                    "#report-form select, #rf-late button, #report-form input:not([type=checkbox]),"
                    " .rf-actions button, .rf-actions a",
                    """es => Object.fromEntries(es.filter(e => e.offsetParent !== null)
                         .map(e => [e.name || e.id || e.textContent.trim(),
                                    Math.round(e.getBoundingClientRect().height)]))""",
                )
            )
        shown = {"rf-kind", "root[channel]", "改填 2026-W48", "rf-slug", "root[staff]",
                 "root[occurred_at]", "root[items][0][amount]", "root[work][0][date]",
                 "rf-copy", "rf-download", "rf-create"}  # fmt: skip
        assert shown <= set(heights), heights
        assert {name: h for name, h in heights.items() if h < 44} == {}
        _only_local(phone, late_site)


def test_an_internal_monthly_form_asks_for_every_posted_regions_stock(
    page: Any, internal_site: str, tmp_path: Path
) -> None:
    """An internal build knows each member's postings (roster.json), so a 月报 without the stock
    of a region its author was posted to that month is refused there in check's own words
    (`stock-region-missing`), instead of passing the form and failing in CI. 王芳 is posted to
    foshan; she reports guangzhou's stock only."""
    _open_form(page, internal_site, "monthly")
    for name, value in {
        "root[staff]": "wang-fang",
        "root[summary]": "十月小结",
        "root[faulty_stock][0][region]": "guangzhou",
        "root[faulty_stock][0][units]": "3",
        "root[late_reason]": "驻地停电",  # 2026-10 was due 2026-11-05
    }.items():
        _fill(page, name, value)
    repo, path, result = _checked(page, tmp_path, "monthly report")
    said = [line for line in result.output.splitlines() if "stock-region-missing" in line]
    assert result.exit_code == 1 and len(said) == 1, result.output
    message = said[0].split("[stock-region-missing]", 1)[1].strip()
    assert "foshan" in message and "(" in message, message  # the region, and its article
    assert _listed(page, "局方故障机库存:" + message), page.text_content("#rf-errors")
    assert page.get_attribute("#rf-create", "aria-disabled") == "true"

    page.click('[data-schemapath="root.faulty_stock"] .json-editor-btn-add')
    _fill(page, "root[faulty_stock][1][region]", "foshan")
    _fill(page, "root[faulty_stock][1][units]", "0")
    result = _rechecked(page, repo, path, "both regions")
    assert result.exit_code == 0, result.output
    _only_local(page, internal_site)


def test_an_internal_monthly_form_lists_the_posted_regions_as_new_does(
    page: Any, internal_site: str, tmp_path: Path
) -> None:
    """As `validator new monthly` writes one stock entry per region of the month's postings, the
    internal form fills the untouched first entry with them once the 工号 is known; an entry
    the writer has typed in is left alone."""
    _open_form(page, internal_site, "monthly")
    _fill(page, "root[staff]", "wang-fang")
    page.wait_for_function(
        "document.querySelector('[name=\"root[faulty_stock][0][region]\"]').value === 'foshan'"
    )
    assert page.locator('[name="root[faulty_stock][1][region]"]').count() == 0
    _fill(page, "root[summary]", "十月小结")
    _fill(page, "root[late_reason]", "驻地停电")  # 2026-10 was due 2026-11-05
    page.wait_for_function("document.querySelector('#rf-status').textContent.includes('检查通过')")
    planned = plan_report(
        _org_repo(tmp_path / "plan").root, "monthly", dt.datetime.fromisoformat(NOW),
        staff_id="wang-fang",
    )  # fmt: skip
    assert "  - region: foshan\n" in planned.text  # what the form filled in
    result = _checked(page, tmp_path, "monthly report")[2]
    assert result.exit_code == 0, result.output

    _fill(page, "root[faulty_stock][0][region]", "nowhere")  # typed: kept for 李明 (guangzhou)
    _fill(page, "root[staff]", "li-ming")
    assert _listed(
        page, "局方故障机库存 · 第 1 条 · 区域:区域 “nowhere” 不在 org/regions.yaml 中。"
    )
    # listed since "nowhere" was typed: wait for the check of 李明 too, or the region is read
    # before the form could have replaced it
    page.wait_for_function(
        "document.querySelector('#rf-yaml').textContent.includes('staff: \"li-ming\"')",
        timeout=5000,
    )
    assert page.input_value('[name="root[faulty_stock][0][region]"]') == "nowhere"
    assert page.input_value('[name="root[staff]"]') == "li-ming"
    _only_local(page, internal_site)


def test_the_regions_the_form_filled_follow_the_staff_id(
    page: Any, zhang_san_site: str, tmp_path: Path
) -> None:
    """The stock entries the form itself filled in (no units typed) are the last 工号's: when
    the 工号 changes they become the new one's regions, as `validator new monthly` would write
    them for that person, rather than a 0 reported for a region the author was never posted to.
    Once a figure is typed they are the writer's and stay."""
    region = "document.querySelector('[name=\"root[faulty_stock][{}][region]\"]')"
    _open_form(page, zhang_san_site, "monthly")
    _fill(page, "root[staff]", "zhang-san")
    page.wait_for_function(f"{region.format(1)} && {region.format(1)}.value === 'foshan'")
    _fill(page, "root[staff]", "li-ming")  # guangzhou alone: one entry fewer
    page.wait_for_function(f"!{region.format(1)}", timeout=5000)
    assert page.input_value('[name="root[faulty_stock][0][region]"]') == "guangzhou"
    # and the file says so at once: the entry taken away is gone from it too
    assert _yaml_settles(page, '  - region: "guangzhou"\n    units: 0\n'), page.text_content(
        "#rf-yaml"
    )
    _fill(page, "root[summary]", "十月小结")
    _fill(page, "root[late_reason]", "驻地停电")  # 2026-10 was due 2026-11-05
    page.wait_for_function("document.querySelector('#rf-status').textContent.includes('检查通过')")
    assert "foshan" not in page.text_content("#rf-yaml"), page.text_content("#rf-yaml")
    result = _checked(page, tmp_path, "monthly report")[2]
    assert result.exit_code == 0, result.output

    _fill(page, "root[faulty_stock][0][units]", "2")  # typed: kept for 王芳
    _fill(page, "root[staff]", "wang-fang")
    assert _listed(page, "局方故障机库存:" + _stock_missing("foshan"))
    assert page.input_value('[name="root[faulty_stock][0][region]"]') == "guangzhou"
    _only_local(page, zhang_san_site)


def test_the_regions_the_form_filled_follow_the_late_note_s_next_month(
    page: Any, zhang_san_site: str, tmp_path: Path
) -> None:
    """改填 in the late note moves what was typed to the next month: the stock entries the form
    filled in for the late month are still the form's there, and become the regions of the next
    month's postings, as `validator new monthly` would write them (孙丽: guangzhou in October,
    foshan in November), rather than October's region kept as the writer's and refused by check
    (`stock-region-missing`, and a 0 for a region she was not posted to)."""
    _open_form(page, zhang_san_site, "monthly")
    assert page.input_value('[name="root[month]"]') == "2026-10"  # late since 2026-11-05
    _fill(page, "root[staff]", "sun-li")
    _holds(page, "root[faulty_stock][0][region]", "guangzhou")
    _fill(page, "root[summary]", "小结")
    page.click("#rf-late button:text('改填 2026-11')", timeout=5000)
    _holds(page, "root[month]", "2026-11")
    _holds(page, "root[faulty_stock][0][region]", "foshan")
    assert page.locator('[name="root[faulty_stock][1][region]"]').count() == 0
    assert _yaml_settles(page, '  - region: "foshan"\n    units: 0\n'), page.text_content(
        "#rf-yaml"
    )
    page.wait_for_function("document.querySelector('#rf-status').textContent.includes('检查通过')")
    repo = _org_repo(tmp_path / "repo", STAFF + ZHANG_SAN + SUN_LI)
    path = page.text_content("#rf-path")
    assert path == "submissions/sun-li/monthly/2026-11.yaml"
    repo.write(path, page.text_content("#rf-yaml"))
    repo.commit("monthly report", "2026-11-20T09:30:00+08:00")
    result = CliRunner().invoke(cli, ["check", "--repo", str(repo.root), "--now", NOW, path])
    assert result.exit_code == 0, result.output
    _only_local(page, zhang_san_site)


def _yaml_settles(page: Any, stock: str) -> bool:
    """Whether the file's `faulty_stock` becomes `stock`, its entries' lines (waiting for the
    next check)."""
    return site_support.comes_to(
        page,
        "s => (/\\nfaulty_stock:\\n((?:  .*\\n)*)/.exec("
        "document.querySelector('#rf-yaml').textContent) || [])[1] === s",
        stock,
    )


def _stock_missing(region: str) -> str:
    """check's stock-region-missing for `region` in 2026-10, as the test organisation says it."""
    return (
        f"faulty_stock 缺少区域 {region} 的局方故障机库存:2026-10 派驻的每个区域都要上报"
        "(办法 三(五)3)。"
    )


@pytest.mark.parametrize(
    ("category", "date", "approval", "rules"),
    [
        # check says an unknown approval under the rule approval-missing too (message
        # approval-unknown): no approval of hers for that day
        ("travel", "2026-10-11", None, {"approval-missing"}),
        ("travel", "2026-10-11", "APR-2026-9999", {"approval-missing"}),  # (a) no such approval
        ("travel", "2026-10-11", "APR-2026-0003", {"approval-missing"}),  # (b) 李明's
        ("travel", "2026-10-15", "APR-2026-0001", {"approval-missing"}),  # (c) not that day
        ("reception", "2026-10-11", "APR-2026-0001", {"approval-missing"}),  # a trip's
        ("travel", "2026-10-21", "APR-2026-0002", {"approval-after-the-fact"}),  # (d)
        ("travel", "2026-10-15", "APR-2026-0002", {"approval-missing", "approval-after-the-fact"}),
        ("travel", "2026-10-11", "APR-2026-0001", set()),  # (e) hers, that day, beforehand
    ],
)
def test_an_internal_expenses_form_checks_the_approval_as_check_does(
    page: Any,
    internal_site: str,
    tmp_path: Path,
    category: str,
    date: str,
    approval: str | None,
    rules: set[str],
) -> None:
    """An internal build knows the approvals (roster.json), so a trip or reception citing one
    that is not the author's, not of its kind, not covering its day, or granted only after it is
    refused there at 审批编号 in check's own words (approval-missing, approval-unknown,
    approval-after-the-fact), instead of passing the form and failing in CI; the approval that
    fits passes both."""
    _open_form(page, internal_site, "expenses")
    field = page.locator('[name="root[items][0][category]"]')
    field.select_option(category)
    field.dispatch_event("change")
    if approval is not None:
        page.get_by_role("button", name="添加 审批编号").first.click()
    for name, value in {
        "root[staff]": "wang-fang",
        "root[items][0][date]": date,
        "root[items][0][amount]": "320",
        "root[items][0][description]": "佛山往返车票",
        "root[items][0][approval]": approval,
        "root[late_reason]": "出差在外",  # 2026-10 was due 2026-11-10
    }.items():
        if value is not None:
            _fill(page, name, value)
    result = _checked(page, tmp_path, "expenses")[2]
    said = {
        rule: line.split(f"[{rule}]", 1)[1].strip()
        for line in result.output.splitlines()
        for rule in ("approval-missing", "approval-after-the-fact")
        if f"[{rule}]" in line
    }
    assert set(said) == rules and result.exit_code == (1 if rules else 0), result.output
    if not rules:
        page.wait_for_function(
            "document.querySelector('#rf-status').textContent.includes('检查通过')"
        )
        assert page.get_attribute("#rf-create", "aria-disabled") == "false"
        _only_local(page, internal_site)
        return
    at = "费用明细 · 第 1 条 · 审批编号:"
    for message in said.values():
        assert _listed(page, at + message), page.text_content("#rf-errors")
    listed = page.eval_on_selector_all(
        "#rf-errors li", "ls => ls.map(l => l.firstChild && l.firstChild.textContent)"
    )
    assert sorted(m for m in listed if m and m.startswith(at)) == sorted(
        at + message for message in said.values()
    )
    assert page.get_attribute("#rf-create", "aria-disabled") == "true"
    _only_local(page, internal_site)


# 李明 has filed 2026-W47, the monthly report of 2026-10, an incident and a handover before NOW
FILED = {
    "submissions/li-ming/weekly/2026-W47.yaml": """\
staff: li-ming
week: 2026-W47
summary: 本周走访广州授权站。
work:
  - {date: 2026-11-16, description: 检查天河授权站维修工单}
plan: [回访用户]
""",
    "submissions/li-ming/monthly/2026-10.yaml": """\
staff: li-ming
month: 2026-10
summary: 本月走访授权站 6 家。
faulty_stock:
  - {region: guangzhou, units: 0}
""",
    "submissions/li-ming/incidents/2026-11-21-tianhe-media.yaml": """\
staff: li-ming
occurred_at: "2026-11-21 09:00"
title: 天河媒体采访
channel: media
parties: [记者]
summary: 记者到店采访。
status: open
""",
    "submissions/li-ming/handover/2026-11-20.yaml": """\
staff: li-ming
date: 2026-11-20
successor: null
reason: departure
regions: [guangzhou]
""",
}


def _filed_repo(root: Path) -> GitRepo:
    """The browser tests' organisation, with 李明's reports (FILED) merged on main."""
    repo = _org_repo(root)
    for path, text in FILED.items():
        repo.write(path, text)
    repo.commit("li-ming's reports", "2026-11-21T18:00:00+08:00")
    return repo


@contextlib.contextmanager
def _served_filed(factory: pytest.TempPathFactory, audience: str) -> Iterator[str]:
    """A build for `audience` of the organisation where 李明 has filed (FILED), served."""
    repo = _filed_repo(factory.mktemp(f"org-filed-{audience}") / "repo")
    with site_support.serve(
        _build(factory.mktemp(f"site-filed-{audience}"), repo.root, audience)
    ) as url:
        yield url


@pytest.fixture(scope="module")
def filed_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with _served_filed(tmp_path_factory, "internal") as url:
        yield url


@pytest.fixture(scope="module")
def filed_public_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with _served_filed(tmp_path_factory, "public") as url:
        yield url


MERGED = "该报告已合并到 main,不能再修改;如需更正请联系审核人。"  # check's modified-after-merge


def _in_pull_request(tmp_path: Path, path: str, text: str) -> tuple[str, Result]:
    """CI's view: `text` at `path` on a branch off 李明's merged reports, checked as a pull
    request by liming-gz against the commit before: that commit and the result."""
    repo = _filed_repo(tmp_path / "ci")
    base = repo.git("rev-parse", "HEAD").strip()
    repo.git("switch", "-q", "-c", "li-ming/report")
    repo.write(path, text)
    repo.commit("report", "2026-11-23T09:50:00+08:00")
    return base, CliRunner().invoke(
        cli,
        ["check", "--repo", str(repo.root), "--now", NOW, "--base", base, "--author", "liming-gz"],
    )


def _holds(page: Any, name: str, value: str) -> None:
    """Wait until the field `name` is there and holds `value` (the form may move it)."""
    page.wait_for_function(
        '([n, v]) => (document.querySelector(`[name="${n}"]`) || {}).value === v',
        arg=[name, value],
        timeout=5000,
    )


def _people_requests(page: Any) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url) if "/data/people/" in r.url else None)
    return requests


def test_an_internal_form_proposes_the_period_after_a_filed_one_as_new_does(
    page: Any, filed_site: str, tmp_path: Path
) -> None:
    requests = _people_requests(page)
    _open_form(page, filed_site)
    assert page.input_value('[name="root[week]"]') == "2026-W47"  # no 工号 yet
    _fill(page, "root[staff]", "li-ming")
    _holds(page, "root[week]", "2026-W48")
    assert page.text_content("#rf-filed") == "2026-W47 的周报已提交,改填 2026-W48。"
    assert page.input_value('[name="root[work][0][date]"]') == "2026-11-23"
    _fill(page, "root[summary]", "本周走访广州授权站。")
    _fill(page, "root[work][0][description]", "检查天河授权站维修工单")
    _fill(page, "root[plan][0]", "回访用户")
    page.wait_for_function("document.querySelector('#rf-status').textContent.includes('检查通过')")
    path = page.text_content("#rf-path")
    assert path == "submissions/li-ming/weekly/2026-W48.yaml"
    # as `validator new` proposes it, and CI takes it
    assert (
        plan_report(
            _filed_repo(tmp_path / "new").root, "weekly", dt.datetime.fromisoformat(NOW), "li-ming"
        ).path
        == path
    )
    _, result = _in_pull_request(tmp_path, path, page.text_content("#rf-yaml"))
    assert result.exit_code == 0, result.output

    # monthly: 2026-10 is filed, so this month; expenses: 2026-10 is not, so it stays
    page.select_option("#rf-kind", "monthly")
    _holds(page, "root[month]", "2026-11")
    assert page.text_content("#rf-filed") == "2026-10 的月报已提交,改填 2026-11。"
    page.select_option("#rf-kind", "expenses")
    page.wait_for_selector('[name="root[items][0][amount]"]')
    # the expenses form's first check, which closes the monthly form's note
    page.wait_for_function(
        "document.querySelector('#rf-path').textContent"
        " === 'submissions/li-ming/expenses/2026-10.yaml'",
        timeout=5000,
    )
    assert page.input_value('[name="root[month]"]') == "2026-10"
    assert page.is_hidden("#rf-filed")
    # 王芳 has filed nothing: her week is the one just ended
    page.select_option("#rf-kind", "weekly")
    page.wait_for_selector('[name="root[week]"]')
    _fill(page, "root[staff]", "wang-fang")
    page.wait_for_timeout(500)
    assert page.input_value('[name="root[week]"]') == "2026-W48"  # what the form held
    # one fetch per id
    assert sorted(urllib.parse.urlsplit(u).path for u in requests) == [
        "/status/data/people/li-ming.json",
        "/status/data/people/wang-fang.json",
    ]
    _only_local(page, filed_site)


def test_the_filed_note_comes_with_the_period_it_explains(page: Any, filed_site: str) -> None:
    """Frame by frame, the period the form moved past a filed one is never shown without its
    note: the note waited for json-editor's next change event, a frame later, and CI read an
    empty note once between the two."""
    page.clock.install()
    _open_form(page, filed_site)
    page.clock.pause_at(page.evaluate("Date.now()") / 1000 + 1)  # a second on (in seconds)
    _fill(page, "root[staff]", "li-ming")
    seen = []
    for _ in range(200):
        page.clock.run_for(4)
        seen.append(
            page.evaluate(
                """() => [document.querySelector('[name="root[week]"]').value,
                          document.querySelector('#rf-filed').textContent]"""
            )
        )
        if seen[-1][0] == "2026-W48":
            break
    assert seen[-1] == ["2026-W48", "2026-W47 的周报已提交,改填 2026-W48。"], seen[-3:]


# what a frame shows: the expenses form's first item, the notes, the file's name and schema
_FRAME = """() => { const shown = id => { const e = document.getElementById(id);
      return e.hidden ? '' : e.textContent; };
    return [!!document.querySelector('[name="root[items][0][amount]"]'),
    shown('rf-filed'), shown('rf-late'), document.querySelector('#rf-path').textContent,
    document.querySelector('#rf-yaml').textContent.split('\\n')[0],
    document.querySelector('#rf-errors').textContent,
    document.querySelector('#rf-create').getAttribute('href') || '', shown('rf-create-note')]; }"""


def test_a_new_form_never_shows_the_last_forms_notes(page: Any, filed_site: str) -> None:
    """Frame by frame, a form just put in place of another (here the expenses form for 2026-10
    after the monthly form moved past 李明's filed 2026-10) never shows the other form's notes,
    file name, file or problems: they stayed until json-editor's ready event, a frame later, and
    the expenses form stood under 「2026-10 的月报已提交,改填 2026-11。」. Nor is the form said to
    be ready (data-rf-ready) before its first check has written the file's name. The link to
    the host's new-file page kept the monthly file until then too."""
    page.add_init_script(
        """new MutationObserver(() => {
          const root = document.getElementById('report-form');
          if (root && root.hasAttribute('data-rf-ready') && window.rfPathAtReady === undefined) {
            window.rfPathAtReady = document.getElementById('rf-path').textContent;
          }
        }).observe(document, {subtree: true, attributes: true,
                              attributeFilter: ['data-rf-ready']});"""
    )
    page.clock.install()
    _open_form(page, filed_site)
    assert page.evaluate("window.rfPathAtReady") == "submissions/<工号>/weekly/2026-W47.yaml"
    _fill(page, "root[staff]", "li-ming")
    _holds(page, "root[week]", "2026-W48")
    page.select_option("#rf-kind", "monthly")
    _holds(page, "root[month]", "2026-11")
    page.wait_for_function(
        "document.querySelector('#rf-filed').textContent === '2026-10 的月报已提交,改填 2026-11。'",
        timeout=5000,
    )
    page.clock.pause_at(page.evaluate("Date.now()") / 1000 + 1)  # a second on (in seconds)
    page.select_option("#rf-kind", "expenses")
    seen = []
    for _ in range(300):
        seen.append(page.evaluate(_FRAME))
        if seen[-1][0] and seen[-1][3] == "submissions/li-ming/expenses/2026-10.yaml":
            break
        page.clock.run_for(4)
    assert seen[-1][3] == "submissions/li-ming/expenses/2026-10.yaml", seen[-3:]
    assert "2026-10 的报销已于" in seen[-1][2], seen[-1]
    stale = [
        frame
        for frame in seen
        if frame[0]
        and (
            "月报" in frame[1]
            or "月报" in frame[2]
            or "/monthly/" in frame[3]
            or "monthly.schema" in frame[4]
            or "局方故障机库存" in frame[5]
            or "monthly" in urllib.parse.unquote(frame[6])  # the create link, and its note
            or "/monthly/" in frame[7]
        )
    ]
    assert stale == [], stale[:3]


def test_a_fresh_form_for_someone_with_nothing_filed_keeps_last_week(
    page: Any, filed_site: str
) -> None:
    _open_form(page, filed_site)
    _fill(page, "root[staff]", "wang-fang")
    page.wait_for_timeout(1000)
    assert page.input_value('[name="root[week]"]') == "2026-W47"
    assert page.is_hidden("#rf-filed")


def test_a_period_chosen_by_its_suggestion_is_the_users_and_stays(
    page: Any, filed_site: str
) -> None:
    """The 「改成 …」 under a date outside the period sets the period as a choice of the user's,
    as typing it does: the form no longer moves it past a filed one. Before, a period chosen
    back to the one the form had proposed was moved to 2026-W48 once 李明 was typed."""
    _open_form(page, filed_site)
    assert page.input_value('[name="root[week]"]') == "2026-W47"
    _fill(page, "root[work][0][date]", "2026-11-23")
    page.click(".rf-suggest:text('改成 2026-W48')", timeout=5000)
    _holds(page, "root[week]", "2026-W48")
    _fill(page, "root[work][0][date]", "2026-11-16")
    page.click(".rf-suggest:text('改成 2026-W47')", timeout=5000)
    _holds(page, "root[week]", "2026-W47")
    _fill(page, "root[staff]", "li-ming")
    assert _listed(page, f"周次:{MERGED}")
    page.wait_for_timeout(500)
    assert page.input_value('[name="root[week]"]') == "2026-W47"
    assert page.input_value('[name="root[work][0][date]"]') == "2026-11-16"
    assert page.is_hidden("#rf-filed")


def test_an_internal_form_refuses_a_filed_period_in_checks_words(
    page: Any, filed_site: str, tmp_path: Path
) -> None:
    _open_form(page, filed_site)
    _fill(page, "root[staff]", "li-ming")
    _holds(page, "root[week]", "2026-W48")
    _fill(page, "root[week]", "2026-W47")  # chosen: the form does not move it again
    _fill(page, "root[summary]", "本周走访广州授权站。")
    _fill(page, "root[work][0][date]", "2026-11-16")
    _fill(page, "root[work][0][description]", "检查天河授权站维修工单")
    _fill(page, "root[plan][0]", "回访用户")
    assert _listed(page, f"周次:{MERGED}")
    assert page.input_value('[name="root[week]"]') == "2026-W47"
    assert page.get_attribute("#rf-create", "aria-disabled") == "true"
    assert "检查通过" not in page.text_content("#rf-status")
    path = page.text_content("#rf-path")
    assert path == "submissions/li-ming/weekly/2026-W47.yaml"
    # CI refuses the same file in the same words
    base, result = _in_pull_request(tmp_path, path, page.text_content("#rf-yaml"))
    assert result.exit_code == 1
    # in the same words, {base} being the ref CI names (here the commit; the form the branch)
    assert f"[modified-after-merge] {MERGED.replace('main', base)}" in result.output

    # an incident by its date and slug; a handover by its date
    page.select_option("#rf-kind", "incidents")
    page.wait_for_selector('[name="root[occurred_at]"]')
    _fill(page, "root[occurred_at]", "2026-11-21 09:00")
    page.fill("#rf-slug", "tianhe-media")
    page.dispatch_event("#rf-slug", "input")
    assert _listed(page, f"发生时间:{MERGED}")
    page.fill("#rf-slug", "tianhe-media-2")
    page.dispatch_event("#rf-slug", "input")
    assert _gone(page, f"发生时间:{MERGED}")
    page.select_option("#rf-kind", "handover")
    page.wait_for_selector('[name="root[date]"]')
    assert page.input_value('[name="root[date]"]') == "2026-11-23"
    _fill(page, "root[date]", "2026-11-20")
    assert _listed(page, f"交接日期:{MERGED}")
    assert page.get_attribute("#rf-create", "aria-disabled") == "true"
    _only_local(page, filed_site)


def test_a_failed_fetch_of_the_filed_reports_leaves_the_form_as_it_was(
    page: Any, filed_site: str
) -> None:
    page.route("**/data/people/**", lambda route: route.fulfill(status=404, body="no"))
    _open_form(page, filed_site)
    _fill(page, "root[staff]", "li-ming")
    _fill(page, "root[summary]", "本周走访广州授权站。")
    page.wait_for_timeout(1000)
    assert page.input_value('[name="root[week]"]') == "2026-W47"
    assert page.is_hidden("#rf-filed")
    assert not _listed(page, f"周次:{MERGED}")


def test_a_public_form_fetches_no_ones_reports(page: Any, filed_public_site: str) -> None:
    """Public builds publish no per-person data: the form asks for none and proposes as before."""
    assert page.request.get(f"{filed_public_site}/status/data/people/li-ming.json").status == 404
    requests = _people_requests(page)
    _open_form(page, filed_public_site)
    _fill(page, "root[staff]", "li-ming")
    _fill(page, "root[summary]", "本周走访广州授权站。")
    _fill(page, "root[work][0][description]", "检查天河授权站维修工单")
    _fill(page, "root[plan][0]", "回访用户")
    page.wait_for_function("document.querySelector('#rf-status').textContent.includes('检查通过')")
    assert page.input_value('[name="root[week]"]') == "2026-W47"
    assert page.is_hidden("#rf-filed")
    assert requests == []
    _only_local(page, filed_public_site)
