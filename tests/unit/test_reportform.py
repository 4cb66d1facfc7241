"""The report form's build-time settings, without a site build (the browser test builds one)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from tests.support import ROOT
from tests.support.roster import LI_MING, staff_yaml
from validator.site.build import Build, finish
from validator.site.reportform import (
    form_config,
    ids_json,
    load_repo_org,
    message_config,
    page_config,
    roster_json,
)

POLICY = """\
timezone: Asia/Urumqi
reports:
  weekly: {due: {weekday: tuesday, time: "09:30"}}
  monthly: {due: {day: 3, time: "12:00"}}
"""
STAFF = staff_yaml(LI_MING)


def _repo(tmp_path: Path) -> Path:
    (tmp_path / "org").mkdir()
    (tmp_path / "org/policy.yaml").write_text(POLICY, "utf-8")
    (tmp_path / "org/staff.yaml").write_text(STAFF, "utf-8")
    return tmp_path


def test_settings_follow_policy_and_extra(tmp_path: Path) -> None:
    org = load_repo_org(_repo(tmp_path))
    extra = {"git_host": "https://git.example.org/", "repository": "/ops/reports/"}
    assert form_config(org, extra, "public", "2026-11-23T10:00:00") == {
        "git_host": "https://git.example.org",
        "repository": "ops/reports",
        "branch": "main",
        "git_kind": "github",
        "new_file": {
            "url": "https://git.example.org/ops/reports/new/main",
            "name": "filename",
            "content": "value",
        },
        "upload_url": "https://git.example.org/ops/reports/upload/main/{dir}",
        "timezone": "Asia/Urumqi",
        "weekly_due": {"weekday": "tuesday", "time": "09:30"},
        "monthly_due": {"day": 3, "time": "12:00"},
        "expenses_due": {"day": 10, "time": "00:00"},
        "incidents_due": "24h",
        "handover_due": "7d",
        "years": [1970, 9998],
        "now": "2026-11-23T04:00:00Z",  # a naive --now is read in the policy's zone (UTC+6)
        "roster": False,
        "ids": True,  # a public build checks 工号 against form/ids.json
        "regions": [],  # no org/regions.yaml: check knows no region either
        "region_names": {},
        # check's stock-region-missing, citing the article: the page fills region and month
        "stock_missing": "faulty_stock 缺少区域 {region} 的局方故障机库存:{month} 派驻的每个区域"
        "都要上报(办法 三(五)3)。",
        # check's approval rules for an expense item, by the categories that need one; the
        # page fills the item's date, and on internal builds (which know the approvals) the
        # approval's id, the author and when it was granted
        "approval_missing": {
            "travel": "出差须事先审批(保安公司办法 七):请引用本人已批准、日期覆盖 {date} 的审批单"
            "(approval)。",
            "reception": "接待须事先审批(保安公司办法 七):请引用本人已批准、日期覆盖 {date} "
            "的审批单(approval)。",
        },
        "approval_unknown": "审批单 “{approval}” 不存在、不属于 {staff},或其日期不覆盖 {date}。",
        "approval_after": "审批单 “{approval}” 于 {approved_on} 才获公司批准,晚于费用日期 {date};"
        "出差与接待须事先审批(保安公司办法 七)。",
        "kinds": {  # from the table of report kinds
            "weekly": {"period": "week", "name": "周报", "example": "2026-W47"},
            "monthly": {"period": "month", "name": "月报", "example": "2026-10"},
            "expenses": {"period": "month", "name": "报销", "example": "2026-10"},
            "incidents": {
                "period": "occurred_at",
                "name": "突发事件",
                "example": "2026-11-20-tianhe-media",
            },
            "handover": {"period": "date", "name": "工作交接", "example": "2026-11-30"},
        },
        # check's modified-after-merge for the configured branch; a public build publishes no
        # one's reports, so the form knows of none filed
        "modified_after_merge": "该报告已合并到 main,不能再修改;如需更正请联系审核人。",
        "filed": None,
    }


def test_defaults_without_org_or_extra(tmp_path: Path) -> None:
    settings = form_config(load_repo_org(tmp_path / "missing"), {}, "internal", None)
    assert (settings["git_host"], settings["repository"], settings["now"]) == ("", "", None)
    assert settings["timezone"] == "Asia/Shanghai"
    assert settings["roster"] is True
    assert settings["ids"] is False


def test_the_page_says_what_check_refuses_in_checks_words(tmp_path: Path) -> None:
    """check's own messages (core/messages.py), placeholders left to the page: `late` says
    where each kind's deadline comes from as check does, the regulation's article while the
    policy keeps its deadline (weekly, expenses), else the organisation's setting (here the
    weekly and monthly deadlines are the organisation's own)."""
    said = message_config(load_repo_org(tmp_path / "missing"))
    assert said == {
        "unknown_staff": "工号 “{staff}” 不在 org/staff.yaml 中。",
        "unknown_staff_suggest": "工号 “{staff}” 不在 org/staff.yaml 中,是否想写 “{suggestion}”?",
        "unknown_region": "区域 “{region}” 不在 org/regions.yaml 中。",
        "date_out_of_period": "日期 {date} 不在报告期间 {start} 至 {end} 之内。",
        "date_after_period": "日期 {date} 晚于报告期间的最后一天 {end}。",
        "date_before_occurred": "日期 {date} 早于事件发生日期 {start}。",
        "late": {
            kind: f"逾期:截止时间 {{due}}({basis}),收到时间 {{received}};"
            "请填写 late_reason 说明原因。"
            for kind, basis in {
                "weekly": "办法 三(一)3",
                "monthly": "本组织规定",
                "expenses": "办法 三(一)4",
                "incidents": "本组织规定",
                "handover": "本组织规定",
            }.items()
        },
    }
    own = load_repo_org(_repo(tmp_path))
    assert message_config(own)["late"]["weekly"].startswith("逾期:截止时间 {due}(本组织规定)")
    assert message_config(own)["late"]["expenses"].startswith("逾期:截止时间 {due}(办法 三(一)4)")
    assert page_config(own, {}, "public", None).items() >= message_config(own).items()


