"""YAML written with plain string formatting (a demo's tens of thousands of files, the values
`validator new` carries into a template), quoted whenever YAML would read them as something
other than the intended string."""

from __future__ import annotations

import json
import re

#: characters YAML does not take as written: outside its printable set (C0 and C1 controls, DEL,
#: lone surrogates, U+FFFE/U+FFFF), a line break other than LF (CR, NEL, U+2028, U+2029), which
#: a plain or quoted scalar folds into a space, and a byte-order mark
_UNSAFE = "\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff"
# what a plain scalar may look like without YAML 1.1/1.2 resolving it to another type or
# mistaking it for syntax: starts with a letter or CJK character, no ": ", " #", quotes, brackets
# or unsafe characters
_PLAIN = re.compile(rf"[A-Za-z\u3000-\u9fff\uff00-\uffef][^:#'\"\[\]{{}},&*!|>%@`{_UNSAFE}]*\Z")
_RESERVED = re.compile(r"^(?:y|n|yes|no|true|false|on|off|null|nan|inf)$", re.IGNORECASE)
_ESCAPE = re.compile(f"[{_UNSAFE}]")


def scalar(text: str) -> str:
    """`text` as a YAML string scalar: plain when that reads back as the same string, else
    double-quoted (a JSON string is a valid YAML double-quoted scalar once the characters YAML
    would not keep, which JSON leaves raw, are escaped too)."""
    if _PLAIN.match(text) and not _RESERVED.match(text) and text == text.strip():
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    return _ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def flow(items: list[str]) -> str:
    """A flow sequence of strings, e.g. `[guangzhou, foshan]`."""
    return "[" + ", ".join(scalar(item) for item in items) + "]"
