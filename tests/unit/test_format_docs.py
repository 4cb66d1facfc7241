"""Every complete example on the format pages passes `validator check`: docs cannot drift
from the models."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest

from tests.support import ROOT
from tests.support.corpus import BASE
from validator.checking.check import check
from validator.features.schemas import build_schema
from validator.models.handbook import default_handbook
from validator.models.policy import Policy
from validator.site.placeholders import fill_page

DOCS = ROOT / "docs" / "formats"
BLOCK = re.compile(r"```yaml\n# ((?:submissions|org)/\S+\.yaml)\n(.*?)```", re.S)
EXAMPLES = [
    (page.name, match[1], match[2])
    for page in sorted(DOCS.glob("*.md"))
    for match in BLOCK.finditer(page.read_text(encoding="utf-8"))
]
NOW = dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def test_every_kind_has_an_example() -> None:
    kinds = {path.split("/")[2] for _, path, _ in EXAMPLES if path.startswith("submissions/")}
    assert kinds == {"weekly", "monthly", "expenses", "incidents"}
    org = {path for _, path, _ in EXAMPLES if path.startswith("org/")}
    assert {"org/policy.yaml", "org/staff.yaml", "org/regions.yaml"} <= org


@pytest.mark.parametrize(("page", "path", "text"), EXAMPLES, ids=[e[1] for e in EXAMPLES])
def test_example_is_valid(page: str, path: str, text: str, tmp_path: Path) -> None:
    shutil.copytree(BASE / "org", tmp_path / "org")
    target = tmp_path / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    # reports are judged as if received one day after their period, so none is late
    now = NOW
    if path.startswith("submissions/") and "/incidents/" not in path:
        now = dt.datetime(2026, 11, 3, 9, 0, tzinfo=NOW.tzinfo)
        if "/weekly/" in path:
            now = dt.datetime(2026, 11, 23, 9, 0, tzinfo=NOW.tzinfo)
    result = check(tmp_path, [path], now)
    errors = [(d.rule, d.line, d.message()) for d in result.diagnostics if d.rule != "allocation"]
    assert errors == [], page


def test_the_policy_example_says_which_values_are_regulation_and_which_are_settings() -> None:
    """The documented org/policy.yaml shows the defaults; the table below it says, from the
    organisation's policy and handbook, whether the regulation sets each deadline (its article)
    or the organisation does (本组织规定). The example's comments name no article: after
    remove-samples, or with its own numbering, they would be the sample's."""
    text = next(t for page, path, t in EXAMPLES if page == "org.md" and "reports:" in t)
    lines = {line.split(":", 1)[0].strip(): line for line in text.splitlines() if "#" in line}
    for key in ("weekly", "monthly", "expenses", "incidents", "handover", "rotation"):
        assert key in lines, key
        comment = lines[key].split("#", 1)[1]
        assert not re.search(r"办法|[一二三四五六七八][(\uff08]", comment), lines[key]
    page = (DOCS / "org.md").read_text(encoding="utf-8")
    filled = fill_page(page, "formats/org.md", Policy())
    for row, basis in [
        ("周报截止", "[办法 三(一)3]("),
        ("月报截止", "本组织规定 |"),
        ("报销截止", "[办法 三(一)4]("),
        ("突发事件时限", "本组织规定 |"),
        ("工作交接期限", "本组织规定 |"),
        ("轮换调整日", "本组织规定 |"),
    ]:
        line = next(line for line in filled.splitlines() if line.startswith(f"| {row} |"))
        assert f"| {basis}" in line, line
    assert "../status/rotation.md" in page and "../status/performance.md" in page


def test_every_citation_key_is_documented() -> None:
    """An organisation registers its articles under these keys (org/handbook.yaml `citations`);
    a key the format page does not list is one whose citations it cannot give."""
    page = (DOCS / "org.md").read_text(encoding="utf-8")
    table = page.split("`citations` 的键", 1)[1].split("`rules` 和", 1)[0]
    assert set(re.findall(r"`([a-z-]+)`", table)) == set(default_handbook().citations)


def _citing(text: str, article: str) -> list[str]:
    """Each clause (up to a 。;: or line end) of `text` that ends by citing `article`."""
    return re.findall(rf"[^。;:\n]*\({re.escape(article)}\)", text)


def test_personal_costs_are_cited_only_for_what_the_article_says() -> None:
    """保安公司办法 八 says 「因个人原因而造成的往返费用由个人承担」: round trips for a personal
    reason, not every cost of a personal kind. Where it is cited, the round trips are named;
    more than that is this organisation's own rule."""
    page = fill_page((DOCS / "expenses.md").read_text("utf-8"), "formats/expenses.md", Policy())
    schema = json.dumps(build_schema("expenses"), ensure_ascii=False)
    clauses = [
        *re.findall(r"[^。;]*\(\[保安公司办法 八\]\([^)]*\)\)", page.replace("\n", "")),
        *_citing(schema, "保安公司办法 八"),
    ]
    assert len(clauses) >= 3
    for clause in clauses:
        assert "往返" in clause, clause


def test_what_the_regulation_leaves_open_is_labelled_the_products_reading() -> None:
    """办法 四(二)3 classes regions by 销量 without saying over what time, and the regulation
    says nothing of weekly reports during leave: reading the first as a year's sales and
    excusing a week of leave are this product's choices, and are labelled so where stated."""
    page = (DOCS / "org.md").read_text("utf-8")
    region = page[page.index("地区类别") :].split("\n\n", 1)[0]
    assert "本产品" in region, region
    leave = next(line for line in page.splitlines() if "请假覆盖" in line)
    assert "本产品" in leave, leave
    schema = build_schema("regions")["definitions"]["Region"]["properties"]["annual_sales"]
    assert "本产品" in schema["description"], schema
