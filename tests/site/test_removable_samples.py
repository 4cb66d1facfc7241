"""The sample regulations come out in one documented step (issue 19 item 3): after
`validator handbook remove-samples` the strict build still passes, and no page links to them or
cites their articles."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from tests.support.project import build_project, copy_project, run_validator
from tests.support.roster import member, staff_yaml

SAMPLES = ("regulations/customer-service", "regulations/security")
REGIONS = "regions:\n  - {id: guangzhou, name: 广州, annual_sales: 150000}\n"
ENDED = member(
    "li-ming", "李明", "account_manager", "liming-gz", regions=("guangzhou",), until="2026-11-20"
)
#: the pages whose citations come from the handbook data (outside code examples)
CITING = [
    "index.html",
    "formats/index.html",
    "formats/weekly/index.html",
    "formats/monthly/index.html",
    "formats/expenses/index.html",
    "formats/incidents/index.html",
    "status/regions/index.html",
    "status/incidents/index.html",
]
_TAG = re.compile(r"<[^>]+>")
_CODE = re.compile(r"<(code|pre)\b.*?</\1>", re.S)


def _hrefs(body: str) -> str:
    return " ".join(re.findall(r'href="([^"]*)"', body))


def _prose(page: Path) -> str:
    body = page.read_text("utf-8")
    body = body.split('<article class="md-content__inner', 1)[-1].split("</article>", 1)[0]
    return html.unescape(_TAG.sub("", _CODE.sub("", body)))


@pytest.fixture(scope="module")
def removed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("samples") / "project")
    # a posting that ended: the internal staff page then states the handover duty
    (project / "org/regions.yaml").write_text(REGIONS, "utf-8")
    (project / "org/staff.yaml").write_text(staff_yaml(ENDED), "utf-8")
    done = run_validator(project, "handbook", "remove-samples")
    assert done.returncode == 0, done.stdout + done.stderr
    return project


@pytest.mark.slow
@pytest.mark.parametrize("audience", ["public", "internal"])
def test_the_strict_build_passes_without_the_samples(removed: Path, audience: str) -> None:
    site = build_project(removed, audience)  # asserts `mkdocs build --strict` passed
    pages = sorted(site.rglob("*.html"))
    assert (site / "index.html").is_file() and (site / "formats/weekly/index.html").is_file()
    if audience == "internal":
        view = (site / "status/person/index.html").read_text("utf-8")
        assert "工作交接" in view and 'class="person-handover-basis"' in view
        person = json.loads((site / "status/data/people/li-ming.json").read_text("utf-8"))
        assert person["handovers"]["rows"]
    for page in pages:
        body = page.read_text("utf-8")
        for sample in SAMPLES:
            assert f"{sample}/" not in body and f"{sample}.md" not in body, (page, sample)
        assert 'href="' not in body or "/customer-service" not in _hrefs(body), page
    for citing in CITING:
        text = _prose(site / citing)
        for article in ("办法 三(一)3", "办法 三(六)", "保安公司办法 七", "办法 四(二)3"):
            assert article not in text, (citing, article)  # no citation of a removed article


@pytest.mark.slow
def test_the_pages_still_state_the_deadlines(removed: Path) -> None:
    """Without the regulation, the weekly deadline is the organisation's own rule."""
    site = build_project(removed, "public")
    home = (site / "index.html").read_text("utf-8")
    assert "每周一 13:00 前(本组织规定)" in home
    assert "本组织的规章" in home


#: the pages an organisation's reviewers read to set up org/, and how a sample article reads
REFERENCE = ["formats/org/index.html", "guide/review/index.html"]
SAMPLE_ARTICLE = re.compile(r"办法|客服部|保安公司|三(一)3")


@pytest.mark.slow
@pytest.mark.parametrize("page", REFERENCE)
def test_the_reference_pages_cite_no_removed_article(removed: Path, page: str) -> None:
    """The format of org/ and the reviewers' guide, their YAML examples' comments included,
    name no article of the removed samples: what the regulation sets is cited from the
    organisation's handbook, or the value is labelled as the organisation's setting."""
    body = (build_project(removed, "public") / page).read_text("utf-8")
    body = body.split('<article class="md-content__inner', 1)[-1].split("</article>", 1)[0]
    text = html.unescape(_TAG.sub("", body))
    found = SAMPLE_ARTICLE.search(text)
    assert found is None, text[max(found.start() - 60, 0) : found.end() + 20]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("page", "quoted"),
    [
        ("formats/handover/index.html", "外派调动或离职工作交接规定"),
        ("guide/review/index.html", "适当的指导并监督"),
    ],
)
def test_no_page_quotes_a_removed_regulation(removed: Path, page: str, quoted: str) -> None:
    """Without the sample, its words are not presented as what 「规章」 (the organisation's own
    regulation) requires."""
    assert quoted not in _prose(build_project(removed, "public") / page)
