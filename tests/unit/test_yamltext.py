"""`core.yamltext.scalar` writes a string so that YAML reads back that string: the demo's files
and the values `validator new` carries from last month's report (a holder or serial a person
typed, which a double-quoted escape may have given any character)."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from validator.core.yamltext import flow, scalar
from validator.reading.loader import load_text

ORDINARY = [
    "0042", "yes", "Yes", "ON", "true", "1e3", "null", "~", "-1", "- x", "? x", "2026-10-02",
    "12:30", ".inf", "<<", "a: b", "a #b", "a#b", "a,b", "a]b", "it's", 'say "hi"', "天河授权站",
    "x" * 200, "🚀", "a\u00a0b", "SN20260920",
]  # fmt: skip
#: a review's find: line breaks other than LF and control characters came back as something else
#: (CR and NEL folded into a space) or made the file unreadable (DEL, ESC, C1 controls)
UNSAFE = {
    "CR": "越秀\r二号柜",
    "NEL": "越秀\x85二号柜",
    "trailing-NEL": "越秀授权站\x85",
    "LS": "越秀\u2028二号柜",
    "PS": "越秀\u2029二号柜",
    "DEL": "SN\x7f01",
    "ESC": "SN\x1b01",
    "C1-CSI": "SN\x9b01",
    "BOM": "SN\ufeff01",
    "tab": "SN\t01",
}


def _read_back(text: str) -> object:
    result = load_text(f"holder: {text}\n", "submissions/li-ming/monthly/2026-11.yaml")
    assert result.document is not None, [d.message() for d in result.diagnostics]
    return result.document.data["holder"]


@pytest.mark.parametrize("value", ORDINARY)
def test_an_ordinary_value_reads_back_as_written(value: str) -> None:
    assert _read_back(scalar(value)) == value
    assert yaml.safe_load(f"holder: {scalar(value)}\n")["holder"] == value


@pytest.mark.parametrize("value", list(UNSAFE.values()), ids=list(UNSAFE))
def test_a_line_break_or_control_character_reads_back_as_written(value: str) -> None:
    written = scalar(value)
    assert written.isprintable(), written  # escaped, not raw
    assert _read_back(written) == value
    assert yaml.safe_load(f"holder: {written}\n")["holder"] == value


def test_plain_when_plain_reads_back_the_same() -> None:
    assert [scalar(v) for v in ("guangzhou", "天河授权站", "0042", "yes")] == [
        "guangzhou",
        "天河授权站",
        '"0042"',
        '"yes"',
    ]
    assert flow(["SN1", "0042"]) == '[SN1, "0042"]'


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=40))
def test_any_string_reads_back_as_written(value: str) -> None:
    """Every string YAML can hold (not a lone surrogate: no UTF-8 file can) comes back."""
    assume(not any("\ud800" <= c <= "\udfff" for c in value))
    assert _read_back(scalar(value)) == value
