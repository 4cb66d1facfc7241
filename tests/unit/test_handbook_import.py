"""The handbook importer: crafted inputs, the shipped regulations, the CLI and staleness."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.support import ROOT
from validator.cli.commands.handbook import command
from validator.handbook import (
    Regulation,
    has_pinyin,
    import_text,
    parse_corrections,
    parse_editorial,
    to_simplified,
)
from validator.handbook.clean import repair_mojibake, strip_pinyin
from validator.handbook.hant import traditional_rule_lines, variants
from validator.handbook.rule_links import link_rules, rules_page
from validator.rules.registry import RULES

SOURCE = ROOT / "validator" / "data" / "regulations.txt"
CORRECTIONS = ROOT / "validator" / "data" / "regulations-corrections.tsv"
NOTES = ROOT / "validator" / "data" / "regulations-notes.tsv"
DOCS = ROOT / "docs"
PINNED = {
    "customer-service": [
        "part-1", "part-3-1-3", "part-3-5-3", "part-3-6", "part-3-7-1", "part-3-7-2",
        "part-4", "part-4-1-1", "part-4-2-3", "part-4-2-4",
    ],
    "security": ["art-7", "art-8", "art-10"],
}  # fmt: skip


@pytest.fixture(scope="module")
def seed() -> dict[str, Regulation]:
    corrections = parse_corrections(CORRECTIONS.read_text("utf-8"))
    editorial = parse_editorial(NOTES.read_text("utf-8"))
    docs = import_text(SOURCE.read_text("utf-8"), corrections=corrections, editorial=editorial)
    return {doc.slug: doc for doc in docs}


@pytest.fixture(scope="module")
def seed_docs(seed: dict[str, Regulation]) -> dict[str, str]:
    return {slug: doc.markdown for slug, doc in seed.items()}


def _hant_page(doc: Regulation) -> str:
    page = link_rules(doc.markdown_hant, f"regulations/{doc.slug}.md")
    return traditional_rule_lines(page)


def anchors(markdown: str) -> list[str]:
    return re.findall(r"\{#([\w-]+)\}|^\{: #([\w-]+) \}$", markdown, re.M) and [
        a or b for a, b in re.findall(r"\{#([\w-]+)\}|^\{: #([\w-]+) \}$", markdown, re.M)
    ]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("加強(qiáng)管理", "加強管理"),
        ("現(xiàn)代化", "現代化"),
        ("服務(wù)水平", "服務水平"),
        ("綠(lǜ)色", "綠色"),
        ("長(zhǎng) 城", "長 城"),
        ("漢字(hàn zì)注音", "漢字注音"),
        ("全角(quán)括号", "全角括号"),
        ("(一)、工作態度", "(一)、工作態度"),
        ("(1) 第一項", "(1) 第一項"),
        ("客服部(以下簡稱客服部)", "客服部(以下簡稱客服部)"),
        ("時間(周一至周日8:00-24:00)", "時間(周一至周日8:00-24:00)"),
        ("參見附件(annex)說明", "參見附件說明"),
        ("英文 (see below) 說明", "英文 (see below) 說明"),
    ],
)
def test_strip_pinyin(raw: str, expected: str) -> None:
    assert strip_pinyin(raw) == expected


def test_repair_mojibake_realigns_a_shifted_run() -> None:
    # `當地招聘` with one GBK byte lost after 當, as the scraper left it
    assert repair_mojibake("在當(dāng)?shù)卣衅笍氖陆瘗i通信") == "在當(dāng)地招聘從事金鵬通信"
    assert repair_mojibake("管理?xiàng)l例") == "管理條例"


def test_t2s_and_the_particle_zhe() -> None:
    assert to_simplified("駐外單位管理辦法") == "驻外单位管理办法"
    assert to_simplified("代表著公司的形象,著作") == "代表着公司的形象,著作"


def test_structure_and_anchors() -> None:
    text = "\n".join(
        [
            "第1篇 測試辦法",
            "一、 總則",
            "第一條 本辦法適用於全體人員。",
            "二、具體規定",
            "(一)、工作方面",
            "1、每週提交周報。",
            "2. 每月提交月報。",
            "(二)、費用方面",
            "1)、報銷憑證",
            "按月寄回。",
        ]
    )
    (doc,) = import_text(text, {"測試": "test"})
    assert doc.slug == "doc-1"  # slug keywords match the Simplified title
    (doc,) = import_text(text, {"测试": "test"})
    assert doc.slug == "test"
    assert doc.title == "测试办法"
    assert anchors(doc.markdown) == [
        "part-1", "part-1-art-1", "part-2", "part-2-1", "part-2-1-1", "part-2-1-2",
        "part-2-2", "part-2-2-1",
    ]  # fmt: skip
    assert "## 一、总则 {#part-1}" in doc.markdown
    assert "#### 1)、报销凭证 {#part-2-2-1}" in doc.markdown


def test_articles_without_parts_are_art_n() -> None:
    (doc,) = import_text("辦法\n一、第一條規定,內容很長。\n十、最後一條規定,內容很長。")
    assert anchors(doc.markdown) == ["art-1", "art-10"]


def test_repeated_document_is_published_once() -> None:
    once = "第1篇 甲辦法\n一、第一條規定,內容。\n二、第二條規定,內容。"
    twice = once + "\n第2篇 甲辦法\n一、 第一條規定,內容。\n二、  第二條規定,內容。"
    (doc,) = import_text(twice)
    assert doc.number == 1
    assert doc.repeats == (2,)
    assert "第二篇与本篇内容相同" in doc.markdown
    different = once + "\n第2篇 甲辦法\n一、第一條規定,改了。"
    assert len(import_text(different)) == 2


def test_repeated_part_number_is_corrected_with_a_note() -> None:
    parts = ["一、總則", "二、職責", "三、工作指導", "三、崗位調動"]
    text = "第1篇 乙辦法\n" + "\n".join(f"{p}\n第一條 內容。" for p in parts)
    (doc,) = import_text(text)
    assert anchors(doc.markdown) == [
        "part-1", "part-1-art-1", "part-2", "part-2-art-1", "part-3", "part-3-art-1",
        "part-4", "part-4-art-1",
    ]  # fmt: skip
    assert doc.markdown.count('!!! note "编者注"') == 1
    head, note = doc.markdown.split("## 四、岗位调动 {#part-4}\n\n", 1)
    assert note.startswith('!!! note "编者注"\n    原文此处编号为“三”')
    assert "## 三、工作指导 {#part-3}" in head


def test_seed_each_document_once(seed_docs: dict[str, str]) -> None:
    assert sorted(seed_docs) == ["customer-service", "security"]
    assert seed_docs["security"].count("各驻外单位必须坚决服从公司统一指挥调度") == 1


def test_seed_pinned_anchors(seed_docs: dict[str, str]) -> None:
    for slug, wanted in PINNED.items():
        found = anchors(seed_docs[slug])
        assert len(found) == len(set(found)), f"duplicate anchors in {slug}"
        for anchor in wanted:
            assert anchor in found, f"{slug}#{anchor}"
    assert anchors(seed_docs["security"]) == [f"art-{n}" for n in range(1, 11)]


def test_seed_part_four_note(seed_docs: dict[str, str]) -> None:
    page = seed_docs["customer-service"]
    assert "## 四、外派人员岗位优化调动规定 {#part-4}" in page
    assert "原文此处编号为“三”" in page and "应为“四”" in page


def test_seed_clean_text(seed_docs: dict[str, str]) -> None:
    for page in seed_docs.values():
        assert not has_pinyin(page)
        assert not re.search(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]", page)
        assert "?" not in page and "\ufffd" not in page
        assert to_simplified(page) == page  # no Traditional form left
    assert "每周一中午1点前" in seed_docs["customer-service"]
    assert "当地招聘从事金鹏通信" in re.sub(r"<[^>]+>", "", seed_docs["customer-service"])


def test_rules_link_back_to_their_articles(seed_docs: dict[str, str]) -> None:
    page = link_rules(seed_docs["customer-service"], "regulations/customer-service.md")
    block = page.split("{: #part-3-1-3 }", 1)[1].split("\n\n")[1]
    assert block.startswith("> 本条由校验规则 ")
    assert "[late](../rules.md#late)" in block
    for rule in RULES:
        target = rule.handbook.partition("#")[0]
        if target.startswith("regulations/"):
            linked = link_rules(seed_docs[Path(target).stem], target)
            assert f"[{rule.id}](../rules.md#{rule.id})" in linked


def test_rules_page_lists_every_rule() -> None:
    page = rules_page()
    for rule in RULES:
        assert f"{{#{rule.id}}}" in page
        assert f"]({rule.handbook})" in page


def test_traditional_rule_lines() -> None:
    line = "> 本条由校验规则 [late](../rules.md#late)、[x](../rules.md#x) 执行。"
    assert traditional_rule_lines(f"正文\n\n{line}\n") == (
        "正文\n\n> 本條由校驗規則 [late](../../rules.md#late)、[x](../../rules.md#x) 執行。\n"
    )
    assert (
        traditional_rule_lines("見[提交指南](../guide/submit.md)")
        == "見[提交指南](../guide/submit.md)"
    )


def test_traditional_pages_are_the_source_characters(seed: dict[str, Regulation]) -> None:
    """Issue 14 item 8: the Traditional page was s2t of the Simplified one (考覈, 併爲, 着 for 著,
    爲 for 為) and said it had been converted; it is the cleaned source's own text now."""
    source = SOURCE.read_text("utf-8")
    for doc in seed.values():
        page = _hant_page(doc)
        for wrong in ("考覈", "併爲", "爲", "簡體版自動轉換"):
            assert wrong not in page, (doc.slug, wrong)
        assert not has_pinyin(page)
        assert "簡體" in page  # links back to the Simplified page
    cs = seed["customer-service"].markdown_hant
    assert "代表著金鵬公司的形象" in cs and "代表著金鵬公司的形象" in source.replace("(zhe)", "")
    assert "考核" in cs and "為了" in cs
    assert "**第一條**" in cs and "**第一条**" not in cs  # the article label as printed
    assert "本條由校驗規則" in _hant_page(seed["customer-service"])
    assert "../../rules.md#late" in _hant_page(seed["customer-service"])
    # both scripts carry the same units
    for doc in seed.values():
        assert anchors(doc.markdown) == anchors(doc.markdown_hant)


