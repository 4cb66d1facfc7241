"""The report form agrees with `validator check`, in headless Chromium: it says 检查通过 exactly
when check accepts the file it writes, and it never writes a file that check refuses (a
tester's finds: the expenses form that could never pass, slug errors that stuck, a kind switch
that lost the race, periods and times check refuses, numbers and text the YAML changes).
"""

from __future__ import annotations

import datetime as dt
import difflib
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.site.test_form_browser import (
    NOW,
    _fill,
    _gone,
    _listed,
    _only_local,
    _open_form,
    _org_repo,
    _served,
)
from tests.support import site as site_support
from validator.cli import cli
from validator.kinds.periods import parse_day_slug

pytestmark = [pytest.mark.browser, pytest.mark.slow]
OK = "检查通过,可以提交。"
SENT = "2026-11-20T09:30:00+08:00"  # when the tests commit what the form wrote, unless told
LATER = "2026-11-23T09:30:00+08:00"  # for the incidents of 2026-11-20 to 11-23


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with _served(tmp_path_factory, "public") as url:
        yield url


def _check(tmp_path: Path, page: Any, when: str = SENT) -> tuple[int, str]:
    """`validator check` of the file the form shows (#rf-yaml at #rf-path), committed at `when`
    in the test organisation."""
    path = page.text_content("#rf-path")
    repo = _org_repo(tmp_path / "repo")
    repo.write(path, page.text_content("#rf-yaml"))
    repo.commit("report", when)
    result = CliRunner().invoke(cli, ["check", "--repo", str(repo.root), "--now", NOW, path])
    return result.exit_code, result.output


