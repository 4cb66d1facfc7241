"""The report form on a phone, in headless Chromium: a field engineer with little Git knowledge
fills it on a 360-375 px touch screen with a Chinese input method, reloads or switches kind
half-way, and expects what was typed to stay and every message to say what to write.
"""

from __future__ import annotations

import datetime as dt
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.site.test_form_browser import (
    LATE,
    NOW,
    _checked,
    _fill,
    _first_check,
    _late_said,
    _listed,
    _only_local,
    _open,
    _org_repo,
    _rechecked,
    _said_by_check,
    _served,
)
from tests.support import site as site_support
from validator.cli import cli

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PHONE = {"width": 375, "height": 667}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    # under a sub-path, as a company server serves it
    with _served(tmp_path_factory, "public", prefix="/scm/reports/") as url:
        yield url


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A phone (375 x 667, touch, zh-CN, Beijing time) recording script errors and requests."""
    phone = {"viewport": PHONE, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
    with site_support.recorded_page(browser, **phone) as page:
        yield page


def _switch(page: Any, kind: str, field: str) -> None:
    """Choose `kind` in 报告类别 and wait for its form (its `field`)."""
    page.select_option("#rf-kind", kind)
    page.wait_for_selector(f'[name="root[{field}]"]', timeout=10000)


def _summary_typed(page: Any, url: str, summary: str) -> None:
    """Open the form at `url` and type 李明's 工号 and `summary`, until the YAML shows it."""
    _open(page, url)
    _fill(page, "root[staff]", "li-ming")
    _fill(page, "root[summary]", summary)
    _settled(page, summary)


def _weekly_passes(page: Any, *extra: tuple[str, str]) -> None:
    """Fill the open form's weekly report as li-ming (and the `extra` fields) until it passes."""
    for name, value in (
        ("root[staff]", "li-ming"),
        ("root[summary]", "本周走访广州授权站。"),
        ("root[work][0][description]", "检查天河授权站维修工单"),
        ("root[plan][0]", "跟进备件申请"),
        *extra,
    ):
        _fill(page, name, value)
    page.wait_for_function("document.querySelector('#rf-status').textContent.includes('检查通过')")


def _value(page: Any, name: str) -> str:
    return str(page.input_value(f'[name="{name}"]'))


def _settled(page: Any, text: str) -> None:
    """Wait until the YAML the page shows holds `text` (the form has taken the last change)."""
    page.wait_for_function(
        "t => document.querySelector('#rf-yaml').textContent.includes(t)", arg=text, timeout=5000
    )


def _typed_is_said(page: Any, site: str, kind: str, name: str, typed: str, message: str) -> None:
    """`typed` into the field `name` of a `kind` form is listed as `message`."""
    _open(page, f"{site}/form/#{kind}")
    _fill(page, name, typed)
    assert _listed(page, message)
    _only_local(page, site)


def _path_is(page: Any, path: str) -> None:
    """Wait until the form names the file `path` (it follows a change on the next check)."""
    page.wait_for_function(
        "p => document.querySelector('#rf-path').textContent === p", arg=path, timeout=5000
    )


def test_what_was_typed_is_still_there_after_a_reload(page: Any, site: str) -> None:
    """A phone reloads a page the user left for a minute (or the user pulls to refresh): the
    report typed so far must come back, not an empty form."""
    _open(page, f"{site}/form/#weekly")
    _fill(page, "root[staff]", "li-ming")
    _fill(page, "root[summary]", "本周走访广州、佛山授权站,处理投诉３起。")
    _fill(page, "root[work][0][description]", "检查天河授权站维修工单")
    _settled(page, "检查天河授权站维修工单")
    page.reload()
    _open(page, page.url)
    assert _value(page, "root[summary]") == "本周走访广州、佛山授权站,处理投诉３起。"
    assert _value(page, "root[work][0][description]") == "检查天河授权站维修工单"
    _settled(page, "本周走访广州")  # the YAML is written by the form's first check, a frame on
    assert "本周走访广州" in page.text_content("#rf-yaml")
    _only_local(page, site)


def test_switching_kind_and_back_keeps_what_was_typed(page: Any, site: str) -> None:
    """A tap on the wrong 报告类别 (周报 -> 月报) and back must not throw the week's text away."""
    _summary_typed(page, f"{site}/form/#weekly", "本周处理投诉两起")
    _switch(page, "monthly", "month")
    _switch(page, "weekly", "week")
    _settled(page, "week:")
    assert _value(page, "root[summary]") == "本周处理投诉两起"
    _only_local(page, site)