def test_simplified_is_t2s_of_the_traditional(seed: dict[str, Regulation]) -> None:
    def text(page: str) -> str:
        body = page.split("\n# ", 1)[-1].split("\n", 1)[1]  # no front matter, no title
        body = re.sub(r'!!! \w+ "[^"]+"(\n    .*)+', "", body)  # notes differ on purpose
        return "".join(re.findall(r"[\u4e00-\u9fff]+", re.sub(r"<[^>]+>", "", body)))

    for doc in seed.values():
        assert to_simplified(text(doc.markdown_hant)) == text(doc.markdown)


def test_every_reconstructed_run_is_marked(seed: dict[str, Regulation]) -> None:
    """Issue 14 item 8: all 15 runs the source damaged, decoded or corrected, are visible."""
    cs = seed["customer-service"]
    assert (cs.reconstructed, cs.corrected) == (10, 5)
    for page in (cs.markdown, cs.markdown_hant):
        body = page.split("\n## ", 1)[1]
        assert body.count('<span class="reconstructed" title=') == 10
        assert body.count('<span class="reconstructed corrected" title=') == 5
    assert "原文有 15 处文字因抓取时丢失字节而损坏:10 处按前后文自动修复" in cs.markdown
    repaired = (
        '<span class="reconstructed" title="原文此处因抓取时丢失字节而损坏,已按前后文自动修复">'
    )
    assert f"当{repaired}地招聘从事金鹏</span>通信" in cs.markdown
    assert "reconstructed" not in seed["security"].markdown.split("\n## ", 1)[-1]


