"""The digest names coded values as the status pages do: a work item's category, an incident's
channel and status by their Chinese names (the formats' own, `CHOICE_ZH`), a region by its name
in org/regions.yaml, never the codes the YAML stores."""

from __future__ import annotations

from click.testing import CliRunner

from tests.support.delivery import AFTER_DEADLINE, build
from tests.support.gitrepo import GitRepo
from validator.cli import cli

REGIONS = "regions:\n" + "".join(
    f"  - {{id: {code}, name: {name}, annual_sales: 1}}\n"
    for code, name in (("guangzhou", "广州"), ("foshan", "佛山"), ("shenzhen", "深圳"))
)
WEEKLY = """\
staff: li-ming
week: 2026-W47
summary: 本周走访广州营业厅
work:
  - date: 2026-11-17
    description: 拜访中国移动广州分公司
    category: operator
plan:
  - 周三到佛山授权站培训备件申请
regions: [guangzhou]
"""
INCIDENT = """\
staff: li-ming
occurred_at: 2026-11-22T10:00:00+08:00
title: 用户向本地媒体投诉维修超期
channel: media
regions: [guangzhou]
parties: [用户李先生]
summary: 用户三次返修未修好,电视台报道
updates:
  - {date: 2026-11-22, text: 已联系用户并安排优先检测}
status: resolved
"""


def test_codes_in_the_digest_read_as_their_chinese_names(git_repo: GitRepo) -> None:
    build(git_repo, "  site_url: https://reports.example.com/\n")
    git_repo.write("org/regions.yaml", REGIONS)
    git_repo.write("submissions/li-ming/weekly/2026-W47.yaml", WEEKLY)
    git_repo.write("submissions/li-ming/incidents/2026-11-22-guangzhou-media.yaml", INCIDENT)
    git_repo.commit("li-ming W47 and incident", "2026-11-22T20:00:00+08:00")
    check = CliRunner().invoke(
        cli, ["check", "--repo", str(git_repo.root), "--now", AFTER_DEADLINE]
    )
    assert check.exit_code == 0, check.output
    result = CliRunner().invoke(
        cli, ["digest", "--repo", str(git_repo.root), "--now", AFTER_DEADLINE]
    )
    assert result.exit_code == 0, result.output
    letter = result.output.split("收件人:")[1]
    for words in ("类别:局方", "渠道:媒体", "状态:已解决", "- 广州"):
        assert words in letter, words
    for code in ("operator", "media", "resolved", "guangzhou"):
        assert code not in letter.replace("guangzhou-media", ""), code