def _li_ming_leaves_a_monthly_and_wang_fang_writes_her_id(page: Any, site: str) -> None:
    """李明 types his 月报 and leaves it on the 周报, where 王芳 writes her 工号."""
    _summary_typed(page, f"{site}/form/#monthly", "李明的十月小结")
    _switch(page, "weekly", "week")
    _fill(page, "root[staff]", "wang-fang")
    _path_is(page, "submissions/wang-fang/weekly/2026-W47.yaml")


def test_a_draft_is_not_given_to_the_next_person_on_a_shared_phone(page: Any, site: str) -> None:
    """One phone, one tab, two engineers: 李明 types his 月报 and leaves it on the 周报; 王芳
    writes her 工号 there and taps 月报. She gets a 月报 of her own, not 李明's text under his
    工号 (which she would file as his, or read)."""
    _li_ming_leaves_a_monthly_and_wang_fang_writes_her_id(page, site)
    _switch(page, "monthly", "month")
    _settled(page, "month:")
    assert _value(page, "root[staff]") == "wang-fang"
    assert _value(page, "root[summary]") == ""
    assert "李明的十月小结" not in page.text_content("#rf-yaml")
    assert page.is_hidden("#rf-draft")
    _only_local(page, site)


def test_a_draft_is_not_given_to_the_next_person_after_a_reload(page: Any, site: str) -> None:
    """The same, when 王芳 comes to the 月报 by the back button or a reload rather than by the
    报告类别: the form remembers her 工号 (the last one written), not 李明's."""
    _li_ming_leaves_a_monthly_and_wang_fang_writes_her_id(page, site)
    page.evaluate("history.replaceState(null, '', '#monthly')")
    page.reload()
    _open(page, page.url)
    _settled(page, "month:")
    assert _value(page, "root[staff]") == "wang-fang"
    assert "李明的十月小结" not in page.text_content("#rf-yaml")
    _only_local(page, site)


def test_a_restored_form_can_be_started_over(page: Any, site: str) -> None:
    """Who wants an empty form again gets one with one tap, and it stays empty after a reload."""
    _open(page, f"{site}/form/#weekly")
    _fill(page, "root[summary]", "草稿")
    _settled(page, "草稿")
    page.reload()
    _open(page, page.url)
    assert _value(page, "root[summary]") == "草稿"
    again = page.get_by_role("button", name="清空重填")
    assert again.bounding_box()["height"] >= 44  # a thumb's size
    again.tap()
    page.wait_for_function("!document.querySelector('#rf-yaml').textContent.includes('草稿')")
    assert _value(page, "root[summary]") == ""
    page.reload()
    _open(page, page.url)
    assert _value(page, "root[summary]") == ""
    _only_local(page, site)


@pytest.mark.parametrize(
    ("kind", "name", "typed", "read"),
    [
        ("incidents", "root[occurred_at]", "２０２６－１１－２０　１４：３０", "2026-11-20 14:30"),
        ("incidents", "root[occurred_at]", "2026-11-20 14：30", "2026-11-20 14:30"),
        ("weekly", "root[week]", "２０２６－Ｗ４７", "2026-W47"),
        ("monthly", "root[month]", "２０２６－１０", "2026-10"),
    ],
    ids=["time-full-width", "time-full-width-colon", "week-full-width", "month-full-width"],
)
def test_a_time_or_period_typed_with_a_chinese_ime_is_taken_as_written(
    page: Any, site: str, kind: str, name: str, typed: str, read: str
) -> None:
    """A Chinese input method types full-width digits, colon and space (１４：３０): they look the
    same as ASCII on a phone, so "格式不对" would leave the user with nothing to change. The form
    writes them as ASCII, as it does for numbers."""
    _open(page, f"{site}/form/#{kind}")
    _fill(page, name, typed)
    page.wait_for_function(
        '([n, v]) => document.querySelector(`[name="${n}"]`).value === v',
        arg=[name, read],
        timeout=5000,
    )
    _settled(page, f'"{read}"')
    errors = page.eval_on_selector_all("#rf-errors li", "ls => ls.map(l => l.textContent)")
    assert not [e for e in errors if e.startswith(("发生时间", "周次", "月份"))], errors
    _only_local(page, site)


