"""The layer contracts in pyproject.toml hold, and an upward import breaks them (so a new one
fails `make lint` instead of slipping in)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.support import ROOT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(tree / "pyproject.toml"), "--no-cache"],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


def _copy(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    tree.mkdir()
    shutil.copy(ROOT / "pyproject.toml", tree)
    shutil.copytree(
        ROOT / "validator", tree / "validator", ignore=shutil.ignore_patterns("__pycache__")
    )
    return tree


def test_the_package_keeps_its_layers(tmp_path: Path) -> None:
    done = _lint(_copy(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "BROKEN" not in done.stdout


def test_an_upward_import_breaks_the_contract(tmp_path: Path) -> None:
    tree = _copy(tmp_path)
    errors = tree / "validator" / "core" / "errors.py"
    errors.write_text(errors.read_text("utf-8") + "\nimport validator.cli  # noqa\n", "utf-8")
    done = _lint(tree)
    assert done.returncode == 1
    assert "validator.core.errors -> validator.cli" in done.stdout


def test_a_cycle_inside_repo_breaks_the_contract(tmp_path: Path) -> None:
    tree = _copy(tmp_path)
    git = tree / "validator" / "repo" / "git.py"
    git.write_text(git.read_text("utf-8") + "\nimport validator.repo.workspace  # noqa\n", "utf-8")
    done = _lint(tree)
    assert done.returncode == 1
    assert "BROKEN" in done.stdout
