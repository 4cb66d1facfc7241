"""The test corpus: `tests/corpus/cases/{valid,invalid}/<case>/` are small repositories.

Each case holds the files it adds on top of `tests/corpus/cases/base/` (a shared org), an optional
`now.txt` (the moment of the check), and for invalid cases an `expected.json` with the
diagnostics. A case is materialised into a fresh directory, so symlinks and odd files can be
made there.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

from tests.support import CASES as CASES  # re-exported: tests import CASES from here

BASE = CASES / "base"
META = {"expected.json", "now.txt"}


def case_dirs(kind: str) -> list[Path]:
    return sorted(p for p in (CASES / kind).iterdir() if p.is_dir())


def materialise(case: Path, dest: Path) -> dt.datetime:
    """Copy base + case into `dest`; return the case's "now"."""
    shutil.copytree(BASE, dest, dirs_exist_ok=True, ignore=shutil.ignore_patterns(*META))
    shutil.copytree(case, dest, dirs_exist_ok=True, ignore=shutil.ignore_patterns(*META))
    now_file = case / "now.txt" if (case / "now.txt").exists() else BASE / "now.txt"
    return dt.datetime.fromisoformat(now_file.read_text().strip())


def as_records(diagnostics: list[Any]) -> list[dict[str, Any]]:
    """Diagnostics as the JSON records stored in expected.json (messages in Chinese)."""
    return [
        {
            "path": d.path,
            "line": d.line,
            "column": d.column,
            "severity": d.severity.value,
            "rule": d.rule,
            "message": d.message("zh"),
        }
        for d in diagnostics
    ]


def read_expected(case: Path) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    return data


def write_expected(case: Path, records: list[dict[str, Any]]) -> None:
    text = json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    (case / "expected.json").write_text(text, encoding="utf-8")
