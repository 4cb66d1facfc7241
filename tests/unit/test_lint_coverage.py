"""`ruff check .` looks at every Python file of the package, the tests and the bench: an exclude
pattern without a path ("site", meant for MkDocs' output folder) matched every folder of that
name, and validator/site/ and tests/site/ went unlinted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support import ROOT


def test_ruff_checks_every_python_file_of_the_project() -> None:
    ruff = Path(sys.executable).parent / "ruff"
    listed = subprocess.run(
        [str(ruff), "check", "--show-files", "."], cwd=ROOT, capture_output=True, text=True
    ).stdout
    seen = {Path(line.strip()).resolve() for line in listed.splitlines() if line.strip()}
    ours = [
        path.resolve()
        for folder in ("validator", "tests", "bench")
        for path in (ROOT / folder).rglob("*.py")
    ]
    assert ours and [str(p.relative_to(ROOT)) for p in ours if p not in seen] == []
