"""The oracles for the fast readers: whatever they accept, the YAML path must agree with.

Shared by the differential tests (`test_blockyaml.py`, `test_archive.py`) and the fuzz targets,
so they hold the readers to one standard: same data with the same types and key order, for the
block reader every value and key position too, and the data-only reading giving the same data.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from validator.reading.blockyaml import load_block
from validator.reading.document import Document
from validator.reading.loader import LoadResult, load_libyaml, load_text
from validator.repo.archive_lines import load_summary


def typed(value: Any) -> Any:
    """`value` with each scalar tagged by its type (1 == 1.0 == True otherwise), mappings as
    ordered pairs (key order counts), NaN comparable."""
    if isinstance(value, dict):
        return [(typed(k), typed(v)) for k, v in value.items()]
    if isinstance(value, list):
        return [typed(v) for v in value]
    if isinstance(value, float) and value != value:
        return ("nan",)
    if isinstance(value, dt.datetime):  # equal instants may still be written differently
        return ("datetime", value, value.utcoffset())
    return (type(value).__name__, value)


def assert_agrees(text: str, path: str = "x.yaml") -> Document | None:
    """The fast reader's answer for `text` (None: declined), after checking it against
    libyaml's."""
    fast = load_block(text, path)
    if fast is None:
        return None
    full = _same_data(fast, load_libyaml(text, path), text)
    assert fast.values == full.values, f"value positions differ: {text!r}"
    assert fast.keys == full.keys, f"key positions differ: {text!r}"
    data_only = load_block(text, path, positions=False)
    assert data_only is not None and typed(data_only.data) == typed(fast.data), text
    return fast


def assert_summary_agrees(text: str, path: str = "archive/2025.yaml") -> Document | None:
    """The archive summary's line reader (`validator/repo/archive_lines.py`) held to the same
    standard: whatever it accepts, YAML reads to the same data (types, key order, time offsets)
    without a diagnostic. Its answer, or None when it left the text to YAML."""
    fast = load_summary(text, path)
    if fast is None:
        return None
    _same_data(fast, load_text(text, path), text)
    return fast


def _same_data(fast: Document, full: LoadResult, text: str) -> Document:
    """The YAML path's document for `text`, after checking it read the text without a
    diagnostic into the same data as the fast reader (types, key order, time offsets)."""
    assert full.diagnostics == [] and full.document is not None, f"YAML rejects {text!r}"
    assert typed(fast.data) == typed(full.document.data), f"data differs: {text!r}"
    return full.document
