"""How a YAML scalar becomes a Python value: YAML 1.1's implicit types, core tags only.

Both ways of loading a report (`loader` through libyaml, `blockyaml` line by line) resolve and
build scalars here, so they cannot disagree on what `2026-11-02`, `yes` or `1_000` means.
"""

from __future__ import annotations

from typing import Any

import yaml

CORE = "tag:yaml.org,2002:"
STR, SEQ, MAP, MERGE, NULL = (f"{CORE}{name}" for name in ("str", "seq", "map", "merge", "null"))

_CONSTRUCTOR = yaml.constructor.SafeConstructor()
#: the scalar tags a report may use, and how each is built (None: the text itself)
BUILDERS = {
    STR: None,
    NULL: lambda node: None,
    f"{CORE}bool": _CONSTRUCTOR.construct_yaml_bool,
    f"{CORE}int": _CONSTRUCTOR.construct_yaml_int,
    f"{CORE}float": _CONSTRUCTOR.construct_yaml_float,
    f"{CORE}timestamp": _CONSTRUCTOR.construct_yaml_timestamp,
}

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SCALAR, _SEQUENCE = yaml.ScalarNode, yaml.SequenceNode


class ComposeLoader(_Loader):  # type: ignore[valid-type,misc]
    """The safe loader with a memo of implicit scalar tags (keys, dates and enum values repeat in
    every report) and no path resolvers (none are registered), which halves compose time."""

    _memo: dict[tuple[str, tuple[bool, bool]], str] = {}

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
        if kind is not _SCALAR:
            return SEQ if kind is _SEQUENCE else MAP
        if len(value) > 40:
            return str(super().resolve(kind, value, implicit))
        memo = self._memo
        key = (value, implicit)
        tag = memo.get(key)
        if tag is None:
            if len(memo) > 10_000:
                memo.clear()
            tag = memo[key] = str(super().resolve(kind, value, implicit))
        return tag


_RESOLVER = ComposeLoader("")
_PLAIN = (True, False)  # "implicit" of a plain (unquoted) scalar
MISSING = object()
#: plain text -> its value, filled by `plain_scalar`; hot loops look here first. Every value
#: built here is immutable (str, int, float, bool, None, date, datetime), so sharing is safe.
PLAIN_VALUES: dict[str, Any] = {}
#: the first characters of every implicit type but str (YAML 1.1 resolves by the first
#: character): plain text starting with any other character is a string, known without trying
#: a pattern. None (no shortcut) if some resolver matches whatever the first character.
_TYPED_FIRST: frozenset[str] | None = (
    None
    if None in _RESOLVER.yaml_implicit_resolvers
    else frozenset(_RESOLVER.yaml_implicit_resolvers)
)


def build(tag: str, text: str) -> Any:
    """The value of a scalar with a handled implicit `tag`; text that does not fit its type
    (2026-02-30) stays text, for the schema to report."""
    value = build_tagged(tag, text)
    return text if value is MISSING else value


#: what libyaml's constructors raise for text that does not fit a tag (`!!bool foo` is a
#: KeyError, `!!int ''` an IndexError, `!!timestamp foo` an AttributeError)
_MISFITS = (
    ValueError,
    OverflowError,
    KeyError,
    IndexError,
    AttributeError,
    TypeError,
    yaml.constructor.ConstructorError,
)
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))


def build_tagged(tag: str, text: str) -> Any:
    """The value of `text` under a handled `tag`, or MISSING when the text cannot be one (an
    explicit `!!int abc` is an error, not text; `!!null` takes only the spellings of null)."""
    builder = BUILDERS[tag]
    if builder is None:
        return text
    if tag == NULL:
        return None if text in _NULLS else MISSING
    try:
        return builder(yaml.ScalarNode(tag, text))
    except _MISFITS:
        return MISSING


def plain_scalar(text: str) -> tuple[Any, bool]:
    """The value of an unquoted scalar, and False when its implicit tag is not handled
    (`<<` merge keys, the `=` value tag): the libyaml path reports those."""
    value = PLAIN_VALUES.get(text, MISSING)
    if value is MISSING:
        if text and _TYPED_FIRST is not None and text[0] not in _TYPED_FIRST:
            value = text  # free text (a summary, a description): nothing to resolve
        else:
            tag = _RESOLVER.resolve(_SCALAR, text, _PLAIN)
            if tag not in BUILDERS:
                return None, False
            value = build(tag, text)
        if len(PLAIN_VALUES) < 50_000:  # repeated text is then one string in memory
            PLAIN_VALUES[text] = value
    return value, True
