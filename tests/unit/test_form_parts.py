"""The report form's script and its parts (docs/form/): form.js, the one script every page loads,
loads the parts listed in its PARTS, in that order; each part takes from window.reportFormParts
only what form.js or a part before it has put there."""

from __future__ import annotations

import re

from tests.support import ROOT

FORM = ROOT / "docs" / "form"
_PARTS = re.compile(r"(?s)var PARTS = \[(.*?)\];")
_TAKES = re.compile(r"(?m)^  var (\w+) = parts\.(\w+);$")
_GIVES = re.compile(r"(?m)^  parts\.(\w+) = (\w+);$")


def _parts() -> list[str]:
    listed = _PARTS.search((FORM / "form.js").read_text("utf-8"))
    assert listed is not None
    return re.findall(r'"([^"]+)"', listed[1])


def test_form_js_is_the_only_one_of_them_every_page_loads() -> None:
    """The parts load on the form's page only: mkdocs.yml lists form.js alone of them."""
    settings = (ROOT / "mkdocs.yml").read_text("utf-8")
    scripts = re.search(r"(?m)^extra_javascript:\n((?:  - .*\n)+)", settings)
    assert scripts is not None
    listed = [line.split()[1] for line in scripts[1].splitlines()]
    assert [s for s in listed if s.startswith("form/")] == ["form/form.js"]


def test_every_part_beside_form_js_is_loaded_and_every_one_loaded_is_there() -> None:
    parts = _parts()
    assert len(parts) == len(set(parts))
    assert sorted(parts) == sorted(p.name for p in FORM.glob("*.js") if p.name != "form.js")


def test_each_part_takes_only_what_is_already_given() -> None:
    given = set(_GIVES.findall((FORM / "form.js").read_text("utf-8")))
    given = {name for name, value in given if name == value}
    assert given == {"Form", "KINDS", "url"}
    for part in _parts():
        text = (FORM / part).read_text("utf-8")
        assert text.rstrip().endswith("})(window.reportFormParts);"), part
        for name, value in _TAKES.findall(text):
            assert name == value and name in given, (part, name)
        given |= {name for name, value in _GIVES.findall(text) if name == value}


def test_form_js_binds_what_it_takes_from_its_parts() -> None:
    text = (FORM / "form.js").read_text("utf-8")
    given = set()
    for part in _parts():
        given |= {name for name, _ in _GIVES.findall((FORM / part).read_text("utf-8"))}
    bound = re.findall(r"(?m)^    (\w+) = parts\.(\w+);$", text)
    assert bound and all(name == value and name in given for name, value in bound)