def test_part_four_preamble_and_handover_have_anchors(seed: dict[str, Regulation]) -> None:
    page = seed["customer-service"].markdown
    found = anchors(page)
    assert "part-4-intro" in found and "part-4-handover" in found
    intro = page.split("{: #part-4-intro }")[0].rsplit("\n\n", 1)[1]
    assert intro.startswith("为了平衡好外派和总部的人员需求")
    handover = page.split("{: #part-4-handover }")[0].rsplit("\n\n", 1)[1]
    assert handover.startswith("在以上规定的执行过程中")
    assert found[-1] == "part-4-handover"  # its own unit, after 四(二)5, not inside it


def test_items_of_part_four_two_read_alike(seed: dict[str, Regulation]) -> None:
    page = seed["customer-service"].markdown
    for n in range(1, 6):
        assert re.search(rf"^#### {n}\. .+ \{{#part-4-2-{n}\}}$", page, re.M), n
    assert "#### 1. 以上规定适用对象 {#part-4-2-1}\n\n所有外派人员" in page
    assert "#### 5. 外派人员定期岗位轮换周期 {#part-4-2-5}\n\n每半年1次" in page


def test_editor_notes_for_the_source_slips(seed: dict[str, Regulation]) -> None:
    cs, sec = seed["customer-service"].markdown, seed["security"].markdown
    assert '任何人不得弄<span class="inserted" title="原文脱字,编者补">[虚]</span>作假' in sec
    art7 = sec.split("{: #art-7 }")[1].split("{: #art-8 }")[0]
    assert '!!! note "编者注"' in art7 and "弄虚作假" in art7
    item = cs.split("{: #part-3-2-3 }")[1].split("{#part-3-3}")[0]
    assert '!!! note "编者注"' in item and "应为“上述”" in item
    item = cs.split("{#part-4-2-2}")[1].split("{#part-4-2-3}")[0]
    assert "外派客户经理员”原文如此" in item
    # what the organisation chose is labelled as such and cites no article
    item = cs.split("{: #part-3-1-3 }")[1].split("{: #part-3-1-4 }")[0]
    org = item.split('!!! tip "本组织规定"\n', 1)[1].split("\n\n")[0]
    assert "邮件或传真" in org and "拉取请求" in org
    assert "regulations/" not in org and "#part-" not in org
    hant = seed["customer-service"].markdown_hant
    assert '!!! tip "本組織規定"' in hant and "(../../guide/submit.md#received)" in hant


