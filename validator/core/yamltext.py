"""YAML written with plain string formatting (a demo's tens of thousands of files, the values
`validator new` carries into a template), quoted whenever YAML would read them as something
other than the intended string."""

from __future__ import annotations

import json
import re

# what a plain scalar may look like without YAML 1.1/1.2 resolving it to another type or
# mistaking it for syntax: starts with a letter or CJK character, no ": ", " #", quotes or brackets
_PLAIN = re.compile(r"^[A-Za-z\u3000-\u9fff\uff00-\uffef][^:#'\"\[\]{},&*!|>%@`\n]*$")
_RESERVED = re.compile(r"^(?:y|n|yes|no|true|false|on|off|null|nan|inf)$", re.IGNORECASE)


def scalar(text: str) -> str:
    """`text` as a YAML string scalar: plain when that reads back as the same string, else
    double-quoted (a JSON string is a valid YAML double-quoted scalar)."""
    if _PLAIN.match(text) and not _RESERVED.match(text) and text == text.strip():
        return text
    return json.dumps(text, ensure_ascii=False)


def flow(items: list[str]) -> str:
    """A flow sequence of strings, e.g. `[guangzhou, foshan]`."""
    return "[" + ", ".join(scalar(item) for item in items) + "]"
