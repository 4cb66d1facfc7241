"""Statements of /work/shared/SPEC.md that no other test pinned: each test names the section it
holds the product to, and fails when the product stops doing what that section says."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.support.corpus import CASES, materialise
from tests.support.roster import member, staff_yaml
from validator.cli import cli
from validator.features.rotation import LOW_SCORE, assess_rotation
from validator.models.org import Scores, Staff, StaffRoster
from validator.models.policy import Policy
from validator.repo.org_data import Org

NOW = "2026-11-22T10:00:00+08:00"
WEEKLY = "submissions/li-ming/weekly/2026-W47.yaml"
CLEAN_ENV = {
    "GITHUB_ACTIONS": "",
    "GITHUB_STEP_SUMMARY": "",
    "VALIDATOR_NOW": "",
    "VALIDATOR_REPO": "",
    "VALIDATOR_AUDIENCE": "",
}


def check_json(repo: Path, *args: str, now: str = NOW) -> tuple[int, list[dict[str, Any]]]:
    result = CliRunner().invoke(
        cli,
        ["check", "--repo", str(repo), "--format", "json", "--now", now, *args],
        env=CLEAN_ENV,
    )
    assert result.exit_code in (0, 1), result.output
    diagnostics: list[dict[str, Any]] = json.loads(result.output)["diagnostics"]
    return result.exit_code, diagnostics


# --- §3 region class (JP 四(二)3) and allocation (JP 四(二)4) ---------------------------------


def test_region_class_thresholds_decide_the_allocation_warnings(tmp_path: Path) -> None:
    """SPEC §3 `org/regions.yaml`: "class 1 if `annual_sales >= 200000`, or `>= 100000` with
    `high_failure_models`; class 2 if `100000 <= annual_sales < 200000`; class 3 if `< 100000`."
    and "class 1 = one dispatched staff plus a channel assistant; class 2 = one dispatched staff
    ... Deviations are warnings (rule `allocation`)". Each region here has exactly one dispatched
    person and no channel assistant, so exactly the class-1 regions are warned about."""
    materialise(CASES / "valid/weekly-minimal", tmp_path)
    regions = [
        ("r-a", "甲", 200000, False),  # class 1 at the boundary
        ("r-b", "乙", 199999, False),  # class 2
        ("r-c", "丙", 100000, True),  # class 1 through high-failure models
        ("r-d", "丁", 100000, False),  # class 2 at its lower boundary
        ("r-e", "戊", 99999, True),  # class 3: high failure alone is not enough
    ]
    (tmp_path / "org/regions.yaml").write_text(
        "regions:\n"
        + "".join(
            f"  - {{id: {rid}, name: {name}, annual_sales: {sales}, "
            f"high_failure_models: {str(hf).lower()}, adjacent: []}}\n"
            for rid, name, sales, hf in regions
        ),
        encoding="utf-8",
    )
    people = [
        member(f"p-{rid[-1]}", f"人{name}", "technician", f"gh-{rid}", regions=(rid,))
        for rid, name, _, _ in regions
    ]
    reviewer = member("zhao-lei", "赵磊", "technician", "zhaolei", role="reviewer")
    (tmp_path / "org/staff.yaml").write_text(staff_yaml(*people, reviewer), encoding="utf-8")
    (tmp_path / "submissions").rename(tmp_path / "unused")  # the roster no longer has li-ming
    _, found = check_json(tmp_path)
    allocation = [(d["path"], d["line"], d["severity"]) for d in found if d["rule"] == "allocation"]
    # regions are listed one a line from line 2: r-a on 2, r-c on 4
    assert allocation == [("org/regions.yaml", 2, "warning"), ("org/regions.yaml", 4, "warning")]


# --- §4 expenses: an approval must be the claimant's own -------------------------------------

APPROVALS = """\
approvals:
  - id: APR-2026-0012
    staff: li-ming
    kind: travel
    from: 2026-10-12
    to: 2026-10-14
    purpose: 佛山授权站年度检查
    approved_by: 赵磊
    approved_on: 2026-10-09
  - id: APR-2026-0020
    staff: chen-jing
    kind: travel
    from: 2026-10-12
    to: 2026-10-14
    purpose: 东莞授权站年度检查
    approved_by: 赵磊
    approved_on: 2026-10-09