def test_the_handover_window_is_the_policys_setting_not_a_fixed_number(
    seed: dict[str, Regulation],
) -> None:
    """The window is `reports.handover.due_within` in org/policy.yaml: the committed handbook
    names that setting and its default, so it stays true for an organisation that changes it."""
    doc = seed["customer-service"]
    for page, tip in ((doc.markdown, "本组织规定"), (doc.markdown_hant, "本組織規定")):
        after = page.split("{: #part-4-handover }", 1)[1]
        org = after.split(f'!!! tip "{tip}"\n', 1)[1].split("\n\n")[0]
        assert "`reports.handover.due_within`" in org, org
        assert "后 7 天内" not in org and "後 7 天內" not in org, org


def test_bad_notes_are_value_errors() -> None:
    with pytest.raises(ValueError, match="line 1"):
        parse_editorial("note\tcs\tpart-1\tonly simplified\n")
    rows = parse_editorial("note\tdoc-1\tpart-9\t注\t註\n")
    with pytest.raises(ValueError, match="part-9"):
        import_text("第1篇 甲辦法\n一、總則\n第一條 內容。", editorial=rows)


def test_language_switcher_pairs() -> None:
    assert variants("regulations/security.md") == (
        "regulations/security.md", "regulations/hant/security.md",
    )  # fmt: skip
    assert variants("regulations/hant/security.md") == (
        "regulations/security.md", "regulations/hant/security.md",
    )  # fmt: skip
    assert variants("regulations/index.md") is None
    assert variants("guide/submit.md") is None