def test_an_incident_name_typed_full_width_is_taken_as_written(page: Any, site: str) -> None:
    """The incident's 事件标识 typed with the IME's full-width letters names the file in ASCII."""
    _open(page, f"{site}/form/#incidents")
    _fill(page, "root[occurred_at]", "2026-11-20 14:30")
    page.fill("#rf-slug", "ｔｉａｎｈｅ－ｍｅｄｉａ")
    page.dispatch_event("#rf-slug", "change")
    page.wait_for_function(
        "document.querySelector('#rf-path').textContent"
        " === 'submissions/<工号>/incidents/2026-11-20-tianhe-media.yaml'",
        timeout=5000,
    )
    assert page.input_value("#rf-slug") == "tianhe-media"
    _only_local(page, site)


@pytest.mark.parametrize(
    ("kind", "name", "typed", "message"),
    [
        ("weekly", "root[week]", "2026-W7", "周次:应为 ISO 周,例如 2026-W47"),
        ("monthly", "root[month]", "2026-7", "月份:应为月份,例如 2026-10"),
    ],
    ids=["week", "month"],
)
def test_a_period_in_the_wrong_shape_says_what_to_write(
    page: Any, site: str, kind: str, name: str, typed: str, message: str
) -> None:
    """A bare 「格式不对」 does not say what to write: the message gives a shape and an example."""
    _typed_is_said(page, site, kind, name, typed, message)


def test_a_handover_can_be_written_on_the_form(page: Any, site: str, tmp_path: Path) -> None:
    """A field engineer whose posting ends writes the 工作交接 on the form like every other report
    (`validator new handover` has it; the form offered only four kinds), and check accepts it."""
    _open(page, f"{site}/form/#handover")
    assert page.input_value("#rf-kind") == "handover"
    assert page.input_value('[name="root[date]"]') == "2026-11-23"  # today, as validator new
    _fill(page, "root[staff]", "li-ming")
    _fill(page, "root[date]", "2026-11-20")
    page.select_option('[name="root[reason]"]', "rotation")
    _fill(page, "root[regions][0]", "guangzhou")
    page.get_by_role("button", name="添加 接任者").tap()
    _fill(page, "root[successor]", "wang-fang")
    page.wait_for_function("document.querySelector('#rf-status').textContent.includes('检查通过')")
    assert page.text_content("#rf-path") == "submissions/li-ming/handover/2026-11-20.yaml"
    text = page.text_content("#rf-yaml")
    repo = _org_repo(tmp_path / "repo")
    repo.write("submissions/li-ming/handover/2026-11-20.yaml", text)
    repo.commit("handover", "2026-11-23T09:30:00+08:00")
    result = CliRunner().invoke(cli, ["check", "--repo", str(repo.root), "--now", NOW])
    assert result.exit_code == 0, text + result.output
    href = page.get_attribute("#rf-create", "href")
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(href).query)
    assert query["filename"] == ["submissions/li-ming/handover/2026-11-20.yaml"]
    assert query["value"] == [text]
    _only_local(page, site)


def test_a_handover_dated_after_today_is_refused_as_check_refuses_it(page: Any, site: str) -> None:
    _open(page, f"{site}/form/#handover")
    _fill(page, "root[staff]", "li-ming")
    _fill(page, "root[regions][0]", "guangzhou")
    _fill(page, "root[date]", "2026-11-30")
    assert _listed(
        page, "交接日期:期间 2026-11-30 从 2026-11-30 00:00 开始,还没有到,不能提前提交。"
    )
    assert page.get_attribute("#rf-create", "aria-disabled") == "true"
    _only_local(page, site)


def test_a_late_handover_asks_for_its_reason_as_check_does(
    page: Any, site: str, tmp_path: Path
) -> None:
    """A handover is due within the organisation's window after its date (kinds/handover.py,
    7 days: 2026-11-10's by 2026-11-18 00:00). The form held no deadline for it, so a late one
    passed there without late_reason and check refused it. The form says it in check's words,
    received as the form checks it."""
    page.clock.set_fixed_time(dt.datetime.fromisoformat(NOW))  # the page's clock stands still
    _open(page, f"{site}/form/#handover")
    _fill(page, "root[staff]", "li-ming")
    _fill(page, "root[date]", "2026-11-10")
    page.select_option('[name="root[reason]"]', "rotation")
    _fill(page, "root[regions][0]", "guangzhou")
    late = (
        "逾期:截止时间 2026-11-18 00:00:00 +0800(本组织规定),收到时间 2026-11-23 10:00:00 +0800;"
        "请填写 late_reason 说明原因。"
    )
    assert _listed(page, "逾期原因:" + late)
    note = page.text_content("#rf-late")
    assert "2026-11-10 的工作交接已于 2026-11-18 00:00 截止" in note, note
    assert page.locator("#rf-late button").count() == 0  # no "next" handover to switch to
    repo, path, result = _checked(page, tmp_path, "handover", at=NOW)  # received as the form says
    assert path == "submissions/li-ming/handover/2026-11-10.yaml"
    assert result.exit_code == 1 and _said_by_check(result, "late") == [late], result.output

    _fill(page, "root[late_reason]", "交接期间在外地培训")
    result = _rechecked(page, repo, path, "with its reason", at=NOW)
    assert result.exit_code == 0, result.output
    _fill(page, "root[date]", "2026-11-20")  # due 2026-11-28: on time, no reason asked
    page.wait_for_function("document.querySelector('#rf-late').hidden")
    _only_local(page, site)