def test_internal_settings_say_where_each_persons_reports_are(tmp_path: Path) -> None:
    """An internal build's form reads the reports filed from the status viewer's data (its
    URL relative to form/form.js), and refuses one in check's words for the configured branch."""
    org = load_repo_org(_repo(tmp_path))
    settings = form_config(org, {"git_branch": "release"}, "internal", None)
    assert settings["filed"] == "../status/data/people/{id}.json"
    assert settings["modified_after_merge"] == (
        "该报告已合并到 release,不能再修改;如需更正请联系审核人。"
    )
    assert form_config(org, {"git_branch": "release"}, "public", None)["filed"] is None


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_region_ids_for_both_audiences_unless_the_file_is_broken(
    tmp_path: Path, audience: str
) -> None:
    """Region ids are organisation data: both builds get them, so the form refuses a region
    check calls `unknown-region`; a broken regions file (check skips the rule) gives None."""
    repo = _repo(tmp_path)
    regions = repo / "org/regions.yaml"
    regions.write_text("regions:\n  - {id: guangzhou, name: 广州, annual_sales: 1}\n", "utf-8")
    assert form_config(load_repo_org(repo), {}, audience, None)["regions"] == ["guangzhou"]
    regions.write_text("regions: [{id: 1}]\n", "utf-8")
    assert form_config(load_repo_org(repo), {}, audience, None)["regions"] is None


APPROVALS = """\
approvals:
  - {id: APR-2026-0001, staff: li-ming, kind: travel, from: 2026-10-10, to: 2026-10-12,
     purpose: 广州培训, reviewed_by: 钱经理, reviewed_on: 2026-10-02, approved_by: 赵总,
     approved_on: 2026-10-08}
  - {id: APR-2026-0002, staff: li-ming, kind: reception, from: 2026-10-20, to: 2026-10-20,
     purpose: 接待客户, approved_by: 赵总}
"""


def test_roster_holds_ids_names_postings_and_approvals_only(tmp_path: Path) -> None:
    """What the internal form needs: the picker's ids and names, the postings that say which
    regions' stock a monthly report owes (`to` null while in force), and of each one's
    approvals what check's approval rules read (id, kind, days, when granted): no purpose, no
    reviewer or approver."""
    repo = _repo(tmp_path)
    (repo / "org/approvals.yaml").write_text(APPROVALS, "utf-8")
    org = load_repo_org(repo)
    assert json.loads(roster_json(org)) == [
        {
            "id": "li-ming",
            "name": "李明",
            "postings": [{"regions": ["guangzhou"], "from": "2025-03-01", "to": None}],
            "approvals": [
                {
                    "id": "APR-2026-0001",
                    "kind": "travel",
                    "from": "2026-10-10",
                    "to": "2026-10-12",
                    "approved_on": "2026-10-08",
                },
                {
                    "id": "APR-2026-0002",
                    "kind": "reception",
                    "from": "2026-10-20",
                    "to": "2026-10-20",
                    "approved_on": None,
                },
            ],
        }
    ]
    assert json.loads(ids_json(org)) == ["li-ming"]  # public builds: the ids alone


