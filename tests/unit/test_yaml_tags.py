"""Explicit core tags and over-long keys: the loader answers as libyaml does, with a diagnostic.

`!!bool foo` used to raise out of the loader (a traceback for the whole repository check) and
`!!int abc` was silently kept as the text `abc`; a plain key over 1,024 characters was accepted
by the block reader although libyaml rejects it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.support.agreement import assert_agrees
from validator.reading.blockyaml import load_block
from validator.reading.loader import load_text

BAD_TAGS = [
    "!!bool foo",
    "!!timestamp foo",
    "!!timestamp 2026-02-30",
    "!!int ''",
    "!!float ''",
    "!!bool",
    "!!int abc",
    "!!float abc",
    "!!null foo",
    '!!int "12x"',
]


@pytest.mark.parametrize("value", BAD_TAGS)
def test_a_tag_that_cannot_hold_its_value_is_a_diagnostic_at_its_line(value: str) -> None:
    result = load_text(f"summary: 文本\nsite: {value}\nplan: [a]\n", "x.yaml")
    assert result.document is None
    [found] = result.diagnostics
    assert (found.rule, found.line, found.column) == ("yaml-syntax", 2, 7)
    tag = value.split()[0]
    assert tag in found.message("zh")
    assert tag in found.message("en")


def test_a_tagged_key_that_cannot_hold_its_text_is_a_diagnostic() -> None:
    result = load_text("a: 1\n!!int abc: 2\n", "x.yaml")
    assert result.document is None
    assert [(d.rule, d.line, d.column) for d in result.diagnostics] == [("yaml-syntax", 2, 1)]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("!!int 3", 3),
        ("!!float 1.5", 1.5),
        ("!!bool yes", True),
        ("!!null ''", None),
        ("!!str 3", "3"),
        ("!!timestamp 2026-11-17", dt.date(2026, 11, 17)),
    ],
)
def test_a_tag_that_fits_its_value_still_loads(value: str, expected: object) -> None:
    result = load_text(f"x: {value}\n", "x.yaml")
    assert result.diagnostics == []
    assert result.document is not None and result.document.data == {"x": expected}


def test_an_impossible_untagged_date_stays_text_for_the_schema() -> None:
    result = load_text("x: 2026-02-30\n", "x.yaml")
    assert result.document is not None and result.document.data == {"x": "2026-02-30"}


@pytest.mark.parametrize(
    "template",
    [
        "{key}: 1\n",
        "a: 1\n{key}: 2\n",
        "- {key}: 1\n",
        "a:\n  - b: 1\n    {key}: 2\n",
        "a: {{{key}: 1}}\n",
    ],
)
def test_a_plain_key_over_1024_characters_is_rejected_as_libyaml_does(template: str) -> None:
    long = template.format(key="k" * 1025)
    assert load_block(long, "x.yaml") is None
    result = load_text(long, "x.yaml")
    assert result.document is None
    assert [d.rule for d in result.diagnostics] == ["yaml-syntax"]
    assert assert_agrees(template.format(key="k" * 1024)) is not None


def _resolved(text: str) -> object:
    """What a plain scalar means by the resolver itself, without `plain_scalar`'s shortcut."""
    from validator.reading import scalars

    tag = scalars._RESOLVER.resolve(scalars._SCALAR, text, scalars._PLAIN)
    return scalars.build(tag, text) if tag in scalars.BUILDERS else MISSING_TAG


MISSING_TAG = object()
FIRSTS = [chr(c) for c in range(0x21, 0x7F)] + ["本", "é", "１", "\u00a0"]
TAILS = ["", "1", "0", "rue", "ull", "es", "n", ".5", "inf", "nan", "026-11-02", "_000", "x1F"]


@pytest.mark.parametrize("first", FIRSTS)
def test_the_first_character_shortcut_agrees_with_the_resolver(first: str) -> None:
    """Free text skips the YAML 1.1 type patterns by its first character: every first
    character, with tails that make numbers, dates, booleans and nulls, means the same."""
    from validator.reading.scalars import PLAIN_VALUES, plain_scalar

    for tail in TAILS:
        text = first + tail
        PLAIN_VALUES.pop(text, None)  # judged afresh, not from an earlier answer
        value, ok = plain_scalar(text)
        expected = _resolved(text)
        assert ok == (expected is not MISSING_TAG), text
        if ok:
            assert (type(value), value) == (type(expected), expected), text
