"""Rule → article links as organisation data (issue 14 item 7, issue 19 item 3)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml
from click.testing import CliRunner

from tests.support import ROOT
from validator.cli import cli
from validator.handbook.rule_links import link_rules, rules_page
from validator.models.handbook import Handbook, default_handbook
from validator.rules.registry import REGISTRY, RULES

JP = "regulations/customer-service.md"
SEC = "regulations/security.md"


def test_every_rule_has_its_articles_in_the_shipped_data() -> None:
    book = default_handbook()
    for rule in RULES:
        assert rule.id in book.rules, rule.id
        assert rule.handbook == rule.articles[0] == book.rules[rule.id][0]


def test_citations_are_right() -> None:
    late = REGISTRY["late"].articles
    assert late == tuple(
        f"{JP}#{a}" for a in ("part-3-1-3", "part-3-1-4", "part-3-5-3", "part-3-6")
    )
    assert REGISTRY["approval-missing"].articles == (f"{JP}#part-3-1-4", f"{SEC}#art-7")
    assert REGISTRY["unknown-staff"].handbook == f"{JP}#part-1-art-2"
    for rid in ("not-owner", "modified-after-merge", "deleted-after-merge", "backdated"):
        assert REGISTRY[rid].handbook.startswith("guide/review.md#"), rid
    assert REGISTRY["future-period"].handbook.startswith("guide/review.md#")
    assert not any(a.startswith(f"{JP}#part-4") for a in REGISTRY["not-posted"].articles)


def _note_after(page: str, anchor: str) -> str:
    block = page.split(anchor, 1)[1].split("\n\n")[1]
    assert block.startswith("> 本条由校验规则 "), block[:80]
    return block


def test_articles_list_exactly_their_rules() -> None:
    page = link_rules((ROOT / "docs" / JP).read_text("utf-8"), JP)
    expected = {
        "{: #part-3-1-4 }": ["late", "approval-missing"],
        "{: #part-3-5-3 }": ["late", "stock-region-missing"],
        "{#part-3-6}": ["late"],
        "{: #part-4-1-3 }": ["allocation"],
        "{: #part-1-art-2 }": ["unknown-staff"],
    }
    for anchor, rules in expected.items():
        block = _note_after(page, anchor)
        for rid in rules:
            assert f"[{rid}](../rules.md#{rid})" in block, (anchor, rid)
    assert "[not-owner]" not in _note_after(page, "{: #part-3-1-3 }")
    assert "not-posted" not in page.split("{#part-4}", 1)[1].split("###", 1)[0]
    assert link_rules(page, JP) == page  # running it again changes nothing


def test_the_security_rules_are_marked_as_another_organisations() -> None:
    page = link_rules((ROOT / "docs" / SEC).read_text("utf-8"), SEC)
    assert "另一组织" in page.split("\n\n", 3)[1] + page.split("\n\n", 3)[2]


def test_committed_rules_page_is_generated() -> None:
    assert (ROOT / "docs/rules.md").read_text("utf-8") == rules_page(), "validator handbook rules"
    assert "[办法 三(一)4](regulations/customer-service.md#part-3-1-4)" in rules_page()


def _copy(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "org").mkdir(parents=True)
    shutil.copytree(ROOT / "docs", repo / "docs", ignore=shutil.ignore_patterns("status"))
    shutil.copy(ROOT / "mkdocs.yml", repo / "mkdocs.yml")
    return repo


def test_an_organisation_names_its_own_articles_without_python(tmp_path: Path) -> None:
    repo = _copy(tmp_path)
    (repo / "org/handbook.yaml").write_text(
        "documents:\n  - {page: regulations/customer-service.md, title: 我们的办法}\n"
        "articles:\n  regulations/customer-service.md#part-3-6: 本司规定 第六条\n"
        "rules:\n  routing: [regulations/customer-service.md#part-3-6]\n",
        "utf-8",
    )
    result = CliRunner().invoke(cli, ["handbook", "rules", "--repo", str(repo)])
    assert result.exit_code == 0, result.output
    rules = (repo / "docs/rules.md").read_text("utf-8")
    assert "[本司规定 第六条](regulations/customer-service.md#part-3-6)" in rules
    page = (repo / "docs" / JP).read_text("utf-8")
    note = "> 本条由校验规则 [routing](../rules.md#routing) 执行。"
    assert _note_after(page, "{#part-3-6}") == note
    assert "本条由校验规则 [late]" not in page


def test_a_broken_org_handbook_is_a_usage_error(tmp_path: Path) -> None:
    repo = _copy(tmp_path)
    (repo / "org/handbook.yaml").write_text("rules:\n  late: [nowhere.md#x]\n", "utf-8")
    result = CliRunner().invoke(cli, ["handbook", "rules", "--repo", str(repo)])
    assert result.exit_code == 2 and "org/handbook.yaml" in result.output
    assert "Traceback" not in result.output


def test_remove_samples_takes_out_pages_nav_and_links(tmp_path: Path) -> None:
    repo = _copy(tmp_path)
    result = CliRunner().invoke(cli, ["handbook", "remove-samples", "--repo", str(repo)])
    assert result.exit_code == 0, result.output
    assert not (repo / "docs" / JP).exists() and not (repo / "docs" / SEC).exists()
    mkdocs = (repo / "mkdocs.yml").read_text("utf-8")
    assert "customer-service" not in mkdocs and "security.md" not in mkdocs
    assert "regulations/" not in (repo / "docs/rules.md").read_text("utf-8")
    assert "customer-service" not in (repo / "docs/regulations/index.md").read_text("utf-8")
    assert "documents: []" in (repo / "org/handbook.yaml").read_text("utf-8")


def test_handover_missing_cites_the_handover_sentence_not_the_rotation_period() -> None:
    """四(二)5 says only 每半年1次 (the rotation period); the handover duty is the sentence after
    it, 「岗位调整中的工作交接必须严格按…执行」 (its own unit, `part-4-handover`)."""
    assert REGISTRY["handover-missing"].articles == (f"{JP}#part-4-handover",)
    page = link_rules((ROOT / "docs" / JP).read_text("utf-8"), JP)
    assert "[handover-missing]" in _note_after(page, "{: #part-4-handover }")
    rotation_period = page.split("{#part-4-2-5}", 1)[1].split("{: #part-4-handover }")[0]
    assert "handover-missing" not in rotation_period


def test_the_handover_citation_links_the_handover_sentence() -> None:
    """Where pages, guides and schemas say the handover duty (`citations.handover`), they link
    the sentence that says it (「工作交接必须严格按…执行」, `part-4-handover`), as the rule
    handover-missing does, not the heading of the whole part 四 (rotation, classes, periods)."""
    book = default_handbook()
    assert book.citations["handover"] == f"{JP}#part-4-handover"
    rule = rules_page().split("{#handover-missing}", 1)[1].split("\n## ", 1)[0]
    assert f"({JP}#part-4)" not in rule
    assert f"依据[办法 四 末段(工作交接)]({JP}#part-4-handover):派驻结束" in rule


def test_the_regulations_index_says_what_the_pages_say() -> None:
    """The security company's rules are another organisation's, published for reference (the
    note on their page), not rules the staff must obey; the Traditional pages are the source's
    own characters, committed, not converted from the Simplified ones at build time."""
    index = (ROOT / "docs/regulations/index.md").read_text("utf-8")
    assert "须遵守的两份规章" not in index
    assert "另一组织" in index and "参考" in index
    assert "由简体版自动转换" not in index and "原文的繁体字" in index


#: how the sample regulations' articles are named (validator/data/handbook.yaml)
SAMPLE_ARTICLE = re.compile(r"办法|客服部|保安公司")


def _sample_named(text: str) -> str | None:
    found = SAMPLE_ARTICLE.search(text)
    return text[max(found.start() - 60, 0) : found.end() + 20] if found else None


def test_remove_samples_refreshes_the_schemas(tmp_path: Path) -> None:
    """The schemas (editors' hover text, the form's hints) are generated from the handbook: once
    the samples are gone, none may still cite one of their articles."""
    repo = _copy(tmp_path)
    result = CliRunner().invoke(cli, ["handbook", "remove-samples", "--repo", str(repo)])
    assert result.exit_code == 0, result.output
    assert "docs/schemas/policy.schema.json" in result.output
    for schema in sorted((repo / "docs/schemas").glob("*.schema.json")):
        assert _sample_named(schema.read_text("utf-8")) is None, schema.name


def test_handbook_rules_refreshes_the_schemas(tmp_path: Path) -> None:
    repo = _copy(tmp_path)
    (repo / "org/handbook.yaml").write_text(OWN_HANDBOOK, "utf-8")
    result = CliRunner().invoke(cli, ["handbook", "rules", "--repo", str(repo)])
    assert result.exit_code == 0, result.output
    approvals = (repo / "docs/schemas/approvals.schema.json").read_text("utf-8")
    assert "(守则 第九条)" in approvals and _sample_named(approvals) is None


#: an organisation's own handbook, numbered unlike the samples
OWN_HANDBOOK = """\
documents:
  - {page: regulations/staff-rules.md, title: 员工守则}