def _settled(page: Any) -> None:
    """Let json-editor fire the change it defers to the next animation frame (its `onChange`):
    until then the status is the form's verdict on the edit before, and a form that passed
    before an edit would seem to pass after it, whatever the edit."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def _passes(page: Any) -> bool:
    """Whether the form comes to say 检查通过 (waiting for its check to rerun after the change,
    instead of reading the status once after a fixed pause, which a busy machine outran)."""
    _settled(page)
    return site_support.comes_to(
        page, "ok => document.querySelector('#rf-status').textContent === ok", OK
    )


def _refused(page: Any) -> list[str]:
    """The problems listed once the form has stopped saying 检查通过 (waiting for its check to
    rerun, instead of reading the status once)."""
    _settled(page)
    page.wait_for_function(
        "ok => document.querySelector('#rf-status').textContent !== ok", arg=OK, timeout=5000
    )
    return _errors(page)


def _errors(page: Any) -> list[str]:
    return list(page.eval_on_selector_all("#rf-errors li", "ls => ls.map(l => l.textContent)"))


def _filled(page: Any, base: str, kind: str, fields: dict[str, str]) -> None:
    """Open the form for `kind` and fill, as li-ming, `fields` (name -> value) in order: a
    select is chosen, as it starts with none."""
    _open_form(page, base, kind)
    for name, value in {"root[staff]": "li-ming", **fields}.items():
        if page.locator(f'select[name="{name}"]').count():
            page.select_option(f'[name="{name}"]', value)
        else:
            _fill(page, name, value)


def _expenses(page: Any, base: str) -> None:
    _filled(page, base, "expenses", {
        "root[items][0][date]": "2026-10-12",
        "root[items][0][category]": "transport",
        "root[items][0][amount]": "12.5",
        "root[items][0][description]": "打车",
        "root[late_reason]": "出差在外",  # 2026-10 was due 2026-11-10
    })  # fmt: skip


def test_an_expenses_report_passes(page: Any, site: str, tmp_path: Path) -> None:
    _expenses(page, site)
    assert _passes(page), _errors(page)
    assert page.get_attribute("#rf-create", "aria-disabled") == "false"
    assert page.locator("#rootswitcher, #rf-editor select.je-switcher").count() == 0
    path = page.text_content("#rf-path")
    assert path == "submissions/li-ming/expenses/2026-10.yaml"
    code, output = _check(tmp_path, page)
    assert code == 0, output
    _only_local(page, site)


def test_a_month_with_no_claims_passes(page: Any, site: str, tmp_path: Path) -> None:
    _filled(page, site, "expenses", {"root[late_reason]": "出差在外"})
    page.get_by_role("button", name="添加 本月无报销").click()
    field = page.locator('[name="root[no_claims]"]')
    field.select_option("1")
    field.dispatch_event("change")
    assert _passes(page), _errors(page)
    text = page.text_content("#rf-yaml")
    assert "no_claims: true" in text and "items" not in text
    assert not page.locator('[name="root[items][0][amount]"]').is_visible()
    code, output = _check(tmp_path, page)
    assert code == 0, text + output
    _only_local(page, site)


def test_no_items_and_no_no_claims_says_what_check_says(page: Any, site: str) -> None:
    _expenses(page, site)
    page.get_by_role("button", name="删除费用条目").first.click()
    message = "须列出 items(本月的费用),或写 no_claims: true(本月没有要报销的费用),两者只能选一。"
    assert _listed(page, "费用明细:" + message)
    assert "items" not in page.text_content("#rf-yaml")
    assert page.get_attribute("#rf-create", "aria-disabled") == "true"
    _only_local(page, site)


def _incident(page: Any, base: str) -> None:
    _filled(page, base, "incidents", {
        "root[title]": "媒体来访", "root[channel]": "media", "root[parties][0]": "天河授权站",
        "root[summary]": "记者到店采访", "root[status]": "open",
    })  # fmt: skip


def _slug(page: Any, text: str) -> None:
    page.fill("#rf-slug", text)
    page.dispatch_event("#rf-slug", "input")


def test_a_corrected_slug_leaves_no_error(page: Any, site: str) -> None:
    _incident(page, site)
    _slug(page, "Tianhe")
    assert _listed(page, "事件标识:事件标识只能用小写英文、数字与连字符")
    _slug(page, "tianhe")
    assert _passes(page), _errors(page)
    _fill(page, "root[title]", "媒体来访二")
    assert _passes(page), _errors(page)
    assert page.get_attribute("#rf-create", "aria-disabled") == "false"
    _only_local(page, site)


def test_a_slug_too_long_is_said_to_be_too_long(page: Any, site: str) -> None:
    """A 事件标识 of allowed characters, one longer than check reads in a file name
    (kinds/periods.py parse_day_slug), was told 「只能用小写英文、数字与连字符」: the message
    names the limit, and the field takes no more than that on a keyboard."""
    longest = "a" * 47 + "b"
    assert parse_day_slug("incidents", "2026-11-20-" + longest) is not None
    assert parse_day_slug("incidents", "2026-11-20-" + longest + "c") is None
    _incident(page, site)
    assert page.get_attribute("#rf-slug", "maxlength") == str(len(longest))
    # as a draft brings it back, past what the keyboard lets in
    page.evaluate("t => { document.querySelector('#rf-slug').value = t; }", longest + "c")
    page.dispatch_event("#rf-slug", "input")
    assert _listed(page, f"事件标识:事件标识最多 {len(longest)} 个字符(现有 {len(longest) + 1} 个)")
    assert "事件标识:事件标识只能用小写英文、数字与连字符" not in _errors(page)
    page.fill("#rf-slug", "")
    page.type("#rf-slug", longest + "cdef")  # a keyboard stops at the limit
    assert page.input_value("#rf-slug") == longest
    assert _passes(page), _errors(page)
    _only_local(page, site)


@pytest.mark.parametrize(
    ("kind", "name", "label", "yaml"),
    [
        ("incidents", "root[channel]", "渠道", 'channel: ""'),
        ("expenses", "root[items][0][category]", "费用明细 · 第 1 条 · 类别", 'category: ""'),
        ("handover", "root[reason]", "原因", 'reason: ""'),
    ],
)
def test_a_choice_starts_unchosen_and_is_asked_for(
    page: Any, site: str, tmp_path: Path, kind: str, name: str, label: str, yaml: str
) -> None:
    """渠道 started as regulator (状态, 类别, 原因 likewise on their first choice): a hurried
    engineer filed a choice never made, and check took it. As `validator new` writes
    `channel: ""`, the form starts with none chosen, lists it until one is, and writes none."""
    _filled(page, site, kind, {})
    select = page.locator(f'[name="{name}"]')
    assert select.input_value() == ""
    assert select.locator("option:checked").text_content() == "请选择…"
    assert _listed(page, f"{label}:请选择一项")
    assert yaml in page.text_content("#rf-yaml")
    assert page.get_attribute("#rf-create", "aria-disabled") == "true"
    code, output = _check(tmp_path, page)  # and check refuses what the form refuses
    field = name.split("[")[-1].rstrip("]")
    assert code != 0 and f"{field}” 只能是:" in output, output
    choice = select.locator("option").nth(1).get_attribute("value")
    select.select_option(choice)
    assert _gone(page, f"{label}:请选择一项")
    assert yaml.replace('""', f'"{choice}"') in page.text_content("#rf-yaml")
    _only_local(page, site)


def test_a_new_incident_is_open_as_validator_new_writes_it(page: Any, site: str) -> None:
    """状态 is not a choice the engineer has yet to make: an incident being reported is open,
    and `validator new incident` writes `status: open`; the form starts the same."""
    _filled(page, site, "incidents", {})
    assert page.locator('[name="root[status]"]').input_value() == "open"
    assert 'status: "open"' in page.text_content("#rf-yaml")
    assert "状态:请选择一项" not in _errors(page)
    _only_local(page, site)


def test_an_optional_choice_added_starts_unchosen_and_is_not_written(page: Any, site: str) -> None:
    """A work item's 类别 is optional: added, it starts with none chosen, and none is written."""
    _open_form(page, site, "weekly")
    page.get_by_role("button", name="添加 类别").first.click()
    select = page.locator('[name="root[work][0][category]"]')
    assert select.input_value() == ""
    _fill(page, "root[summary]", "本周走访")
    assert "category" not in page.text_content("#rf-yaml")
    assert "工作 · 第 1 条 · 类别:请选择一项" not in _errors(page)
    select.select_option("training")
    page.wait_for_function("document.querySelector('#rf-yaml').textContent.includes('training')")
    _only_local(page, site)


