"""The report form's vendored browser libraries are the ones package-lock.json pins."""

from __future__ import annotations

import json
import os

import pytest

from tests.support import ROOT

VENDOR = ROOT / "docs" / "assets" / "vendor"
#: npm package -> (file in the package, copy under docs/assets/vendor/)
FILES = {
    "@json-editor/json-editor": [
        ("dist/jsoneditor.js", "json-editor/jsoneditor.js"),
        ("dist/jsoneditor.js.LICENSE.txt", "json-editor/jsoneditor.js.LICENSE.txt"),
        ("LICENSE", "json-editor/LICENSE.txt"),
    ],
    "js-yaml": [
        ("dist/js-yaml.min.js", "js-yaml/js-yaml.min.js"),
        ("LICENSE", "js-yaml/LICENSE.txt"),
    ],
}


def test_versions_are_pinned_exactly() -> None:
    manifest = json.loads((ROOT / "package.json").read_text("utf-8"))
    lock = json.loads((ROOT / "package-lock.json").read_text("utf-8"))
    for name in FILES:
        wanted = manifest["dependencies"][name]
        assert wanted[0].isdigit(), f"{name}: pin an exact version, not {wanted}"
        assert lock["packages"][f"node_modules/{name}"]["version"] == wanted
    assert (
        "js-yaml " + manifest["dependencies"]["js-yaml"]
        in ((VENDOR / "js-yaml/js-yaml.min.js").read_text("utf-8").splitlines()[0])
    )


def test_copies_match_the_installed_packages() -> None:
    """`make vendor` copies; this catches a copy edited by hand or left behind an upgrade."""
    modules = ROOT / "node_modules"
    if not (modules / "js-yaml").is_dir():
        if os.environ.get("CI") == "true":  # `make test` runs `npm ci`: missing is a failure
            pytest.fail("CI=true but node_modules is missing (npm ci)")
        pytest.skip("node_modules not installed (npm ci)")
    for name, pairs in FILES.items():
        for source, copy in pairs:
            assert (VENDOR / copy).read_bytes() == (modules / name / source).read_bytes(), copy