def test_a_form_whose_page_was_swapped_out_stops_its_clock(page: Any, site: str) -> None:
    """Material's instant navigation swaps the page without reloading the script, and coming
    back starts a new form: the old one, its page gone, must not go on checking every 10 s (and
    writing its 工号 and draft over the new form's) for as long as the tab is open."""
    page.clock.install()
    _open(page, f"{site}/form/#weekly")
    _fill(page, "root[staff]", "li-ming")
    page.evaluate(
        """() => {
        const old = window.reportForm;
        window.oldChecks = 0;
        const overtaken = old.overtaken;
        old.overtaken = function () { window.oldChecks++; return overtaken.apply(this); };
        document.getElementById("report-form").remove();
        document.dispatchEvent(new Event("visibilitychange"));
    }"""
    )
    page.clock.run_for("03:30:00")  # past 2026-W47's deadline
    assert page.evaluate("window.oldChecks") == 0


def test_a_deadline_passing_while_the_form_is_open_asks_for_the_reason_as_check_does(
    page: Any, site: str, tmp_path: Path
) -> None:
    """The page's clock ran on: opened Monday 10:00 (2026-W47 due 13:00) and left open on a
    phone, the form kept saying 检查通过 at 13:30 with no late_reason, and check refused the
    file committed then as late. The clock stopped when the page loaded."""
    page.clock.install()
    _open(page, f"{site}/form/#weekly")
    _fill(page, "root[staff]", "li-ming")
    _fill(page, "root[summary]", "本周走访广州授权站")
    _fill(page, "root[work][0][description]", "检查天河授权站维修工单")
    _fill(page, "root[plan][0]", "走访佛山授权站")
    page.wait_for_function("document.querySelector('#rf-status').textContent.includes('检查通过')")
    assert page.get_attribute("#rf-create", "aria-disabled") == "false"

    page.clock.fast_forward("03:30:00")  # nothing typed meanwhile: 13:30, past the deadline
    late, then = _late_said(page)  # check's words, received as the form checked it (13:30:0x)
    assert then.startswith("2026-11-23T13:30:"), then
    stamp = dt.datetime.fromisoformat(then).strftime("%Y-%m-%d %H:%M:%S %z")
    assert late == (
        f"逾期:截止时间 2026-11-23 13:00:00 +0800(办法 三(一)3),收到时间 {stamp};"
        "请填写 late_reason 说明原因。"
    )
    assert page.get_attribute("#rf-create", "aria-disabled") == "true"
    note = page.text_content("#rf-late")
    assert "2026-W47 的周报已于 2026-11-23 13:00 截止" in note, note
    repo, path, result = _checked(page, tmp_path, "weekly", at=then, now=then)
    assert path == "submissions/li-ming/weekly/2026-W47.yaml"
    assert result.exit_code == 1 and _said_by_check(result, "late") == [late], result.output

    # left open two minutes more: the time it says the file is received moves on with the clock
    # (it stayed at 13:30 while nothing was typed, and CI judges the commit's time)
    page.clock.run_for("00:02:00")
    page.wait_for_function(
        "Array.from(document.querySelectorAll('#rf-errors li'))"
        ".some(li => li.textContent.includes('收到时间 2026-11-23 13:32:'))",
        timeout=5000,
    )
    _fill(page, "root[late_reason]", "上午在授权站,没有网络")
    at = "2026-11-23T13:40:00+08:00"
    result = _rechecked(page, repo, path, "with its reason", at=at, now=at)
    assert result.exit_code == 0, result.output
    _only_local(page, site)


GITLAB = {
    "git_kind": "gitlab",
    "git_host": "https://jihulab.example.cn",
    "repository": "acme/field-reports",
    "git_branch": "main",
}


@pytest.fixture(scope="module")
def gitlab_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with _served(tmp_path_factory, "public", extra=GITLAB) as url:
        yield url