def test_the_last_kind_picked_wins(page: Any, site: str) -> None:
    page.add_init_script(
        """const original = window.fetch;
        window.fetch = function (u, ...rest) {  // the expenses schema comes slowly
          const delay = String(u).includes('expenses') ? 1500 : 50;
          return new Promise(r => setTimeout(r, delay)).then(() => original.call(this, u, ...rest));
        };"""
    )
    _open_form(page, site, "weekly")
    _fill(page, "root[staff]", "li-ming")  # still focused when its editor goes
    page.select_option("#rf-kind", "expenses")
    page.wait_for_timeout(100)
    page.select_option("#rf-kind", "monthly")
    page.wait_for_timeout(2500)
    assert page.evaluate("window.reportForm.kind") == "monthly"
    assert page.locator('[name="root[month]"]').count() == 1
    assert page.locator('[name="root[items][0][amount]"]').count() == 0
    assert page.locator('[name="root[faulty_stock][0][region]"]').count() == 1
    assert page.text_content("#rf-path") == "submissions/li-ming/monthly/2026-10.yaml"
    _only_local(page, site)


def _weekly(page: Any, base: str) -> None:
    _filled(page, base, "weekly", {
        "root[summary]": "本周小结", "root[work][0][description]": "走访", "root[plan][0]": "计划"
    })  # fmt: skip


@pytest.mark.parametrize(
    ("week", "message"),
    [
        ("2026-W50", "期间 2026-W50 从 2026-12-07 00:00 开始,还没有到,不能提前提交。"),
        ("2027-W53", "“2027-W53” 不是合法的周报期间(应为 2026-W47)"),
        ("0001-W01", "“0001-W01” 的年份应在 1970 至 9998 之间"),
        ("9999-W01", "“9999-W01” 的年份应在 1970 至 9998 之间"),
    ],
)
def test_a_week_check_refuses_is_refused(page: Any, site: str, week: str, message: str) -> None:
    _weekly(page, site)
    assert _passes(page), _errors(page)
    _fill(page, "root[week]", week)
    assert _listed(page, "周次:" + message)
    assert page.get_attribute("#rf-create", "aria-disabled") == "true"
    _only_local(page, site)


