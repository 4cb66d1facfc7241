"""A report check that looks at some report kinds only is not run for the others (`report_check`
with `kinds`), and every other check runs for every kind."""

from __future__ import annotations

import pytest

from validator.core.diagnostics import Finding
from validator.kinds import KINDS
from validator.repo.layout import ReportFile
from validator.rules import REPORT_CHECKS, base
from validator.rules.base import Context, report_check


def ids(kind: str) -> list[str]:
    """The report checks `rules.run` runs for `kind`, in their order."""
    return [rule.id for rule, _ in base.CHECKS_BY_KIND[kind]]


def test_a_check_for_some_kinds_is_skipped_for_the_others() -> None:
    assert "approval-missing" in ids("expenses") and "approval-missing" not in ids("weekly")
    assert "spare-overdue" in ids("monthly") and "spare-overdue" not in ids("expenses")
    assert "handover-units" in ids("handover") and "handover-units" not in ids("monthly")


def test_every_other_check_runs_for_every_kind_in_its_order() -> None:
    everywhere = [rule.id for rule, _ in REPORT_CHECKS if rule.id in ids("incidents")]
    assert "late" in everywhere and "future-period" in everywhere
    for kind in KINDS:
        assert [i for i in ids(kind) if i in everywhere] == everywhere


def test_a_check_for_an_unknown_kind_is_refused_when_it_is_declared() -> None:
    with pytest.raises(ValueError, match="unknown report kinds"):
        report_check("late", kinds=("weekley",))


def test_a_check_registered_later_is_run_too(monkeypatch: pytest.MonkeyPatch) -> None:
    before = ids("weekly")
    monkeypatch.setattr(base, "REPORT_CHECKS", list(REPORT_CHECKS))
    for kind, checks in base.CHECKS_BY_KIND.items():  # the one table, restored after the test
        monkeypatch.setitem(base.CHECKS_BY_KIND, kind, list(checks))

    @report_check("late", kinds=("weekly",))
    def another(ctx: Context, rf: ReportFile) -> list[Finding]:
        return []

    assert ids("weekly") == [*before, "late"]
    assert ids("monthly").count("late") == 1  # the new check is for weekly reports only
