"""Deadline texts from the policy, the site's placeholders, and the organisation's handbook in
`--format json` and on the problems page (issue 19 items 3-4, issue 14 item 7)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from tests.support.corpus import CASES as CORPUS
from tests.support.corpus import materialise
from tests.support.gitrepo import GitRepo
from validator.checking.check import check
from validator.cli import cli
from validator.features.deadlines_text import deadline_text, fill
from validator.models.handbook import Handbook
from validator.models.policy import Policy
from validator.site.pages import render_pages
from validator.site.placeholders import PlaceholderError, fill_page

CHANGED = Policy.model_validate(
    {"reports": {"weekly": {"due": {"weekday": "monday", "time": "12:00"}},
                 "incidents": {"due_within": "12h"}}}
)  # fmt: skip
OWN_HANDBOOK = """\
documents:
  - {page: regulations/staff-rules.md, title: 员工守则}
articles:
  regulations/staff-rules.md#part-1: 守则 一
rules:
  unknown-staff: [regulations/staff-rules.md#part-1]
citations:
  weekly: regulations/staff-rules.md#part-1
"""


def test_the_regulations_deadline_cites_its_article() -> None:
    weekly = deadline_text("weekly", Policy())
    assert weekly.plain == "每周一 13:00 前(办法 三(一)3)"
    assert weekly.article == "regulations/customer-service.md#part-3-1-3"


def test_a_changed_deadline_is_the_organisations_own() -> None:
    assert deadline_text("weekly", CHANGED).plain == "每周一 12:00 前(本组织规定)"
    assert deadline_text("incidents", CHANGED).plain == "发生后 12 小时内(本组织规定)"


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("monthly", "次月 5 日 18:00 前(本组织规定)"),
        ("incidents", "发生后 24 小时内(本组织规定)"),
        ("handover", "派驻结束后 7 天内(本组织规定)"),
        ("rounds", "每年 1 月 1 日、7 月 1 日(本组织规定)"),
    ],
)
def test_organisation_settings_cite_no_article(name: str, words: str) -> None:
    found = deadline_text(name, Policy())
    assert found.plain == words and found.article is None


def test_fill_writes_schema_words() -> None:
    assert fill("{{ deadline.weekly }}提交", CHANGED) == "每周一 12:00 前(本组织规定)提交"


def test_placeholders_link_relative_to_the_page() -> None:
    out = fill_page("周报{{ deadline.weekly }}提交{{ cite.incidents }}", "formats/x.md", Policy())
    assert out == (
        "周报每周一 13:00 前([办法 三(一)3](../regulations/customer-service.md#part-3-1-3))提交"
        "([办法 三(六)](../regulations/customer-service.md#part-3-6))"
    )


def test_placeholders_drop_links_to_absent_pages() -> None:
    out = fill_page(
        "{{ regulations }}|{{ cite.incidents }}|{{ article.weekly }}|{{ basis.weekly }}",
        "index.md", Policy(), exists=lambda page: False,
    )  # fmt: skip
    assert out == "本组织的规章||—|办法 三(一)3"


def test_workflow_expressions_are_left_alone_and_typos_fail() -> None:
    text = "token: ${{ secrets.TOKEN }} ${{ deadline.weekly }}"
    assert fill_page(text, "guide/adopt.md", Policy()) == text
    with pytest.raises(PlaceholderError):
        fill_page("{{ deadline.weekyl }}", "index.md", Policy())
    with pytest.raises(PlaceholderError):
        fill_page("{{ cite.rotaton }}", "index.md", Policy())


def test_an_own_handbook_cites_its_own_article() -> None:
    book = Handbook.model_validate(yaml.safe_load(OWN_HANDBOOK))
    out = fill_page("{{ deadline.weekly }}{{ cite.incidents }}", "index.md", Policy(), book)
    assert out == "每周一 13:00 前([守则 一](regulations/staff-rules.md#part-1))"


def _repo_with_problem(git_repo: GitRepo) -> Path:
    git_repo.write("org/staff.yaml", "staff: []\n")
    git_repo.write("org/handbook.yaml", OWN_HANDBOOK)
    git_repo.write(
        "submissions/nobody/weekly/2026-W47.yaml",
        "staff: nobody\nweek: 2026-W47\nsummary: 无\n"
        "work:\n  - {date: 2026-11-16, description: 无}\nplan: [无]\n",
    )
    git_repo.commit("reports", "2026-11-23T09:00:00+08:00")
    return git_repo.root


def test_json_handbook_field_follows_the_organisations_handbook(git_repo: GitRepo) -> None:
    root = _repo_with_problem(git_repo)
    result = CliRunner().invoke(
        cli, ["check", "--repo", str(root), "--format", "json", "--now", "2026-11-23T10:00+08:00"]
    )
    found = {d["rule"]: d["handbook"] for d in json.loads(result.output)["diagnostics"]}
    assert found["unknown-staff"] == "regulations/staff-rules.md#part-1"
    others = {rule: link for rule, link in found.items() if rule != "unknown-staff"}
    assert all(link == f"rules.md#{rule}" for rule, link in others.items()), others


def test_problems_page_cites_the_organisations_articles(git_repo: GitRepo) -> None:
    root = _repo_with_problem(git_repo)
    now = dt.datetime(2026, 11, 23, 10, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    page = render_pages(root, now, "public")["problems.md"]
    assert "[守则 一](../regulations/staff-rules.md#part-1)" in page
    assert "customer-service" not in page


def test_the_paper_voucher_setting_is_the_organisations_text() -> None:
    """Issue 14 item 5: the guides say what the organisation decided about paper vouchers. The
    product's default restates 办法 三(一)4 (必须在…次月10号前将上月相关报销凭证及时寄回), so
    while the policy keeps it the article is cited; other words are the organisation's own."""
    default = fill_page("{{ setting.paper_vouchers }}", "formats/expenses.md", Policy())
    assert default.startswith("纸质报销凭证仍须在次月10号前寄回") and default.endswith(
        "([办法 三(一)4](../regulations/customer-service.md#part-3-1-4))"
    )
    assert "本组织规定" not in default
    own = Handbook.model_validate(yaml.safe_load(OWN_HANDBOOK))  # cites no expenses article
    assert fill_page("{{ setting.paper_vouchers }}", "x.md", Policy(), own).endswith("(本组织规定)")
    policy = Policy.model_validate(
        {"reports": {"expenses": {"paper_vouchers": "不再寄送纸质凭证。"}}}
    )
    assert (
        fill_page("{{ setting.paper_vouchers }}", "x.md", policy)
        == "不再寄送纸质凭证。(本组织规定)"
    )
    with pytest.raises(PlaceholderError):
        fill_page("{{ setting.nothing }}", "x.md", Policy())


def _status_page(git_repo: GitRepo, policy: str | None, page: str, audience: str) -> str:
    """The status page `page` of an organisation with no staff and this `policy` (the
    defaults when None), built for `audience` on 2026-11-23."""
    git_repo.write("org/staff.yaml", "staff: []\n")
    if policy is not None:
        git_repo.write("org/policy.yaml", policy)
    git_repo.commit("org", "2026-11-23T09:00:00+08:00")
    now = dt.datetime(2026, 11, 23, 10, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    return str(render_pages(git_repo.root, now, audience)[page])


def _expenses_page(git_repo: GitRepo, policy: str | None) -> str:
    return _status_page(git_repo, policy, "expenses.md", "internal")


def test_the_expenses_page_cites_the_article_the_default_paper_voucher_text_restates(
    git_repo: GitRepo,
) -> None:
    """The product's default words on paper vouchers are 办法 三(一)4's duty, not a choice of
    the organisation's; words the organisation wrote instead are its own rule."""
    page = _expenses_page(git_repo, None)
    assert (
        "纸质凭证([办法 三(一)4](../regulations/customer-service.md#part-3-1-4)):"
        "纸质报销凭证仍须在次月10号前寄回"
    ) in page
    assert "本组织规定" not in page


def test_the_expenses_page_calls_other_paper_voucher_words_the_organisations(
    git_repo: GitRepo,
) -> None:
    page = _expenses_page(git_repo, "reports:\n  expenses: {paper_vouchers: 不再寄送纸质凭证。}\n")
    assert "纸质凭证(本组织规定,org/policy.yaml `reports.expenses.paper_vouchers`):" in page
    assert "三(一)4" not in page


def _rotation_pages(git_repo: GitRepo, policy: str | None) -> dict[str, str]:
    git_repo.write("org/staff.yaml", "staff: []\n")
    if policy is not None:
        git_repo.write("org/policy.yaml", policy)
    git_repo.commit("org", "2026-11-23T09:00:00+08:00")
    now = dt.datetime(2026, 11, 23, 10, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    pages = render_pages(git_repo.root, now, "internal")
    return {name: str(pages[name]) for name in ("rotation.md", "performance.md")}


def test_rotation_numbers_the_organisation_changed_are_its_own(git_repo: GitRepo) -> None:
    """JP 四(一) sets 未满半年, 满一年 and 低于60分; a policy that sets other numbers has made
    its own rule, which the pages say instead of presenting it as the article's."""
    pages = _rotation_pages(
        git_repo, "rotation: {protected_months: 3}\nperformance: {threshold: 70}\n"
    )
    rotation, performance = pages["rotation.md"], pages["performance.md"]
    assert "任职未满 3 个月(本组织规定)且无重大失误" in rotation
    assert "任期满 12 个月原则上轮换" in rotation  # the regulation's, unlabelled
    assert "低于 70 分(本组织规定)" in rotation and "低于 70 分(本组织规定)" in performance


def test_rotation_numbers_of_the_regulation_carry_no_setting_label(git_repo: GitRepo) -> None:
    pages = _rotation_pages(git_repo, None)
    assert "任职未满 6 个月且无重大失误" in pages["rotation.md"]
    assert "低于 60 分相应调整" in pages["rotation.md"]
    assert "低于 60 分者相应调整岗位" in pages["performance.md"]


def test_the_score_threshold_is_cited_to_the_article_that_sets_it(git_repo: GitRepo) -> None:
    """四(一)1 is the quarterly ranking; 每月外派绩效考核得分低于60分者,相应做岗位调整 is
    四(一)2, so the performance page does not give the threshold as 四(一)1's."""
    performance = _rotation_pages(git_repo, None)["performance.md"]
    ranking, threshold = performance.split("每个季度根据外派绩效考核平均分进行一次季度排名;", 1)
    assert "[办法 四(一)1](../regulations/customer-service.md#part-4-1-1)" in ranking
    assert threshold.startswith(
        "月度考核低于 60 分者相应调整岗位"
        "([办法 四(一)2](../regulations/customer-service.md#part-4-1-2))。"
    )


def test_a_late_message_says_a_moved_deadline_is_the_organisations(tmp_path: Path) -> None:
    """The `late` message names where its deadline comes from, as the site does: a weekly
    deadline moved to 12:00 is no longer 办法 三(一)3's."""
    case = CORPUS / "invalid/late-without-reason"
    now = materialise(case, tmp_path)
    (tmp_path / "org/policy.yaml").write_text(
        'reports:\n  weekly: {due: {weekday: monday, time: "12:00"}}\n', "utf-8"
    )
    (found,) = check(tmp_path, None, now).diagnostics
    assert found.rule == "late"
    assert "截止时间 2026-11-23 12:00:00 +0800(本组织规定)," in found.message()
    assert "(this organisation's setting in org/policy.yaml)" in found.message("en")


def _weekly_page(git_repo: GitRepo, policy: str | None) -> str:
    return _status_page(git_repo, policy, "weekly.md", "public")


def test_the_weekly_page_says_where_its_deadline_comes_from(git_repo: GitRepo) -> None:
    page = _weekly_page(git_repo, None)
    assert (
        "周报须在下一周的周一 13:00 前提交"
        "([办法 三(一)3](../regulations/customer-service.md#part-3-1-3);"
    ) in page


def test_the_weekly_page_calls_a_moved_deadline_the_organisations(git_repo: GitRepo) -> None:
    page = _weekly_page(git_repo, 'reports:\n  weekly: {due: {weekday: monday, time: "12:00"}}\n')
    assert "周报须在下一周的周一 12:00 前提交(本组织规定;" in page
    assert "三(一)3" not in page


def test_a_quoted_regulation_is_said_only_with_its_article() -> None:
    """A guide that quotes the regulation (「规章要求…」) says so only while the organisation's
    handbook cites the article: after remove-samples, or with its own numbering, a sample's
    words must not read as its own regulation's."""
    text = "{{ cite.handover|规章({})要求“严格按交接规定执行”。 }}下面的字段为本组织规定。"
    sample = fill_page(text, "formats/handover.md", Policy())
    assert sample == (
        "规章([办法 四 末段(工作交接)](../regulations/customer-service.md#part-4-handover))"
        "要求“严格按交接规定执行”。"
        "下面的字段为本组织规定。"
    )
    book = Handbook.model_validate(yaml.safe_load(OWN_HANDBOOK))
    assert fill_page(text, "formats/handover.md", Policy(), book) == "下面的字段为本组织规定。"
    absent = fill_page(text, "formats/handover.md", Policy(), exists=lambda page: False)
    assert absent == "下面的字段为本组织规定。"