def test_a_month_not_begun_is_refused(page: Any, site: str) -> None:
    _expenses(page, site)
    _fill(page, "root[month]", "2026-12")
    assert _listed(page, "月份:期间 2026-12 从 2026-12-01 00:00 开始,还没有到,不能提前提交。")
    _only_local(page, site)


@pytest.mark.parametrize(
    "moment",
    [
        "2026-02-30 10:00",
        "2026-11-23 25:99",
        "2026-11-23 24:00",
        "2026-11-23 10:00:60",
        "2026-11-23 10:00+99:99",
        "1969-12-31 23:00",
    ],
)
def test_a_time_that_does_not_exist_is_refused(page: Any, site: str, moment: str) -> None:
    _incident(page, site)
    _slug(page, "tianhe")
    assert _passes(page), _errors(page)
    _fill(page, "root[occurred_at]", moment)
    assert [e for e in _refused(page) if e.startswith("发生时间:")], _errors(page)
    assert page.get_attribute("#rf-create", "aria-disabled") == "true"
    _only_local(page, site)


@pytest.mark.parametrize(
    ("moment", "day"),
    [
        ("2026-11-23T01:00+09:00", "2026-11-23"),  # 00:00 in Shanghai
        ("2026-11-22T20:00Z", "2026-11-23"),  # 04:00 in Shanghai
        ("2026-11-22T23:30+08:00", "2026-11-22"),
    ],
)
def test_an_incident_is_filed_under_its_day_in_the_organisations_zone(
    page: Any, site: str, tmp_path: Path, moment: str, day: str
) -> None:
    _incident(page, site)
    _slug(page, "tianhe")
    _fill(page, "root[occurred_at]", moment)
    assert _passes(page), _errors(page)
    path = page.text_content("#rf-path")
    assert path == f"submissions/li-ming/incidents/{day}-tianhe.yaml"
    code, output = _check(tmp_path, page, LATER)
    assert code == 0, output
    _only_local(page, site)


def test_an_incident_not_yet_happened_is_refused(page: Any, site: str) -> None:
    _incident(page, site)
    _slug(page, "tianhe")
    _fill(page, "root[occurred_at]", "2026-11-23T23:30-08:00")  # 2026-11-24 15:30 in Shanghai
    assert _listed(
        page, "发生时间:期间 2026-11-24-tianhe 从 2026-11-24 15:30 开始,还没有到,不能提前提交。"
    )
    _only_local(page, site)


def test_an_update_dated_before_the_incident_is_refused_in_checks_words(
    page: Any, site: str, tmp_path: Path
) -> None:
    """An incident's updates may not be dated before the day it happened in the policy's zone
    (date-out-of-period, said as date-before-occurred): 2026-11-19 23:30 in Tokyo is 22:30 the
    same day in Shanghai, so an update of the 19th passes and one of the 18th is refused, by
    the form as by check."""
    _incident(page, site)
    _slug(page, "tianhe")
    _fill(page, "root[occurred_at]", "2026-11-19T23:30+09:00")
    _fill(page, "root[late_reason]", "在外地")  # the form's now is the site's (2026-11-23)
    page.get_by_role("button", name="添加 进展").click()
    _fill(page, "root[updates][0][text]", "回访用户")
    _fill(page, "root[updates][0][date]", "2026-11-19")
    assert _passes(page), _errors(page)
    assert _check(tmp_path / "19", page)[0] == 0
    _fill(page, "root[updates][0][date]", "2026-11-18")
    message = "日期 2026-11-18 早于事件发生日期 2026-11-19。"
    assert _listed(page, "进展 · 第 1 条 · 日期:" + message), _errors(page)
    code, output = _check(tmp_path / "18", page)
    assert code != 0 and "[date-out-of-period]" in output and message in output, output