articles:
  regulations/staff-rules.md#art-5: 守则 第五条
  regulations/staff-rules.md#art-9: 守则 第九条
  regulations/staff-rules.md#art-14: 守则 第十四条
rules:
  late: [regulations/staff-rules.md#art-5]
  handover-missing: [regulations/staff-rules.md#art-14]
citations:
  weekly: regulations/staff-rules.md#art-5
  approvals: regulations/staff-rules.md#art-9
  handover: regulations/staff-rules.md#art-14
"""


def test_the_rules_page_cites_only_the_organisations_articles() -> None:
    """The rules' descriptions say where a deadline or a duty comes from: from the handbook's
    articles, never spelled as the sample's."""
    without = rules_page(handbook=default_handbook().without_samples())
    assert _sample_named(without) is None
    own = rules_page(handbook=Handbook.model_validate(yaml.safe_load(OWN_HANDBOOK)))
    assert _sample_named(own) is None
    late = own.split("{#late}", 1)[1].split("\n## ", 1)[0]
    assert "周报的截止时间出自[守则 第五条](regulations/staff-rules.md#art-5)" in late
    handover = own.split("{#handover-missing}", 1)[1].split("\n## ", 1)[0]
    assert "[守则 第十四条](regulations/staff-rules.md#art-14)" in handover.split("依据:")[0]