def test_site_step_writes_ids_or_roster_for_its_audience(tmp_path: Path) -> None:
    """`validator site` (also for Zensical, which runs no hooks): ids alone in a public build,
    ids and names in an internal one, and never the other file left behind."""
    (tmp_path / "repo").mkdir()
    repo = _repo(tmp_path / "repo")
    project = tmp_path / "project"
    project.mkdir()
    (project / "mkdocs.yml").write_text("site_name: t\n", "utf-8")
    site = tmp_path / "site"
    (site / "form").mkdir(parents=True)
    (site / "form/index.html").write_text('<div id="report-form"></div>', "utf-8")
    now = dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC)
    for audience, present, absent in (
        ("internal", "roster.json", "ids.json"),
        ("public", "ids.json", "roster.json"),
    ):
        finish(Build(project, repo, audience, now, None, site))
        assert (site / "form" / present).is_file(), audience
        assert not (site / "form" / absent).exists(), audience
    assert json.loads((site / "form/ids.json").read_text("utf-8")) == ["li-ming"]


def test_site_step_publishes_approvals_only_internally(tmp_path: Path) -> None:
    """Approvals name people and their trips: an internal build's roster.json carries them for
    the form, and no file of a public build names one."""
    (tmp_path / "repo").mkdir()
    repo = _repo(tmp_path / "repo")
    (repo / "org/approvals.yaml").write_text(APPROVALS, "utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / "mkdocs.yml").write_text("site_name: t\n", "utf-8")
    now = dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC)
    for audience in ("internal", "public"):
        site = tmp_path / audience
        (site / "form").mkdir(parents=True)
        (site / "form/index.html").write_text('<div id="report-form"></div>', "utf-8")
        finish(Build(project, repo, audience, now, None, site))
        text = "".join(p.read_text("utf-8") for p in sorted(site.rglob("*")) if p.is_file())
        assert ("APR-2026-0001" in text) == (audience == "internal"), audience
        # nor a posting: 李明's, from 2025-03-01
        assert ('"from": "2025-03-01"' in text) == (audience == "internal"), audience
        assert "广州培训" not in text and "赵总" not in text, audience  # purpose, approver
    roster = json.loads((tmp_path / "internal/form/roster.json").read_text("utf-8"))
    assert [a["id"] for a in roster[0]["approvals"]] == ["APR-2026-0001", "APR-2026-0002"]


def test_site_step_serves_the_schemas_of_the_organisations_data(tmp_path: Path) -> None:
    """Zensical runs no hooks: `validator site` itself replaces the published schemas (copied
    from docs/schemas/, made for other data) with those of the organisation's policy and
    handbook, as the MkDocs hook does; a project that publishes none gets none."""
    (tmp_path / "repo").mkdir()
    repo = _repo(tmp_path / "repo")
    (repo / "org/policy.yaml").write_text(
        'reports: {weekly: {due: {weekday: monday, time: "12:00"}}}\n', "utf-8"
    )
    (repo / "org/handbook.yaml").write_text("documents: []\n", "utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / "mkdocs.yml").write_text("site_name: t\n", "utf-8")
    site = tmp_path / "site"
    (site / "schemas").mkdir(parents=True)
    committed = ROOT / "docs/schemas"
    for name in ("weekly", "approvals"):
        shutil.copy(committed / f"{name}.schema.json", site / "schemas")
    finish(Build(project, repo, "public", dt.datetime(2026, 11, 23, tzinfo=dt.UTC), None, site))
    weekly = json.loads((site / "schemas/weekly.schema.json").read_text("utf-8"))
    assert "每周一 12:00 前(本组织规定)" in weekly["description"]
    approvals = (site / "schemas/approvals.schema.json").read_text("utf-8")
    assert "保安公司办法" not in approvals and "事先批准的出差与接待。" in approvals
    assert sorted(p.name for p in (site / "schemas").iterdir()) == [
        "approvals.schema.json",
        "weekly.schema.json",
    ]