def test_an_old_incident_asks_for_a_late_reason(page: Any, site: str, tmp_path: Path) -> None:
    """In check's words (`late`), received as the form checks it: NOW, the page's clock
    standing still."""
    page.clock.set_fixed_time(dt.datetime.fromisoformat(NOW))
    _incident(page, site)
    _slug(page, "tianhe")
    _fill(page, "root[occurred_at]", "2026-11-20 10:00")  # due within 24 hours
    late = (
        "逾期:截止时间 2026-11-21 10:00:00 +0800(本组织规定),收到时间 2026-11-23 10:00:00 +0800;"
        "请填写 late_reason 说明原因。"
    )
    assert _listed(page, "逾期原因:" + late)
    code, output = _check(tmp_path / "without", page, NOW)
    said = [line.split("[late]", 1)[1].strip() for line in output.splitlines() if "[late]" in line]
    assert code == 1 and said == [late], output
    page.locator('[name="root[late_reason]"]').wait_for(state="visible")  # the form redraws it
    _fill(page, "root[late_reason]", "现场没有信号")
    assert _passes(page), _errors(page)
    code, output = _check(tmp_path, page, LATER)
    assert code == 0, output
    _only_local(page, site)


@pytest.mark.parametrize(("day", "message"), [("1969-12-29", "年份应在 1970 至 9998 之间")])
def test_a_date_check_refuses_is_refused(page: Any, site: str, day: str, message: str) -> None:
    _weekly(page, site)
    _fill(page, "root[week]", "1970-W01")
    _fill(page, "root[work][0][date]", day)
    assert _listed(page, "工作记录 · 第 1 条 · 日期:" + message)
    _only_local(page, site)


def _set(page: Any, name: str, value: str) -> None:
    """As a paste: the exact text, whatever fill() would make of it."""
    page.eval_on_selector(
        f'[name="{name}"]',
        "(e, v) => { e.value = v; e.dispatchEvent(new Event('input', {bubbles: true}));"
        " e.dispatchEvent(new Event('change', {bubbles: true})); }",
        value,
    )


def _monthly(page: Any, base: str) -> None:
    _filled(page, base, "monthly", {
        "root[summary]": "小结",
        "root[faulty_stock][0][region]": "guangzhou",
        "root[faulty_stock][0][units]": "3",
        "root[late_reason]": "迟了",
    })  # fmt: skip


def test_minus_zero_is_written_as_zero(page: Any, site: str, tmp_path: Path) -> None:
    _monthly(page, site)
    _fill(page, "root[faulty_stock][0][units]", "-0")
    assert _passes(page), _errors(page)
    text = page.text_content("#rf-yaml")
    assert "units: 0\n" in text, text
    code, output = _check(tmp_path, page)
    assert code == 0, output
    _fill(page, "root[faulty_stock][0][units]", "9007199254740993")
    assert [e for e in _refused(page) if "units" in e or "台数" in e], _errors(page)
    _only_local(page, site)


@pytest.mark.parametrize(
    ("text", "ok"),
    [("\ufeff", True), ("\x85", False), ("\u3000", False), ("😀" * 2000, True),
     ("😀" * 2001, False), ("a\ud800b", False)],
)  # fmt: skip
def test_text_is_judged_as_check_judges_it(
    page: Any, site: str, tmp_path: Path, text: str, ok: bool
) -> None:
    _weekly(page, site)
    _set(page, "root[summary]", text)
    assert _passes(page) if ok else _refused(page), _errors(page)
    if ok:
        code, output = _check(tmp_path, page, NOW)
        assert code == 0, output
    _only_local(page, site)


def test_amounts_are_judged_as_check_judges_them(page: Any, site: str, tmp_path: Path) -> None:
    _expenses(page, site)
    _fill(page, "root[items][0][amount]", "10000000")
    assert _listed(page, "费用明细 · 第 1 条 · 金额:应小于 10000000")
    _fill(page, "root[items][0][amount]", "１２.５")
    assert _passes(page), _errors(page)
    text = page.text_content("#rf-yaml")
    assert "amount: 12.5\n" in text, text
    code, output = _check(tmp_path, page)
    assert code == 0, output
    _only_local(page, site)