"""


@pytest.mark.parametrize(
    ("approval", "day", "expected"),
    [
        ("APR-2026-0012", "2026-10-12", []),  # own approval, its first day
        ("APR-2026-0012", "2026-10-14", []),  # own approval, its last day
        ("APR-2026-0020", "2026-10-13", [("approval-missing", "error")]),  # a colleague's
    ],
)
def test_a_travel_item_must_cite_an_approval_of_the_same_staff_member(
    tmp_path: Path, approval: str, day: str, expected: list[tuple[str, str]]
) -> None:
    """SPEC §4: "a `travel` or `reception` item must cite an approval of the same staff member
    whose dates cover it (rule `approval-missing`)". A colleague's approval covering the date
    does not count; the claimant's own covers its first and last day."""
    materialise(CASES / "valid/weekly-minimal", tmp_path)
    (tmp_path / "org/approvals.yaml").write_text(APPROVALS, encoding="utf-8")
    claim = tmp_path / "submissions/li-ming/expenses/2026-10.yaml"
    claim.parent.mkdir(parents=True)
    claim.write_text(
        "staff: li-ming\nmonth: 2026-10\nitems:\n"
        f"  - {{date: {day}, category: travel, amount: 600.00, description: 赴佛山出差, "
        f"approval: {approval}}}\n",
        encoding="utf-8",
    )
    # before the claim's deadline (10 November), so only the approval is judged
    _, found = check_json(
        tmp_path, "submissions/li-ming/expenses/2026-10.yaml", now="2026-11-05T10:00:00+08:00"
    )
    assert [(d["rule"], d["severity"]) for d in found] == expected


# --- §6 too-large: "over 256 KiB" -------------------------------------------------------------


@pytest.mark.parametrize(("size", "too_large"), [(256 * 1024, False), (256 * 1024 + 1, True)])
def test_a_report_of_exactly_256_kib_is_read_and_one_byte_more_is_too_large(
    tmp_path: Path, size: int, too_large: bool
) -> None:
    """SPEC §6 rule ids: "`too-large` (over 256 KiB)": a file of exactly 262144 bytes is read
    and checked as usual, 262145 bytes is `too-large`."""
    materialise(CASES / "valid/weekly-minimal", tmp_path)
    path = tmp_path / WEEKLY
    text = path.read_bytes()
    padding = size - len(text) - 1
    assert padding > 0
    path.write_bytes(text + b"#" * padding + b"\n")
    assert path.stat().st_size == size
    code, found = check_json(tmp_path, WEEKLY)
    assert [d["rule"] for d in found] == (["too-large"] if too_large else [])
    assert code == (1 if too_large else 0)


# --- §8 which data a build renders (pinned) ---------------------------------------------------


def _pages(out: Path, *args: str, env: dict[str, str]) -> None:
    result = CliRunner().invoke(
        cli, ["pages", "--out", str(out), "--now", NOW, *args], env={**CLEAN_ENV, **env}
    )
    assert result.exit_code == 0, result.output


def _people(out: Path) -> list[str]:
    folder = out / "data/people"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_pages_audience_option_beats_the_environment_and_the_default_is_public(
    tmp_path: Path,
) -> None:
    """SPEC §8 (pinned): "audience from `--audience`, else `$VALIDATOR_AUDIENCE`, else `public`"
    and Privacy: `public` carries no per-person data. An explicit `--audience public` must win
    over `VALIDATOR_AUDIENCE=internal`, and with neither set the pages are public."""
    repo = tmp_path / "repo"
    materialise(CASES / "valid/weekly-minimal", repo)
    internal = tmp_path / "internal"
    _pages(internal, "--repo", str(repo), env={"VALIDATOR_AUDIENCE": "internal"})
    assert "li-ming.json" in _people(internal)  # the environment alone selects internal
    forced = tmp_path / "forced-public"
    _pages(
        forced, "--repo", str(repo), "--audience", "public", env={"VALIDATOR_AUDIENCE": "internal"}
    )
    assert _people(forced) == []
    default = tmp_path / "default"
    _pages(default, "--repo", str(repo), env={})
    assert _people(default) == []


def test_pages_repo_option_beats_validator_repo(tmp_path: Path) -> None:
    """SPEC §8 (pinned): "Which data a build renders: `--repo`, else `$VALIDATOR_REPO`, else the
    current repository"."""
    chosen = tmp_path / "chosen"
    materialise(CASES / "valid/weekly-minimal", chosen)
    other = tmp_path / "other"
    materialise(CASES / "valid/weekly-minimal", other)
    (other / "org/staff.yaml").write_text(
        staff_yaml(member("sun-qi", "孙琦", "technician", "sunqi", regions=("guangzhou",))),
        encoding="utf-8",
    )
    (other / "submissions").rename(other / "unused")
    env = {"VALIDATOR_REPO": str(other), "VALIDATOR_AUDIENCE": "internal"}
    from_env = tmp_path / "from-env"
    _pages(from_env, env=env)
    assert "sun-qi.json" in _people(from_env)
    from_option = tmp_path / "from-option"
    _pages(from_option, "--repo", str(chosen), env=env)
    people = _people(from_option)
    assert "li-ming.json" in people and "sun-qi.json" not in people


# --- §3 performance threshold / §8 rotation "score < 60" --------------------------------------