def test_gitlab_gets_the_yaml_to_paste_as_its_page_may_open_empty(
    page: Any, gitlab_site: str
) -> None:
    """GitLab's new-file page may take only the file name from the link, its editor ignoring the
    `content` parameter (reported for some versions): the engineer would commit an empty
    file. The tap that opens the page copies the YAML, and the note says to paste it there."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=gitlab_site)
    _open(page, f"{gitlab_site}/form/#weekly")
    _weekly_passes(page)
    text = page.text_content("#rf-yaml")
    assert page.is_visible("#rf-create-note")
    assert "粘贴" in page.text_content("#rf-create-note")
    # stay on this page: the test has no GitLab to open
    page.evaluate("window.addEventListener('click', event => event.preventDefault())")
    page.tap("#rf-create")
    page.wait_for_function("document.querySelector('#rf-done').textContent === '已复制 YAML。'")
    assert page.evaluate("navigator.clipboard.readText()") == text
    _only_local(page, gitlab_site)


@pytest.fixture(scope="module")
def internal_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with _served(tmp_path_factory, "internal") as url:
        yield url


@pytest.mark.parametrize(
    ("typed", "read"),
    [("Li-ming", "li-ming"), ("li-ming ", "li-ming"), ("LI-MING", "li-ming")],
    ids=["capitalised", "trailing-space", "caps-lock"],
)
def test_a_staff_id_as_a_phone_keyboard_types_it_is_taken(
    page: Any, site: str, typed: str, read: str
) -> None:
    """A phone keyboard capitalises the first letter and adds a space after a suggested word;
    a 工号 has neither, so the form takes what was meant instead of refusing it."""
    _open(page, f"{site}/form/#weekly")
    _fill(page, "root[staff]", typed)
    page.wait_for_function(
        "v => document.querySelector('[name=\"root[staff]\"]').value === v", arg=read, timeout=5000
    )
    _path_is(page, "submissions/li-ming/weekly/2026-W47.yaml")
    _only_local(page, site)


@pytest.mark.parametrize("typed", ["Tianhe-media", "tianhe-media ", "ｔｉａｎｈｅ－ｍｅｄｉａ　"])
def test_an_incident_name_as_a_phone_keyboard_types_it_is_taken(
    page: Any, site: str, typed: str
) -> None:
    """The 事件标识 is typed on the same keyboard as the 工号: its capital first letter and the
    space after a suggested word are taken as meant, as they are for a 工号."""
    _open(page, f"{site}/form/#incidents")
    _fill(page, "root[occurred_at]", "2026-11-20 14:30")
    page.fill("#rf-slug", typed)
    page.dispatch_event("#rf-slug", "change")
    _path_is(page, "submissions/<工号>/incidents/2026-11-20-tianhe-media.yaml")
    assert page.input_value("#rf-slug") == "tianhe-media"
    _only_local(page, site)


def test_id_and_period_fields_ask_the_keyboard_for_no_capitals_or_corrections(
    page: Any, site: str
) -> None:
    _open(page, f"{site}/form/#incidents")
    _first_check(page)  # which sets these attributes on json-editor's fields
    for field in ('[name="root[staff]"]', '[name="root[occurred_at]"]', "#rf-slug"):
        attributes = page.eval_on_selector(
            field, "e => [e.autocapitalize, e.getAttribute('autocorrect'), e.spellcheck]"
        )
        assert attributes == ["none", "off", False], field


def test_a_name_typed_for_the_staff_id_becomes_the_id_on_an_internal_site(
    page: Any, internal_site: str
) -> None:
    """The internal site knows every name: who types 李明 as 工号 gets li-ming."""
    _open(page, f"{internal_site}/form/#weekly")
    _fill(page, "root[staff]", "李明")
    page.wait_for_function(
        "document.querySelector('[name=\"root[staff]\"]').value === 'li-ming'", timeout=5000
    )
    _path_is(page, "submissions/li-ming/weekly/2026-W47.yaml")
    _only_local(page, internal_site)


@pytest.mark.parametrize(
    ("kind", "name", "typed", "message"),
    [
        (
            "expenses",
            "root[items][0][amount]",
            "1,280.50",
            "费用明细 · 第 1 条 · 金额:应填数字(不带单位、逗号或 ¥),例如 1280.50",
        ),
        (
            "expenses",
            "root[items][0][amount]",
            "1280元",
            "费用明细 · 第 1 条 · 金额:应填数字(不带单位、逗号或 ¥),例如 1280.50",
        ),
        (
            "monthly",
            "root[faulty_stock][0][units]",
            "12台",
            "局方故障机库存 · 第 1 条 · 台数:应填整数(不带单位),例如 12",
        ),
    ],
    ids=["amount-with-comma", "amount-with-unit", "units-with-unit"],
)
def test_a_number_written_as_on_paper_says_how_to_write_it(
    page: Any, site: str, kind: str, name: str, typed: str, message: str
) -> None:
    """「应为 number 类型」 is English to a field engineer and does not say what to change."""
    _typed_is_said(page, site, kind, name, typed, message)


def test_an_amount_typed_with_the_chinese_full_stop_is_the_number_it_says(
    page: Any, site: str
) -> None:
    """A Chinese IME types 。 for the point key: 1280。5 is 1280.5, as １２８０．５ already is."""
    _open(page, f"{site}/form/#expenses")
    _fill(page, "root[items][0][amount]", "1280。5")
    page.wait_for_function(
        "document.querySelector('[name=\"root[items][0][amount]\"]').value === '1280.5'",
        timeout=5000,
    )
    _settled(page, "amount: 1280.5")
    _only_local(page, site)


def test_a_region_is_offered_by_name_and_a_typed_name_becomes_its_id(page: Any, site: str) -> None:
    """Who is posted in 广州 types 广州, not guangzhou: the form offers the organisation's regions
    (ids with their names, both audiences: org data) and takes a region's name as its id; what
    is neither says so with a region, not a staff id, as the example."""
    _open(page, f"{site}/form/#weekly")
    page.get_by_role("button", name="添加 区域").tap()  # the list opens with its first item
    region = page.locator('[name="root[regions][0]"]')
    region.wait_for(timeout=5000)
    # the form offers its list once it has taken the new item (its next check), not at once
    page.wait_for_function(
        "document.querySelector('[name=\"root[regions][0]\"]').hasAttribute('list')",
        timeout=5000,
    )
    listed = page.eval_on_selector_all(
        f"datalist#{region.get_attribute('list')} option", "os => os.map(o => [o.value, o.label])"
    )
    assert listed == [["guangzhou", "广州"], ["foshan", "佛山"]]
    _fill(page, "root[regions][0]", "广州")
    page.wait_for_function(
        "document.querySelector('[name=\"root[regions][0]\"]').value === 'guangzhou'",
        timeout=5000,
    )
    _settled(page, '- "guangzhou"')
    _fill(page, "root[regions][0]", "广州市")
    assert _listed(page, "区域 · 第 1 条:应为区域 id(小写英文、数字与连字符),例如 guangzhou(广州)")
    _only_local(page, site)


@pytest.fixture(scope="module")
def late_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site on Tuesday 2026-11-24: 2026-W47 was due yesterday at 13:00."""
    with _served(tmp_path_factory, "public", now=LATE) as url:
        yield url