def test_a_file_too_large_for_check_is_refused(page: Any, site: str) -> None:
    _weekly(page, site)
    page.evaluate(
        """() => { const editor = window.reportForm.editor; const value = editor.getValue();
        value.work = Array.from(
          {length: 45}, () => ({date: '2026-11-16', description: '汉'.repeat(2000)}));
        editor.setValue(value); }"""
    )
    assert _listed(page, "周报:文件超过 256 KiB 的上限。")
    _only_local(page, site)


def test_a_region_not_in_the_organisation_is_refused(page: Any, site: str, tmp_path: Path) -> None:
    """A region org/regions.yaml does not define: check says unknown-region, so the form too,
    at the field that names it, in check's words (it passed the form before)."""
    _monthly(page, site)  # guangzhou: in org/regions.yaml
    assert _passes(page), _errors(page)
    _fill(page, "root[faulty_stock][0][region]", "nowhere")
    message = "区域 “nowhere” 不在 org/regions.yaml 中。"
    assert _listed(page, "局方故障机库存 · 第 1 条 · 区域:" + message), _errors(page)
    assert _refused(page)
    assert page.get_attribute("#rf-create", "aria-disabled") == "true"
    code, output = _check(tmp_path, page)
    assert code != 0 and "unknown-region" in output and message in output, output
    _fill(page, "root[faulty_stock][0][region]", "foshan")
    assert _passes(page), _errors(page)
    _only_local(page, site)


def test_a_replacement_in_a_region_not_in_the_organisation_is_refused(
    page: Any, site: str, tmp_path: Path
) -> None:
    """The same at a monthly report's replacements (换新量), the other field of it that names a
    region; a review had left it unverified."""
    _monthly(page, site)
    page.get_by_role("button", name="添加 换新量").click()
    _fill(page, "root[replacements][0][region]", "nowhere")
    _fill(page, "root[replacements][0][count]", "2")
    message = "区域 “nowhere” 不在 org/regions.yaml 中。"
    assert _listed(page, "换新量 · 第 1 条 · 区域:" + message), _errors(page)
    assert _refused(page)
    code, output = _check(tmp_path, page)
    assert code != 0 and "unknown-region" in output and message in output, output
    _fill(page, "root[replacements][0][region]", "guangzhou")
    assert _passes(page), _errors(page)


def _near(rng: random.Random, text: str, alphabet: str) -> str:
    """`text` with one to three characters deleted, inserted, replaced or swapped."""
    chars = list(text)
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(chars) + 1)
        edit = rng.choice("dirs")
        if edit == "d" and len(chars) > 1 and i < len(chars):
            del chars[i]
        elif edit == "i":
            chars.insert(i, rng.choice(alphabet))
        elif edit == "r" and i < len(chars):
            chars[i] = rng.choice(alphabet)
        elif i + 1 < len(chars):
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
    return "".join(chars)


def test_the_suggested_staff_id_is_the_one_difflib_gives(page: Any, site: str) -> None:
    """The form's 「改成 …」 for an unknown 工号 is check's `unknown-staff` suggestion, which
    difflib.get_close_matches(word, ids, n=1, cutoff=0.7) picks (rules/references.py): the
    page's port agrees with it on 3,000 rosters and near-miss words, ties and repeated
    characters among them."""
    rng = random.Random(20261207)
    alphabet = "aaeilmnou-0123"  # few letters: many ties and repeated characters
    cases = []
    for _ in range(3000):
        ids = sorted(
            {"".join(rng.choice(alphabet) for _ in range(rng.randint(2, 10))) for _ in range(8)}
        )
        word = _near(rng, rng.choice(ids), alphabet) if rng.random() < 0.8 else rng.choice(ids)
        cases.append([word, ids])
    _open_form(page, site)
    found = page.evaluate(
        "cases => cases.map(([w, ids]) => window.reportFormParts.closeMatch(w, ids))", cases
    )
    expected = [
        next(iter(difflib.get_close_matches(w, ids, n=1, cutoff=0.7)), None) for w, ids in cases
    ]
    wrong = [(c, f, e) for c, f, e in zip(cases, found, expected, strict=True) if f != e]
    assert wrong == [], wrong[:5]
    assert sum(e is not None for e in expected) > 1000  # most words have a suggestion
