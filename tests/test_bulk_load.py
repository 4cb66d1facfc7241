"""Parsing on two cores gives exactly what one process gives, and survives a failing helper.

A real repository only takes this path above 2,000 reports; here the threshold is lowered so a
small corpus repository goes through the forked helper.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest

from tests.corpus import CASES, materialise
from validator import bulk_load
from validator.bulk_load import Loader
from validator.check import check
from validator.report_cache import LazyDocument
from validator.workspace import ReportFile, classify

NOW = dt.datetime.fromisoformat("2026-11-22T10:00:00+08:00")
REPORT = "submissions/li-ming/weekly/2026-W47.yaml"


def many_reports(root: Path) -> list[ReportFile]:
    """The minimal weekly case plus broken and valid copies under other weeks."""
    materialise(CASES / "valid/weekly-minimal", root)
    good = (root / REPORT).read_text(encoding="utf-8")
    for week in range(40, 47):
        text = good.replace("2026-W47", f"2026-W{week}")
        if week % 3 == 0:
            text = text.replace("summary:", "sumary:")
        (root / f"submissions/li-ming/weekly/2026-W{week}.yaml").write_text(text, "utf-8")
    (root / "submissions/li-ming/weekly/2026-W39.yaml").write_bytes(b"\xff\xfe")
    paths = sorted(str(p.relative_to(root)) for p in (root / "submissions").rglob("*.yaml"))
    reports = [classify(p) for p in paths]
    assert all(isinstance(r, ReportFile) for r in reports)
    return reports  # type: ignore[return-value]


@pytest.fixture
def forking(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bulk_load, "PARALLEL_MIN", 2)
    monkeypatch.setattr(bulk_load.threading, "active_count", lambda: 1)


def outcome(reports: list[ReportFile]) -> list[tuple[str, object, object, list[str]]]:
    return [
        (
            r.path,
            r.document.data if r.document is not None else None,
            r.report,
            [d.key for d in r.diagnostics],
        )
        for r in reports
    ]


def test_helper_parses_half_with_the_same_results(forking: None, tmp_path: Path) -> None:
    serial = many_reports(tmp_path)
    for report in serial:
        bulk_load.load_one(tmp_path, report, None)
    parallel = many_reports(tmp_path)
    loader = Loader(tmp_path, parallel, None)
    loader.start()
    assert loader.process is not None and len(loader.theirs) == len(parallel) - len(parallel) // 2
    loader.finish()
    assert outcome(parallel) == outcome(serial)
    helped = [r for r in loader.theirs if r.document is not None]
    assert helped and all(isinstance(r.document, LazyDocument) for r in helped)
    first = helped[0].document
    assert first is not None and first.mark(("staff",)) is not None


def test_failing_helper_means_the_parent_parses(
    forking: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = os.getpid()
    real_parse = bulk_load.parse

    def parse_only_in_parent(raw: bytes, path: str, kind: str) -> bulk_load.Entry:
        if os.getpid() != parent:
            raise RuntimeError("helper failure")
        return real_parse(raw, path, kind)

    monkeypatch.setattr(bulk_load, "parse", parse_only_in_parent)
    reports = many_reports(tmp_path)
    loader = Loader(tmp_path, reports, None)
    loader.start()
    assert loader.process is not None
    loader.finish()
    assert all(r.report is not None or r.diagnostics for r in reports)
    assert not any(isinstance(r.document, LazyDocument) for r in reports)


def test_check_through_the_helper_matches_one_process(forking: None, tmp_path: Path) -> None:
    many_reports(tmp_path)
    with_helper = check(tmp_path, None, NOW, use_cache=False).diagnostics
    bulk_load.PARALLEL_MIN = 10**9
    alone = check(tmp_path, None, NOW, use_cache=False).diagnostics
    assert with_helper == alone
    assert {d.rule for d in alone} >= {"schema", "encoding"}


def test_helper_that_never_answers_is_killed(
    forking: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = os.getpid()
    real_parse = bulk_load.parse

    def hang_in_helper(raw: bytes, path: str, kind: str) -> bulk_load.Entry:
        if os.getpid() != parent:
            time.sleep(60)
        return real_parse(raw, path, kind)

    monkeypatch.setattr(bulk_load, "parse", hang_in_helper)
    monkeypatch.setattr(bulk_load, "HELPER_TIMEOUT", 0.5)
    monkeypatch.setattr(bulk_load, "HELPER_EXIT", 0.1)
    reports = many_reports(tmp_path)
    loader = Loader(tmp_path, reports, None)
    loader.start()
    loader.finish()
    assert not loader.process.is_alive()
    assert all(r.report is not None or r.diagnostics for r in reports)
