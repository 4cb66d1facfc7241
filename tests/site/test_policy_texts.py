"""The site says the organisation's deadlines, not the product's defaults (issue 19 item 4), and
labels what the organisation chose as 「本组织规定」 without an article (issue 14 item 7)."""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.support.project import build_project, copy_project, run_validator
from tests.support.site import build_site
from validator.features.schemas import SCHEMAS

POLICY = """\
organization: 测试组织
timezone: Asia/Shanghai
reports:
  weekly:   {due: {weekday: monday, time: "12:00"}}
  incidents: {due_within: 12h}
"""
#: the pages that state a deadline (issue 19 item 4)
PAGES = [
    "index.html",
    "guide/submit/index.html",
    "formats/index.html",
    "formats/weekly/index.html",
    "formats/incidents/index.html",
    "formats/monthly/index.html",
    "form/index.html",
]
_TAG = re.compile(r"<[^>]+>")
_CODE = re.compile(r"<(code|pre)\b.*?</\1>", re.S)


def _text(page: Path) -> str:
    """The visible prose of a built page: no code (YAML examples may show any time)."""
    body = page.read_text("utf-8")
    body = body.split('<article class="md-content__inner', 1)[-1].split("</article>", 1)[0]
    return html.unescape(_TAG.sub("", _CODE.sub("", body)))


@pytest.fixture(scope="module")
def changed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    project = copy_project(tmp_path_factory.mktemp("policy") / "project")
    (project / "org/policy.yaml").write_text(POLICY, "utf-8")
    done = run_validator(project, "schema")
    assert done.returncode == 0, done.stderr
    return project, build_project(project)


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES)
def test_pages_say_the_organisations_deadlines(changed: tuple[Path, Path], page: str) -> None:
    text = _text(changed[1] / page)
    assert "13:00" not in text and "24 小时" not in text, text
    assert "中午 1 点" not in text and "中午1点" not in text


@pytest.mark.slow
def test_the_changed_deadlines_are_stated(changed: tuple[Path, Path]) -> None:
    site = changed[1]
    assert "每周一 12:00 前" in _text(site / "index.html")
    assert "每周一 12:00 前" in _text(site / "guide/submit/index.html")
    formats = _text(site / "formats/index.html")
    assert "每周一 12:00 前" in formats and "发生后 12 小时内" in formats
    assert "发生后 12 小时内" in _text(site / "formats/incidents/index.html")


@pytest.mark.slow
@pytest.mark.parametrize("name", ["weekly", "incidents"])
def test_schemas_say_the_organisations_deadlines(changed: tuple[Path, Path], name: str) -> None:
    """`validator schema --repo` writes the repository's deadlines; the site serves them."""
    for where in (changed[0] / "docs/schemas", changed[1] / "schemas"):
        schema = json.loads((where / f"{name}.schema.json").read_text("utf-8"))
        words = schema["description"]
        assert "13:00" not in words and "24 小时" not in words, words
        assert ("每周一 12:00 前" if name == "weekly" else "发生后 12 小时内") in words
        assert "本组织规定" in words  # 12:00 is the organisation's rule, not the regulation's


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES)
def test_an_organisation_setting_cites_no_article(changed: tuple[Path, Path], page: str) -> None:
    """Every phrase naming the monthly day, the incident window or a changed weekly deadline
    says 「本组织规定」 and has no article citation next to it (issue 14 item 7)."""
    text = _text(changed[1] / page)
    for phrase in ("每周一 12:00 前", "次月 5 日 18:00 前", "发生后 12 小时内"):
        for found in re.finditer(re.escape(phrase), text):
            after = text[found.end() : found.end() + 20]
            assert after.startswith("(本组织规定)"), (phrase, after)  # not (办法 …)


#: an organisation's data without the sample regulations (after remove-samples), in a repository
#: of its own: the product's site rendering it, as the README's VALIDATOR_REPO build does
NO_SAMPLES = """\
articles:
  guide/submit.md#format: 提交指南:文件格式
rules:
  schema: [guide/submit.md#format]
"""
SAMPLE_ARTICLE = re.compile(r"办法|客服部|保安公司")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("data") / "repo"
    (data / "org").mkdir(parents=True)
    (data / "org/policy.yaml").write_text(POLICY, "utf-8")
    (data / "org/handbook.yaml").write_text(NO_SAMPLES, "utf-8")
    subprocess.run(["git", "init", "-q", str(data)], check=True)
    return build_site(tmp_path_factory.mktemp("site"), repo=data)


@pytest.mark.slow
@pytest.mark.parametrize("name", list(SCHEMAS))
def test_the_form_reads_the_schemas_of_the_data_it_is_built_for(served: Path, name: str) -> None:
    """The report form and the site's schema links show the schemas made from the organisation's
    own policy and handbook, whatever `docs/schemas/` was last generated from: the form's hints
    must agree with the deadlines its settings use and cite no article the handbook lacks."""
    text = (served / "schemas" / f"{name}.schema.json").read_text("utf-8")
    found = SAMPLE_ARTICLE.search(text)
    assert found is None, text[max(found.start() - 60, 0) : found.end() + 20]
    if name == "weekly":
        assert "每周一 12:00 前(本组织规定)" in json.loads(text)["description"]