def _member(staff_id: str) -> Staff:
    return Staff.model_validate(
        {
            "id": staff_id,
            "name": staff_id,
            "category": "account_manager",
            "email": f"{staff_id}@example.com",
            "github": f"gh-{staff_id}",
            "postings": [{"regions": ["guangzhou"], "from": "2026-01-01", "to": None}],
        }
    )


def _low(scores: dict[str, float], **policy: Any) -> set[str]:
    org = Org(
        policy=Policy.model_validate(policy),
        roster=StaffRoster(staff=[_member(s) for s in scores]),
        scores={"2026-10": Scores(month="2026-10", scores=scores)},
    )
    board = assess_rotation(org, [], dt.date(2026, 11, 27))
    return {a.staff.id for a in board.assessments if LOW_SCORE in a.flags}


def test_a_score_at_the_threshold_is_not_low_and_the_threshold_is_the_policys() -> None:
    """SPEC §3 `performance: {threshold: 60}  # JP 四: 月度考核分数低于60分` and §8 rotation
    "score < 60": 60 itself is not below the threshold, 59.5 is; an organisation's own
    `performance.threshold` moves the line."""
    assert _low({"at-line": 60, "below": 59.5, "above": 75}) == {"below"}
    assert _low({"at-line": 60, "below": 59.5, "above": 75}, performance={"threshold": 80}) == {
        "at-line",
        "below",
        "above",
    }
    assert _low({"sixty-nine": 69, "seventy": 70}, performance={"threshold": 70}) == {"sixty-nine"}


# --- §4 monthly reports (pinned additions) ----------------------------------------------------

MONTHLY = "submissions/li-ming/monthly/2026-10.yaml"
MONTHLY_NOW = "2026-11-03T10:00:00+08:00"


@pytest.mark.parametrize(
    ("loaned", "expected"),
    [
        ("2026-08-15", []),  # lent earlier and still out: listed again
        ("2026-10-31", []),  # the last day of the report month
        ("2026-11-01", [("date-out-of-period", "error")]),  # after the month
    ],
)
def test_a_spare_unit_may_be_loaned_up_to_the_end_of_the_report_month(
    tmp_path: Path, loaned: str, expected: list[tuple[str, str]]
) -> None:
    """SPEC §4 Pinned additions: "Monthly `spare_units[]`: `loaned` may be any date up to the
    end of the report month (a unit lent earlier and still out is listed again)"; §6
    `date-out-of-period`: "a dated item falls outside its report's period"."""
    materialise(CASES / "valid/spare-units-carried", tmp_path)
    path = tmp_path / MONTHLY
    text = path.read_text(encoding="utf-8")
    assert "loaned: 2026-09-20" in text
    path.write_text(text.replace("loaned: 2026-09-20", f"loaned: {loaned}"), encoding="utf-8")
    _, found = check_json(tmp_path, MONTHLY, now=MONTHLY_NOW)
    assert [(d["rule"], d["severity"]) for d in found] == expected


@pytest.mark.parametrize(
    ("guangzhou_to", "expected"),
    [
        ("2026-10-15", [("stock-region-missing", "error")]),  # in force for half of October
        ("2026-10-01", [("stock-region-missing", "error")]),  # in force on its first day
        ("2026-09-30", []),  # ended before October: not owed
    ],
)
def test_faulty_stock_covers_a_region_whose_posting_ended_during_the_month(
    tmp_path: Path, guangzhou_to: str, expected: list[tuple[str, str]]
) -> None:
    """SPEC §4 Pinned additions: "`faulty_stock` must cover every region of the staff member's
    postings in force that month: error `stock-region-missing`". li-ming moves from guangzhou
    to foshan; October's report lists foshan only."""
    materialise(CASES / "valid/spare-units-carried", tmp_path)
    staff = tmp_path / "org/staff.yaml"
    text = staff.read_text(encoding="utf-8")
    old = "      - {regions: [guangzhou], from: 2025-03-01, to: null}\n  - id: wang-fang"
    assert old in text
    staff.write_text(
        text.replace(
            old,
            f"      - {{regions: [guangzhou], from: 2025-03-01, to: {guangzhou_to}}}\n"
            f"      - {{regions: [foshan], from: {guangzhou_to}, to: null}}\n  - id: wang-fang",
        ),
        encoding="utf-8",
    )
    path = tmp_path / MONTHLY
    text = path.read_text(encoding="utf-8")
    assert "{region: guangzhou, units: 12}" in text
    path.write_text(text.replace("region: guangzhou,", "region: foshan,"), encoding="utf-8")
    _, found = check_json(tmp_path, MONTHLY, now=MONTHLY_NOW)
    assert [(d["rule"], d["severity"]) for d in found] == expected
    assert all("guangzhou" in d["message"] for d in found)
