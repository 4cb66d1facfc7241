"""The report form holds what it is given, in headless Chromium: text stays as typed (nothing
that looks like HTML is dropped, nothing in it runs), a value with braces is named in check's
words as check names it, and a part that fails to load leaves no control that does nothing.
Each test failed first, on a defect a review found by driving the form.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.site.test_form_agrees import site  # noqa: F401  (the fixture)
from tests.site.test_form_browser import NOW, _fill, _open_form, _org_repo, _taken
from validator.cli import cli

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _settled(page: Any) -> None:
    """Let the form take every change so far (json-editor's change comes a frame later, and the
    form may change a value again)."""
    _taken(page)
    page.wait_for_timeout(200)
    _taken(page)


def _warnings(page: Any) -> list[str]:
    """The form's warnings, without their field's label: check's words."""
    _settled(page)
    listed = page.eval_on_selector_all("#rf-warnings li", "ls => ls.map(l => l.textContent)")
    return [m.split(":", 1)[1] for m in listed]


def _check_warnings(tmp_path: Path, page: Any, when: str) -> dict[str, list[str]]:
    """check's warnings, by rule, for the form's file committed at `when` and checked then."""
    _settled(page)
    path = page.text_content("#rf-path")
    repo = _org_repo(tmp_path / "repo")
    repo.write(path, page.text_content("#rf-yaml"))
    repo.commit("report", when)
    result = CliRunner().invoke(
        cli, ["check", "--repo", str(repo.root), "--now", when, "--format", "json", path]
    )
    said: dict[str, list[str]] = {}
    for d in json.loads(result.stdout)["diagnostics"]:
        if d["path"] == path and d["severity"] == "warning":
            said.setdefault(d["rule"], []).append(d["message"])
    return said


def _monthly(page: Any, base: str, month: str) -> None:
    """The monthly form of 李明 for `month`, filled in as the schema asks."""
    _open_form(page, base, "monthly")
    _fill(page, "root[staff]", "li-ming")
    _fill(page, "root[summary]", "小结")
    _fill(page, "root[faulty_stock][0][region]", "guangzhou")
    _fill(page, "root[faulty_stock][0][units]", "3")
    _fill(page, "root[month]", month)


def _unit(page: Any, serial: str, loaned: str, due: str) -> None:
    """A spare unit, the first of the list."""
    page.get_by_role("button", name="添加 备用机").click()
    _fill(page, "root[spare_units][0][serial]", serial)
    _fill(page, "root[spare_units][0][holder]", "禅城授权站")
    _fill(page, "root[spare_units][0][loaned]", loaned)
    _fill(page, "root[spare_units][0][due]", due)


# --- spare-overdue in check's words ------------------------------------------------------------


def test_spare_overdue_of_a_serial_with_braces_is_said_in_checks_words(
    page: Any,
    site: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    """A serial is free text (ShortText). The form fills check's template placeholder by
    placeholder (form-text.js `filled`: split/join, `serial` first), so `{on}` and `{due}`
    written in the serial are filled in again: the serial it names is not the one in the file,
    and not the one check names."""
    page.clock.set_fixed_time(dt.datetime.fromisoformat(NOW))
    _monthly(page, site, "2026-10")
    _fill(page, "root[late_reason]", "迟了")
    _unit(page, "SN-{on}-{due}", "2026-09-01", "2026-10-02")  # overdue by 2026-10-31
    said = _warnings(page)
    check = _check_warnings(tmp_path, page, "2026-11-23T10:00:00+08:00")
    assert check["spare-overdue"] == [
        "备用机 SN-{on}-{due} 应于 2026-10-02 归还,截至 2026-10-31 仍未归还;"
        "请及时收回(办法 三(七)1)。"
    ]
    assert said == check["spare-overdue"]


# --- what was typed is what the file holds -------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "typed"),
    [
        ("root[spare_units][0][serial]", "<SN123>"),
        ("root[spare_units][0][serial]", "<b>K100</b>"),
        ("root[summary]", "更换<SN123>主板"),
        ("root[summary]", "第一行<br>第二行"),
    ],
)
def test_text_that_looks_like_html_is_kept_as_typed(
    page: Any,
    site: str,  # noqa: F811
    field: str,
    typed: str,
) -> None:
    """json-editor's string editor purifies every value it is given (setValue -> purify ->
    cleanText, as there is no DOMPurify): anything that parses as an HTML tag is dropped from
    the field and from the YAML, silently. check accepts these texts as they are, so the file
    the form writes says less than was typed (K<100 and A&B are kept: no tag)."""
    _monthly(page, site, "2026-11")
    _unit(page, "FS-001", "2026-11-01", "2026-12-01")
    _fill(page, field, typed)
    _settled(page)
    assert page.input_value(f'[name="{field}"]') == typed
    key = "serial" if "serial" in field else "summary"
    assert f"{key}: {json.dumps(typed, ensure_ascii=False)}" in page.text_content("#rf-yaml")


def test_text_given_to_a_field_never_runs_as_script(
    page: Any,
    site: str,  # noqa: F811
) -> None:
    """The purifying above parsed each value as HTML in a detached element, where an image still
    loads: its onerror ran. Values reach fields from typing, a restored draft, and (internal
    builds) the units carried from other people's reports, so a holder written in a report
    could run script in a reviewer's form."""
    _monthly(page, site, "2026-11")
    _unit(page, "FS-001", "2026-11-01", "2026-12-01")
    typed = '<img src=x onerror="window.pwned=1">'
    _fill(page, "root[spare_units][0][holder]", typed)
    _settled(page)
    page.wait_for_timeout(300)  # an image that fails calls its onerror a moment later
    assert page.evaluate("window.pwned") is None
    assert page.input_value('[name="root[spare_units][0][holder]"]') == typed


# --- loading ------------------------------------------------------------------------------------


@pytest.mark.parametrize("part", ["form-text.js", "form-rules.js", "form-host.js"])
def test_a_part_that_fails_to_load_leaves_no_dead_controls(
    page: Any,
    site: str,  # noqa: F811
    part: str,
) -> None:
    """One part answered 404: the status says 表单加载失败:cannot load …/<part> (clear), but the
    kind picker, 复制 YAML, 下载文件 and 在代码托管平台上创建文件 (no href, not marked
    disabled) stay on the page and do nothing when used: a half-working form."""
    page.route(f"**/form/{part}", lambda route: route.fulfill(status=404, body="not found"))
    page.goto(f"{site}/form/#weekly")
    page.wait_for_selector("#report-form[data-rf-error]", state="attached", timeout=20000)
    status = page.text_content("#rf-status") or ""
    assert status.startswith("表单加载失败") and part in status, status
    offered = [
        selector
        for selector in ("#rf-kind", "#rf-copy", "#rf-download", "#rf-create")
        if page.locator(selector).is_visible()
        and page.get_attribute(selector, "aria-disabled") != "true"
        and not page.locator(selector).is_disabled()
    ]
    assert offered == []