def test_the_late_note_moves_what_was_typed_to_the_period_it_offers(
    page: Any, late_site: str
) -> None:
    """The form proposes last week, late; who handed it in already has typed this week's report
    before seeing the note's 「改填 2026-W48」. The tap changes the week, not what was typed (it
    gave an empty form), and a reload brings back this week's report, not last week's."""
    _open(page, f"{late_site}/form/#weekly")
    _fill(page, "root[staff]", "li-ming")
    _fill(page, "root[summary]", "本周走访佛山授权站")
    _fill(page, "root[work][0][description]", "检查禅城授权站维修工单")
    _settled(page, "检查禅城授权站维修工单")
    page.get_by_role("button", name="改填 2026-W48").tap()
    _settled(page, 'week: "2026-W48"')
    assert _value(page, "root[staff]") == "li-ming"
    assert _value(page, "root[summary]") == "本周走访佛山授权站"
    assert _value(page, "root[work][0][description]") == "检查禅城授权站维修工单"
    # the date the form had put in (last week's Monday) is this week's Monday now
    assert _value(page, "root[work][0][date]") == "2026-11-23"
    assert page.is_hidden("#rf-late")
    assert "late_reason" not in page.text_content("#rf-yaml")
    page.reload()
    _open(page, page.url)
    _settled(page, "week:")
    assert _value(page, "root[week]") == "2026-W48"
    assert _value(page, "root[summary]") == "本周走访佛山授权站"
    _only_local(page, late_site)


def _errors_of(page: Any, label: str) -> list[str]:
    """The messages the list of problems gives for the field labelled `label`."""
    return [
        e[len(label) + 1 :]
        for e in page.eval_on_selector_all(
            "#rf-errors li", "ls => ls.map(l => l.firstChild.textContent)"
        )
        if e.startswith(label + ":")
    ]


