"""Every corpus case gives exactly its expected diagnostics (`--update-expected` rewrites them;
review the diff)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.corpus import as_records, case_dirs, materialise, read_expected, write_expected
from tests.support.pinned import PINNED_RULES
from validator.checking.check import check

VALID = case_dirs("valid")
INVALID = case_dirs("invalid")


@pytest.mark.parametrize("case", VALID, ids=[c.name for c in VALID])
def test_valid_case_has_no_diagnostics(case: Path, tmp_path: Path) -> None:
    now = materialise(case, tmp_path)
    result = check(tmp_path, None, now)
    warnings_allowed = case.name.endswith("is-warning")
    assert result.errors == 0, as_records(result.diagnostics)
    if not warnings_allowed:
        assert as_records(result.diagnostics) == []
    else:
        assert result.warnings >= 1


@pytest.mark.parametrize("case", INVALID, ids=[c.name for c in INVALID])
def test_invalid_case_matches_expected(
    case: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    now = materialise(case, tmp_path)
    result = check(tmp_path, None, now)
    records = as_records(result.diagnostics)
    if request.config.getoption("--update-expected"):
        write_expected(case, records)
    assert records == read_expected(case)
    assert result.exit_code == (1 if result.errors else 0)
    assert records, "an invalid case must produce at least one diagnostic"


def test_symlinked_report_is_refused(tmp_path: Path) -> None:
    now = materialise(next(c for c in VALID if c.name == "weekly-minimal"), tmp_path)
    target = tmp_path / "submissions/li-ming/weekly/2026-W47.yaml"
    link = tmp_path / "submissions/li-ming/weekly/2026-W46.yaml"
    link.symlink_to(target)
    result = check(tmp_path, None, now)
    assert [(d.path, d.rule) for d in result.diagnostics] == [
        ("submissions/li-ming/weekly/2026-W46.yaml", "symlink")
    ]


def test_every_pinned_rule_that_a_file_can_trigger_is_in_the_corpus() -> None:
    rules = {r["rule"] for case in INVALID for r in read_expected(case)}
    # symlinks need a link made in the test (above); the rest need git history or a pull request
    elsewhere = {"symlink", "not-owner", "modified-after-merge", "deleted-after-merge",
                 "backdated", "codeowners-stale"}  # fmt: skip
    file_rules = set(PINNED_RULES) - elsewhere
    assert file_rules <= rules, file_rules - rules
