"""The report form's 复制 YAML and 下载文件 on a phone, in headless Chromium: each says what it
did beside its buttons, the list of problems keeps its heading, and a copy the browser refuses
is said to have failed, with what to do instead.

An intranet site is served over plain http, where the browser has no Clipboard API
(`window.isSecureContext` is false) and the form falls back to `document.execCommand("copy")`;
the local test server is a secure context, so these tests take the API away as that site has
it, and make the browser refuse the copy as some do.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.site.test_form_browser import _fill, _listed, _only_local, _open, _served
from tests.support import site as site_support

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True}  # fmt: skip
# a site served over plain http: no Clipboard API, not a secure context
PLAIN_HTTP = """
Object.defineProperty(Navigator.prototype, "clipboard", { get: () => undefined });
Object.defineProperty(window, "isSecureContext", { get: () => false });
"""
# and a browser that refuses document.execCommand("copy"), as it may without a user's gesture
REFUSES_COPY = PLAIN_HTTP + "Document.prototype.execCommand = function () { return false; };"
PROBLEMS = "还有 1 处需要填写或修改:"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with _served(tmp_path_factory, "public") as url:
        yield url


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    with site_support.recorded_page(browser, **PHONE) as page:
        yield page


def _one_problem_left(page: Any, site: str) -> None:
    """Open the weekly form and fill everything but 本周小结: one problem is listed."""
    _open(page, f"{site}/form/#weekly")
    _fill(page, "root[staff]", "li-ming")
    _fill(page, "root[work][0][description]", "检查天河授权站维修工单")
    _fill(page, "root[plan][0]", "跟进备件申请")
    assert _listed(page, "本周小结:不能为空")
    page.wait_for_function(
        "p => document.querySelector('#rf-status').textContent === p", arg=PROBLEMS
    )


def _said_beside_the_buttons(page: Any, text: str) -> bool:
    return site_support.comes_to(
        page, "t => document.querySelector('#rf-done').textContent.includes(t)", text
    )


def _still_refused(page: Any) -> None:
    """The check has run since the tap (twice: json-editor's change a frame later) and the list
    of problems still says how many there are."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    page.evaluate("window.reportForm.update()")
    assert page.text_content("#rf-status") == PROBLEMS
    assert _listed(page, "本周小结:不能为空")
    assert page.get_attribute("#rf-create", "aria-disabled") == "true"


def test_a_copied_report_with_problems_still_says_how_many(page: Any, site: str) -> None:
    """「已复制 YAML。」 was written over 「还有 1 处需要填写或修改:」: a report check refuses
    looked done. The copy says so beside its button; the count stays above the problems."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    _one_problem_left(page, site)
    page.tap("#rf-copy")
    assert _said_beside_the_buttons(page, "已复制 YAML")
    assert page.evaluate("navigator.clipboard.readText()") == page.text_content("#rf-yaml")
    _still_refused(page)
    assert "已复制 YAML" in page.text_content("#rf-done")
    _only_local(page, site)


def test_a_download_says_so_beside_its_button(page: Any, site: str) -> None:
    _one_problem_left(page, site)
    with page.expect_download() as download:
        page.tap("#rf-download")
    assert Path(download.value.path()).read_text("utf-8") == page.text_content("#rf-yaml")
    name = download.value.suggested_filename
    assert _said_beside_the_buttons(page, name)
    _still_refused(page)
    _only_local(page, site)


def test_a_copy_on_a_plain_http_site_says_it_was_copied(page: Any, site: str) -> None:
    """Without the Clipboard API the form copies through a selected text area, and says so
    where the next check does not take it away."""
    page.add_init_script(PLAIN_HTTP + "window.copied = [];"
                         "document.addEventListener('copy', () => window.copied.push("
                         "String(document.getSelection())));")  # fmt: skip
    _one_problem_left(page, site)
    page.tap("#rf-copy")
    assert _said_beside_the_buttons(page, "已复制 YAML")
    assert page.evaluate("window.copied") == [page.text_content("#rf-yaml")]
    _still_refused(page)
    assert "已复制 YAML" in page.text_content("#rf-done")
    _only_local(page, site)


def test_a_copy_the_browser_refuses_is_not_said_to_be_done(page: Any, site: str) -> None:
    """On a plain-http site whose browser refuses document.execCommand("copy"), the form said
    「已复制 YAML。」 all the same: the engineer pasted nothing. It says the copy failed and how
    to take the file instead."""
    page.add_init_script(REFUSES_COPY)
    _one_problem_left(page, site)
    page.tap("#rf-copy")
    assert _said_beside_the_buttons(page, "未能复制")
    said = page.text_content("#rf-done")
    assert "已复制" not in said
    assert "手动复制" in said and "下载文件" in said, said
    _still_refused(page)
    _only_local(page, site)


def test_the_note_goes_once_the_yaml_is_no_longer_what_was_copied(page: Any, site: str) -> None:
    """What was copied is the report as it was: once it changes, 「已复制」 no longer holds."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    _one_problem_left(page, site)
    page.tap("#rf-copy")
    assert _said_beside_the_buttons(page, "已复制 YAML")
    _fill(page, "root[summary]", "本周走访广州授权站。")
    assert site_support.comes_to(
        page, "() => document.querySelector('#rf-done').textContent === ''"
    )
    _only_local(page, site)
