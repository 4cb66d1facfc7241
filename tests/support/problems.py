"""What a writer is told about one report's text, as `validator check` tells it: the loader's
problems, else the schema's."""

from __future__ import annotations

from validator.kinds.base import Report
from validator.reading.loader import load_text
from validator.reading.schema_errors import validate

Problem = tuple[int | None, int | None, str, str]


def problems(path: str, text: str, model: type[Report], lang: str = "zh") -> list[Problem]:
    """(line, column, rule, message) of every problem of `text` filed at `path`."""
    result = load_text(text, path)
    found = result.diagnostics
    if result.document is not None:
        _, found = validate(result.document, model)
    return [(d.line, d.column, d.rule, d.message(lang)) for d in found]