@pytest.mark.parametrize(
    ("kind", "array", "label"),
    [
        ("weekly", "work", "工作记录 · 第 2 条 · 日期"),
        ("expenses", "items", "费用明细 · 第 2 条 · 日期"),
    ],
    ids=["work-item", "expense-item"],
)
def test_a_new_item_without_a_date_gets_one_message(
    page: Any, site: str, kind: str, array: str, label: str
) -> None:
    """A work or expense item just added has no date yet: 「不能为空」 says it, not also
    「日期格式应为 "YYYY-MM-DD"」 (an empty field has no format to get wrong, and a date picker
    gives none to type). The date is not guessed: a plausible wrong date would pass check
    unseen, where an empty one is caught."""
    _open(page, f"{site}/form/#{kind}")
    page.locator(f'[data-schemapath="root.{array}"] button.json-editor-btntype-add').first.tap()
    page.locator(f'[name="root[{array}][1][date]"]').wait_for(timeout=5000)
    assert _listed(page, label + ":不能为空")
    assert _errors_of(page, label) == ["不能为空"]
    date = page.locator(f'[name="root[{array}][1][date]"]')
    assert date.input_value() == ""
    assert date.get_attribute("type") == "date"  # a phone opens its date picker
    _only_local(page, site)


def test_a_spare_unit_dated_after_the_month_is_refused_as_check_refuses_it(
    page: Any, site: str, tmp_path: Path
) -> None:
    """A 备用机 lent or returned after the month of the 月报 (the October report written in
    November, with a loan made last week) is refused by check (date-after-period): the form
    said 检查通过 and let the file go. A loan from an earlier month, still out, is listed again
    and accepted."""
    _open(page, f"{site}/form/#monthly")
    for name, value in (
        ("root[staff]", "li-ming"),
        ("root[summary]", "十月小结"),
        ("root[faulty_stock][0][region]", "guangzhou"),
        ("root[faulty_stock][0][units]", "3"),
        ("root[late_reason]", "出差"),
    ):
        _fill(page, name, value)
    page.get_by_role("button", name="添加 备用机").tap()
    page.locator('[name="root[spare_units][0][serial]"]').wait_for(timeout=5000)
    for name, value in (
        ("root[spare_units][0][serial]", "SN-0001"),
        ("root[spare_units][0][holder]", "天河营业厅"),
        ("root[spare_units][0][loaned]", "2026-11-05"),
        ("root[spare_units][0][due]", "2026-12-05"),
    ):
        _fill(page, name, value)
    assert _listed(
        page, "备用机 · 第 1 条 · 借出日期:日期 2026-11-05 晚于报告期间的最后一天 2026-10-31。"
    )
    assert page.get_attribute("#rf-create", "aria-disabled") == "true"
    _fill(page, "root[spare_units][0][loaned]", "2026-08-20")
    page.wait_for_function("document.querySelector('#rf-status').textContent.includes('检查通过')")
    repo = _org_repo(tmp_path / "repo")
    repo.write("submissions/li-ming/monthly/2026-10.yaml", page.text_content("#rf-yaml"))
    repo.commit("monthly", "2026-11-23T09:30:00+08:00")
    result = CliRunner().invoke(cli, ["check", "--repo", str(repo.root), "--now", NOW])
    assert result.exit_code == 0, result.output
    _only_local(page, site)


def test_an_incident_update_dated_before_the_incident_is_refused_as_check_refuses_it(
    page: Any, site: str, tmp_path: Path
) -> None:
    """A 进展 dated before the incident (a slip of the date picker, a day too early) is refused
    by check (date-before-occurred); the form said 检查通过 and offered the file."""
    _open(page, f"{site}/form/#incidents")
    for name, value in (
        ("root[staff]", "li-ming"),
        ("root[occurred_at]", "2026-11-20 14:30"),
        ("root[title]", "天河授权站被媒体报道"),
        ("root[parties][0]", "南方日报"),
        ("root[summary]", "记者到店采访,已说明维修流程。"),
        ("root[late_reason]", "现场没有信号"),
    ):
        _fill(page, name, value)
    page.select_option('[name="root[channel]"]', "media")
    page.select_option('[name="root[status]"]', "open")
    page.fill("#rf-slug", "tianhe-media")
    page.dispatch_event("#rf-slug", "input")
    page.get_by_role("button", name="添加 进展").tap()
    page.locator('[name="root[updates][0][date]"]').wait_for(timeout=5000)
    _fill(page, "root[updates][0][date]", "2026-11-19")
    _fill(page, "root[updates][0][text]", "回访用户")
    assert _listed(page, "进展 · 第 1 条 · 日期:日期 2026-11-19 早于事件发生日期 2026-11-20。")
    assert page.get_attribute("#rf-create", "aria-disabled") == "true"
    _fill(page, "root[updates][0][date]", "2026-11-20")  # the same day is not before it
    page.wait_for_function("document.querySelector('#rf-status').textContent.includes('检查通过')")
    repo = _org_repo(tmp_path / "repo")
    path = "submissions/li-ming/incidents/2026-11-20-tianhe-media.yaml"
    assert page.text_content("#rf-path") == path
    repo.write(path, page.text_content("#rf-yaml"))
    repo.commit("incident", "2026-11-23T09:30:00+08:00")
    result = CliRunner().invoke(cli, ["check", "--repo", str(repo.root), "--now", NOW])
    assert result.exit_code == 0, result.output
    _only_local(page, site)


