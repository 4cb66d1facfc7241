"""Report models share the set of the fields they were given (`share_given_fields`), as the
loader of every command that keeps them leaves them (`ReportLoader`).

Sharing saves a third of a national company's memory; it is only right while each model still
answers `model_fields_set` for itself and a copy with changes never reaches the others."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from tests.support import CASES
from tests.support.corpus import materialise
from validator.kinds import REPORT_MODELS
from validator.kinds.weekly import WeeklyReport
from validator.models.common import share_given_fields
from validator.repo.workspace import open_workspace

REPORT = CASES / "valid/weekly-minimal/submissions/li-ming/weekly/2026-W47.yaml"


def weekly(**extra: Any) -> Any:
    data = yaml.safe_load(REPORT.read_text(encoding="utf-8"))
    model = REPORT_MODELS["weekly"].model_validate({**data, **extra})
    share_given_fields(model)
    return model


def test_models_with_the_same_fields_share_one_set() -> None:
    first, second = weekly(), weekly()
    assert first.model_fields_set is second.model_fields_set
    assert first.work[0].model_fields_set is second.work[0].model_fields_set


def test_each_model_still_names_its_own_fields() -> None:
    plain, late = weekly(), weekly(late_reason="驻地停电两天")
    assert "late_reason" not in plain.model_fields_set
    assert "late_reason" in late.model_fields_set
    assert plain.model_fields_set < late.model_fields_set


def test_a_copy_with_changes_leaves_the_others_alone() -> None:
    first, second = weekly(), weekly()
    before = set(second.model_fields_set)
    changed = first.model_copy(update={"late_reason": "补交"})
    assert "late_reason" in changed.model_fields_set
    assert second.model_fields_set == before and first.model_fields_set == before


def test_the_loader_of_a_command_that_keeps_the_reports_shares_their_sets(tmp_path: Path) -> None:
    materialise(CASES / "valid/weekly-minimal", tmp_path)
    report = tmp_path / "submissions/li-ming/weekly/2026-W47.yaml"
    for week in (45, 46):
        text = report.read_text(encoding="utf-8").replace("2026-W47", f"2026-W{week}")
        (tmp_path / f"submissions/li-ming/weekly/2026-W{week}.yaml").write_text(text, "utf-8")
    workspace = open_workspace(tmp_path, None, use_cache=False)
    models = [rf.report for rf in workspace.reports]
    assert len(models) == 3 and all(m is not None for m in models)
    weekly = [m for m in models if isinstance(m, WeeklyReport)]
    assert len(weekly) == len(models)  # all three are weekly reports
    assert len({id(m.model_fields_set) for m in weekly}) == 1
    assert len({id(m.work[0].model_fields_set) for m in weekly}) == 1
