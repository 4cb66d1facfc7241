"""Fuzzing target (atheris) for the archive summary's line reader: `make fuzz` runs it too.

Whatever `validator/repo/archive_lines.py` accepts must be read by YAML to the same data (types,
key order, time offsets) without a diagnostic (`tests.support.agreement.assert_summary_agrees`);
the summary check must then judge it without an exception. The seeds are summaries in the exact
shape `validator archive` writes, so mutations search the edge of that shape. Run longer with
`python tests/fuzz/fuzz_archive_lines.py -max_total_time=3600`.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # for `tests.support.agreement`

with atheris.instrument_imports():
    from tests.support.agreement import assert_summary_agrees
    from validator.repo.archive_parse import parse
    from validator.repo.archive_summary import Archive

PATH = "archive/2025.yaml"
HEAD = """\
version: 1
year: 2025
base: af0c4451dd97133e278e304034eb6dc520f252c8
branch: archive/2025
archived_at: 2026-03-10T12:00:00+08:00
reports:
"""
SEEDS = {
    "summary": "# 由 validator archive 生成:2025 年的报告在分支 archive/2025 上。请勿手工修改。\n"
    + HEAD
    + """\
  li-ming:
    weekly:
      2025-W01: [2025-01-05T20:11:00+08:00, 2025-01-06T13:00:00+08:00, on_time, 3f2a9c1e0b7d4a5f6e8d9c0b1a2f3e4d5c6b7a89]
      2025-W02: [2025-01-13T14:00:00+08:00, 2025-01-13T13:00:00+08:00, late, 0b1a2f3e4d5c6b7a893f2a9c1e0b7d4a5f6e8d9c]
    incidents:
      2025-06-02-tianhe-media: [2025-06-02T15:00:00+08:00, 2025-06-03T15:00:00+08:00, on_time, 9c1e0b7d4a5f6e8d9c0b1a2f3e4d5c6b7a893f2a, media]
    handover:
      2025-11-30: [2025-12-01T09:00:00+08:00, 2025-12-07T23:59:59+08:00, on_time, 5c6b7a893f2a9c1e0b7d4a5f6e8d9c0b1a2f3e4d]
spare_units:
  li-ming: [SN250103001, SN250103002]
  wang-fang: []
received:
  submissions/li-ming/weekly/2026-W01.yaml: [2026-01-04T19:00:00+08:00, 8c04a1b2c3d4e5f60718293a4b5c6d7e8f901234]
  submissions/li-ming/weekly/2026-W02.yaml: [2026-01-11T19:00:00+08:00, ""]
""",
    "empty": HEAD + "spare_units:\nreceived:\n",
}


def test_one_input(data: bytes) -> None:
    try:
        text = data.decode("utf-8")  # as `archived` reads the file; anything else is a message
    except UnicodeDecodeError:
        return
    fast = assert_summary_agrees(text, PATH)
    if fast is not None:
        parse(fast, Archive().problems)  # judged like any summary: no exception


def main() -> None:
    argv = list(sys.argv)
    if all(arg.startswith("-") for arg in argv[1:]):
        seeds = Path(tempfile.mkdtemp(prefix="fuzz-archive-"))
        for name, text in SEEDS.items():
            (seeds / name).write_text(text, encoding="utf-8")
        argv.append(str(seeds))
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
