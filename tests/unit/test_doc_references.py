"""The documents name the tests that show what they claim (SECURITY.md's defences, the guides'
and the performance page's figures): each named test file and test function exists, so a test
moved or renamed does not leave a claim pointing at nothing (tests/test_pages.py stayed named
after the tests moved into folders)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support import ROOT, written_docs

DOCUMENTS = written_docs()
_FILE = re.compile(r"\btests/[\w/]+\.py\b")
_TEST = re.compile(r"\btest_\w+")


def _tests_defined() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "tests").rglob("test_*.py"):
        found.update(re.findall(r"^def (test_\w+)", path.read_text("utf-8"), re.MULTILINE))
    return found


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_test_a_document_names_exists(document: Path) -> None:
    text = document.read_text("utf-8")
    files = [f for f in _FILE.findall(text) if not (ROOT / f).is_file()]
    assert files == [], f"{document.name} names test files that do not exist"
    named = {t for t in _TEST.findall(text) if not t.endswith("_")}
    defined = _tests_defined() | {Path(f).stem for f in _FILE.findall(text)}
    modules = {p.stem for p in (ROOT / "tests").rglob("test_*.py")}
    assert sorted(named - defined - modules) == [], f"{document.name} names unknown tests"
