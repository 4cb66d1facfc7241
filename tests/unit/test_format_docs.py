"""Every complete example on the format pages passes `validator check`: docs cannot drift
from the models."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from tests.support import ROOT
from tests.support.corpus import BASE
from validator.checking.check import check

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
    """The documented org/policy.yaml shows the defaults; each deadline and threshold line says
    whether the regulation sets it (the article) or the organisation does (本组织规定)."""
    text = next(t for page, path, t in EXAMPLES if page == "org.md" and "reports:" in t)
    lines = {line.split(":", 1)[0].strip(): line for line in text.splitlines() if "#" in line}
    for key, basis in [
        ("weekly", "三(一)3"),
        ("monthly", "本组织规定"),
        ("expenses", "三(一)4"),
        ("incidents", "本组织规定"),
        ("handover", "本组织规定"),
        ("rotation", "四(一)"),
        ("performance", "四(一)2"),
    ]:
        assert key in lines, key
        assert basis in lines[key].split("#", 1)[1], lines[key]
