"""Property-based tests: for any bytes, any text and any YAML document, no exception escapes.

The loader and the check are the parts that read what staff write; the hostile catalogue in
test_hostile.py pins specific diagnostics, these tests look for the inputs nobody thought of.
Example counts are modest so that `make test` stays quick; `make fuzz` searches longer.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.corpus import CASES, materialise
from validator.cli import cli
from validator.core.diagnostics import Diagnostic
from validator.kinds import REPORT_MODELS
from validator.reading.filebytes import decode
from validator.reading.loader import MAX_DEPTH, load_text
from validator.reading.schema_errors import validate

REPORT = "submissions/li-ming/weekly/2026-W47.yaml"
NOW = "2026-11-22T10:00:00+08:00"
FIELDS = [
    "staff",
    "week",
    "summary",
    "work",
    "date",
    "description",
    "site",
    "category",
    "plan",
    "regions",
    "complaints",
    "handled",
    "escalated",
    "sales_info",
    "quality_issues",
    "support_needed",
    "late_reason",
]

# characters that steer the YAML scanner: indicators, quotes, breaks, and some Chinese text
YAML_ALPHABET = st.sampled_from(
    list("[]{}:,-?&*!|>'\"%@`#~. \t\n\r\\") + list("abcyno01x") + ["本周", "：", "\u200b", "\ufeff"]
)
yaml_text = st.lists(YAML_ALPHABET, max_size=80).map("".join)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["no", "yes", "on", "2026-W47", "2026-11-17", "li-ming", "station", "~", ""]),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(FIELDS), scalars), children, max_size=5),
    ),
    max_leaves=25,
)
# report-shaped documents reach deeper into the schema error mapping
report_like = st.dictionaries(st.sampled_from(FIELDS), documents, min_size=1, max_size=8)


def assert_diagnostics(problems: list[Diagnostic]) -> None:
    """Every diagnostic renders in both languages (a bad message key would raise here)."""
    for problem in problems:
        assert problem.message("zh") and problem.message("en")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_decode_never_raises(raw: bytes) -> None:
    text, problems = decode(raw, "x.yaml")
    assert (text is None) == bool(problems)
    assert_diagnostics(problems)
    if text is not None:
        assert "\x00" not in text


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), yaml_text))
def test_load_text_never_raises(text: str) -> None:
    result = load_text(text, "x.yaml")
    assert (result.document is None) == bool(result.diagnostics)
    assert_diagnostics(result.diagnostics)
    for problem in result.diagnostics:
        assert problem.rule in {"yaml-syntax", "yaml-unsafe", "duplicate-key"}


@settings(max_examples=200, deadline=None)
@given(st.one_of(documents, report_like))
def test_any_document_loads_and_validates_without_raising(data: Any) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    result = load_text(text, REPORT)
    if result.document is None:  # e.g. nested deeper than the loader allows
        assert [d.rule for d in result.diagnostics] == ["yaml-unsafe"]
        return
    for model in REPORT_MODELS.values():
        instance, problems = validate(result.document, model)
        assert (instance is None) == bool(problems)
        assert_diagnostics(problems)
        assert all(p.rule == "schema" for p in problems)


def test_nesting_limit_is_reported_not_raised() -> None:
    text = "".join("  " * i + "a:\n" for i in range(MAX_DEPTH + 5))
    result = load_text(text, REPORT)
    assert [d.rule for d in result.diagnostics] == ["yaml-unsafe"]


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("properties")
    materialise(CASES / "valid/weekly-minimal", root)
    return root


def run_check(root: Path) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(
        cli,
        ["check", "--repo", str(root), "--format", "json", "--now", NOW],
        env={"GITHUB_ACTIONS": "", "VALIDATOR_NOW": "", "VALIDATOR_REPO": ""},
        catch_exceptions=False,
    )
    assert "Traceback" not in result.output
    data: dict[str, Any] = json.loads(result.output)
    return result.exit_code, data


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(documents, report_like, yaml_text))
def test_check_on_any_weekly_report_exits_0_or_1(repo: Path, data: Any) -> None:
    text = (
        data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    )
    (repo / REPORT).write_text(text, encoding="utf-8")
    code, out = run_check(repo)
    assert code in (0, 1)
    assert code == (1 if out["errors"] else 0)
    for record in out["diagnostics"]:
        assert record["message"] and "pydantic" not in record["message"]


ORG_FIELDS = [
    "id",
    "name",
    "category",
    "email",
    "github",
    "role",
    "postings",
    "regions",
    "from",
    "to",
    "annual_sales",
    "high_failure_models",
    "one_stop",
    "adjacent",
    "staff",
    "kind",
    "purpose",
    "approved_by",
    "reason",
]
org_values = st.one_of(
    documents,
    st.sampled_from(["li-ming", "wang-fang", "guangzhou", "foshan", "staff", "reviewer"]),
    st.lists(st.sampled_from(["guangzhou", "foshan", "nowhere", 3]), max_size=3),
)
org_entries = st.lists(
    st.dictionaries(st.sampled_from(ORG_FIELDS), org_values, max_size=7), max_size=4
)
ORG_FILES = {
    "org/staff.yaml": "staff",
    "org/regions.yaml": "regions",
    "org/leave.yaml": "leave",
    "org/approvals.yaml": "approvals",
}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(ORG_FILES)), st.one_of(org_entries, documents))
def test_check_on_any_org_file_exits_0_or_1(repo: Path, name: str, entries: Any) -> None:
    """Reviewers edit org/ by hand; a broken roster or region list must not crash any rule."""
    original = (repo / name).read_text(encoding="utf-8")
    data = {ORG_FILES[name]: entries} if isinstance(entries, list) else entries
    try:
        (repo / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
        code, out = run_check(repo)
    finally:
        (repo / name).write_text(original, encoding="utf-8")
    assert code in (0, 1)
    assert code == (1 if out["errors"] else 0)