@pytest.mark.parametrize(
    ("kind", "button", "field"),
    [("monthly", "添加 问题", "root[issues][0]"), ("incidents", "添加 区域", "root[regions][0]")],
    ids=["monthly-issues", "incident-regions"],
)
def test_adding_an_optional_list_gives_a_field_to_type_in(
    page: Any, site: str, kind: str, button: str, field: str
) -> None:
    """「添加 问题」 opened an empty list: nothing to type in, only a second button 「添加条目」
    (what 条目?) to tap first. The list now opens with its first item, and its buttons name
    what they add."""
    _open(page, f"{site}/form/#{kind}")
    page.get_by_role("button", name=button).tap()
    page.locator(f'[name="{field}"]').wait_for(timeout=5000)
    words = button.split()[1]
    assert page.get_by_role("button", name="添加" + words).is_visible()
    assert page.get_by_role("button", name="添加条目").count() == 0
    _only_local(page, site)


def _file_taken(page: Any, how: str) -> str:
    """Tap the button `how` names and return the file it takes: the download, the clipboard, or
    the content of the host's new-file page the tap opens (read as the tap lands, the page kept
    from leaving; a tap the form refuses fails)."""
    if how == "download":
        with page.expect_download() as download:
            page.tap("#rf-download")
        return Path(download.value.path()).read_text("utf-8")
    if how == "copy":
        page.context.grant_permissions(["clipboard-read", "clipboard-write"])
        page.evaluate("navigator.clipboard.writeText('')")
        page.tap("#rf-copy")
        page.wait_for_function("async () => (await navigator.clipboard.readText()) !== ''")
        return str(page.evaluate("navigator.clipboard.readText()"))
    page.evaluate(
        "window.addEventListener('click', event => { const a = event.target.closest('a');"
        " window.opened = a && !event.defaultPrevented ? a.href : ''; event.preventDefault(); })"
    )
    page.tap("#rf-create")
    href = page.evaluate("window.opened")
    assert href, "the tap was refused"
    return str(urllib.parse.parse_qs(urllib.parse.urlsplit(href).query)["value"][0])


@pytest.mark.parametrize("how", ["download", "copy", "create"])
def test_a_button_tapped_straight_after_typing_takes_what_was_typed(
    page: Any, site: str, how: str
) -> None:
    """A field engineer adds a sentence to 本周小结 and taps 下载文件 (复制 YAML, 在代码托管平台上
    创建文件) at once: the tap takes the focus, the field's change fires then, and json-editor
    checks it a frame later. The file the tap takes must hold the sentence, not the report as
    it was before it."""
    _open(page, f"{site}/form/#weekly")
    _weekly_passes(page)
    page.tap('[name="root[summary]"]')
    page.keyboard.press("End")
    page.keyboard.type("另回访用户两名。")
    text = _file_taken(page, how)
    assert 'summary: "本周走访广州授权站。另回访用户两名。"\n' in text, text
    _only_local(page, site)


def test_a_late_report_with_its_reason_opens_the_hosts_page(page: Any, site: str) -> None:
    """Past the deadline, with 逾期原因 written and 检查通过 said, a tap on 在代码托管平台上创建文件
    must open the host's page: each tap was refused as if the deadline had just passed, the
    list of problems (none) brought into view instead, so a late report could not be filed
    from the form at all."""
    page.clock.install()
    _open(page, f"{site}/form/#weekly")
    page.clock.fast_forward("03:30:00")  # 13:30, past 2026-W47's deadline
    _late_said(page)  # the form says so
    _weekly_passes(page, ("root[late_reason]", "上午在授权站,没有网络"))
    text = _file_taken(page, "create")
    assert 'late_reason: "上午在授权站,没有网络"\n' in text, text
    _only_local(page, site)
