"""Report models share the set of the fields they were given (`Model.model_post_init`).

Sharing saves a third of a national company's memory; it is only right while each model still
answers `model_fields_set` for itself and a copy with changes never reaches the others."""

from __future__ import annotations

from typing import Any

import yaml

from tests.support import CASES
from validator.kinds import REPORT_MODELS

REPORT = CASES / "valid/weekly-minimal/submissions/li-ming/weekly/2026-W47.yaml"


def weekly(**extra: Any) -> Any:
    data = yaml.safe_load(REPORT.read_text(encoding="utf-8"))
    return REPORT_MODELS["weekly"].model_validate({**data, **extra})


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
