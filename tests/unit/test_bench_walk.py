"""The bench times the history walk exactly as `validator check` runs it: its copy of the git
arguments must not go stale when the walk changes (the bench does not import the package, so
that it can time older versions too)."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from tests.support import ROOT
from validator.repo import history_log


def test_the_bench_walks_the_history_as_check_does(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(ROOT / "bench"))  # as `python bench/run.py` finds its own
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench/run.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench_run", bench)  # its dataclasses look themselves up
    spec.loader.exec_module(bench)
    assert list(bench.HISTORY_ARGS) == history_log.log_args("HEAD", None)