def test_committed_pages_are_up_to_date(seed: dict[str, Regulation]) -> None:
    """Regenerate with `validator handbook import validator/data/regulations.txt
    --corrections validator/data/regulations-corrections.tsv
    --notes validator/data/regulations-notes.tsv`."""
    for slug, doc in seed.items():
        expected = link_rules(doc.markdown, f"regulations/{slug}.md")
        committed = (DOCS / "regulations" / f"{slug}.md").read_text("utf-8")
        assert committed == expected, f"docs/regulations/{slug}.md is stale"
        committed = (DOCS / "regulations" / "hant" / f"{slug}.md").read_text("utf-8")
        assert committed == _hant_page(doc), f"docs/regulations/hant/{slug}.md is stale"
    assert (DOCS / "rules.md").read_text("utf-8") == rules_page(), "docs/rules.md is stale"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_cli_import_writes_pages(runner: CliRunner, tmp_path: Path) -> None:
    args = [
        "import",
        str(SOURCE),
        "--out",
        str(tmp_path / "out"),
        "--corrections",
        str(CORRECTIONS),
        "--notes",
        str(NOTES),
    ]
    result = runner.invoke(command, args)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "customer-service.md",
        "hant",
        "security.md",
    ]
    for page in ("security.md", "hant/security.md", "hant/customer-service.md"):
        written = (tmp_path / "out" / page).read_text("utf-8")
        assert written == (DOCS / "regulations" / page).read_text("utf-8"), page
    assert result.output.splitlines()[0].endswith("security.md\t保安公司加强驻外单位管理办法")


def test_cli_slug_option(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "r.txt"
    source.write_text("第1篇 員工守則\n一、第一條規定,內容。\n", "utf-8")
    args = ["import", str(source), "--out", str(tmp_path), "--slug", "员工守则=staff-rules"]
    result = runner.invoke(command, args)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "staff-rules.md").read_text("utf-8").startswith("# 员工守则\n")
    result = runner.invoke(command, [*args[:-1], "no-equals-sign"])
    assert result.exit_code == 2
    assert "关键字=文件名" in result.output


def test_cli_missing_file(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(command, ["import", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
    assert "找不到文件" in result.output
    assert "Traceback" not in result.output


def test_cli_not_utf8(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "gbk.txt"
    source.write_bytes("第1篇 管理辦法\n一、總則\n".encode("gb18030"))
    result = runner.invoke(command, ["import", str(source), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "不是 UTF-8 编码" in result.output and "GBK" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not (tmp_path / "o").exists()


def test_cli_empty_file(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "empty.txt"
    source.write_text("\n\n", "utf-8")
    result = runner.invoke(command, ["import", str(source), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "没有找到规章正文" in result.output


def test_corrections_mend_the_damaged_runs_and_are_noted(seed_docs: dict[str, str]) -> None:
    page = re.sub(r"<[^>]+>", "", seed_docs["customer-service"])
    for wrong, right in parse_corrections(CORRECTIONS.read_text("utf-8")).items():
        assert to_simplified(wrong) not in page
        assert to_simplified(right) in page
    assert "5 处由编者按上下文更正" in page
    assert "按上下文更正" not in seed_docs["security"]


def test_bad_corrections_file_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "c.tsv"
    bad.write_text("no tab here\n", encoding="utf-8")
    args = ["import", str(SOURCE), "--out", str(tmp_path / "out"), "--corrections", str(bad)]
    result = runner.invoke(command, args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
