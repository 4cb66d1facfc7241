"""A national company's reference data is larger than any report: org/staff.yaml for 2,000
people is about 550 KB. Reports keep their 256 KiB limit; files under org/ have their own."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from validator.cli import cli
from validator.reading.filebytes import MAX_BYTES, ORG_MAX_BYTES
from validator.reading.loader import load_file

NOW = "2026-11-25T12:00:00+08:00"


def _demo(root: Path) -> Path:
    result = CliRunner().invoke(cli, ["demo", str(root), "--staff", "8", "--weeks", "2",
                                      "--now", NOW, "-q"])  # fmt: skip
    assert result.exit_code == 0, result.output
    return root


def _pad(path: Path, size: int) -> None:
    """Grow a YAML file to `size` bytes with comment lines (its data unchanged)."""
    text = path.read_text("utf-8")
    line = "# " + "x" * 98 + "\n"
    path.write_text(text + line * ((size - len(text.encode("utf-8"))) // len(line) + 1), "utf-8")


def _check(root: Path) -> list[dict[str, object]]:
    result = CliRunner().invoke(
        cli, ["check", "--repo", str(root), "--now", NOW, "--no-cache", "--format", "json"]
    )
    assert result.exit_code in (0, 1), result.output
    found: list[dict[str, object]] = json.loads(result.stdout)["diagnostics"]
    return found


def test_a_large_roster_is_read_and_a_large_report_is_not(tmp_path: Path) -> None:
    root = _demo(tmp_path / "repo")
    _pad(root / "org/staff.yaml", 600 * 1024)  # a 2,000-person roster's size
    report = next((root / "submissions").rglob("*.yaml"))
    _pad(report, MAX_BYTES + 1024)
    rel = report.relative_to(root).as_posix()
    found = [(d["path"], d["rule"]) for d in _check(root) if d["rule"] == "too-large"]
    assert found == [(rel, "too-large")]
    loaded = load_file(str(root / "org/staff.yaml"), "org/staff.yaml")
    assert loaded.document is not None and loaded.diagnostics == []


def test_an_org_file_over_its_own_limit_is_refused(tmp_path: Path) -> None:
    root = _demo(tmp_path / "repo")
    _pad(root / "org/regions.yaml", ORG_MAX_BYTES + 1)
    loaded = load_file(str(root / "org/regions.yaml"), "org/regions.yaml")
    assert loaded.document is None
    assert [(d.rule, dict(d.args)["limit"]) for d in loaded.diagnostics] == [
        ("too-large", ORG_MAX_BYTES // 1024)
    ]
