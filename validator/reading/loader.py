"""Safe, position-keeping YAML loading.

Reports come from many hands, so loading is defensive: the bytes are read as `filebytes` reads
them (UTF-8 only, a size cap, no symlinks), then only the YAML core tags, no anchors or aliases,
and duplicate keys rejected. Text in the plain block style of nearly every report is read by the
fast line reader (`blockyaml`); anything else goes to libyaml, which composes the node tree, and
values are built here so that every value keeps its line and column for error messages. Problems
come back as diagnostics, never as exceptions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from validator.core.diagnostics import Diagnostic, Point, diag
from validator.core.messages import YAML_PROBLEMS_ZH, Nested
from validator.reading.blockyaml import load_block
from validator.reading.comments import cut_by_comments
from validator.reading.document import MAX_DEPTH, Document, Loc, Mark, Position
from validator.reading.filebytes import read_text
from validator.reading.ime import near_error, slip_diagnostic
from validator.reading.scalars import (
    BUILDERS,
    CORE,
    MAP,
    MERGE,
    MISSING,
    SEQ,
    STR,
    ComposeLoader,
    build_tagged,
)
from validator.reading.syntax_hints import hint

__all__ = ["MAX_DEPTH", "Document", "Loc", "Mark", "Position", "load_file", "load_text"]

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SCALAR, _SEQUENCE, _MAPPING = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode


@dataclass
class LoadResult:
    """The document, or the problems that kept it from loading (one or the other); `warnings`
    are about a document that did load (text a comment cut short)."""

    document: Document | None
    diagnostics: list[Diagnostic]
    warnings: list[Diagnostic] = field(default_factory=list)


class _Unsafe(Exception):
    def __init__(self, key: str, node: yaml.Node, **args: Any) -> None:
        super().__init__(key)
        self.key, self.node, self.details = key, node, args


class _Misfit(Exception):
    """An explicit core tag on text it cannot hold (`!!bool foo`, `!!int ''`)."""

    def __init__(self, node: yaml.Node) -> None:
        self.node = node


class _DuplicateKey(Exception):
    def __init__(self, node: yaml.Node, name: str, first: int) -> None:
        self.node, self.name, self.first = node, name, first


def load_file(abspath: str, relpath: str) -> LoadResult:
    """Read and parse one YAML file; `relpath` is how diagnostics name it."""
    text, problems = read_text(abspath, relpath)
    if text is None:
        return LoadResult(None, problems)
    return load_text(text, relpath)


def load_text(text: str, relpath: str) -> LoadResult:
    """Parse YAML text into a positioned `Document`, or diagnostics explaining why not.

    Text in the plain block style of nearly every report takes the fast path (`blockyaml`);
    anything else, including every malformed file, goes through libyaml."""
    if relpath.startswith("org/"):
        return _load_org_text(text, relpath)
    return _parse(text, relpath)


def _parse(text: str, relpath: str) -> LoadResult:
    document = load_block(text, relpath)
    if document is not None:
        return LoadResult(document, [])
    return load_libyaml(text, relpath)


#: org/ files parsed in this process: a pull request's check reads the base branch's org/ and
#: the work tree's, nearly always the same text (a 2,000-person roster twice is a tenth of a
#: second wasted). Documents are never changed after loading, so sharing one is safe.
_ORG_PARSED: dict[tuple[str, str], LoadResult] = {}


def _load_org_text(text: str, relpath: str) -> LoadResult:
    found = _ORG_PARSED.get((relpath, text))
    if found is None:
        if len(_ORG_PARSED) >= 64:
            _ORG_PARSED.clear()
        found = _ORG_PARSED[relpath, text] = _parse(text, relpath)
    return LoadResult(found.document, list(found.diagnostics))


def load_libyaml(text: str, relpath: str) -> LoadResult:
    """`load_text` through libyaml, for any YAML."""
    try:
        node = yaml.compose(text, Loader=ComposeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Point(mark.line + 1, mark.column + 1) if mark else None
        problem = (exc.problem or exc.context or "").strip()
        if problem == _CANNOT_START and mark is not None and _at(text, mark) == "\t":
            problem = _TAB_INDENT  # `\t- item`: libyaml's words guess; the line says which
        # a Chinese input method's `：`, `，` or U+3000, or no space after `:`: named where typed
        slip = near_error(text, where.line if where else None)
        if slip is not None:
            return LoadResult(None, [slip_diagnostic(relpath, "yaml-syntax", slip)])
        # a line broken in two, a quote left open, a text starting with `[`: named where made
        hinted = hint(text, exc, relpath)
        if hinted is not None:
            return LoadResult(None, [hinted])
        return LoadResult(
            None,
            [
                diag(
                    relpath,
                    "yaml-syntax",
                    "yaml-syntax",
                    at=where,
                    problem=problem,
                    problem_zh=_problem_zh(problem),
                )
            ],
        )
    except yaml.YAMLError as exc:  # reader errors (control characters) carry no mark
        return LoadResult(
            None,
            [diag(relpath, "yaml-syntax", "yaml-syntax", problem=str(exc), problem_zh=str(exc))],
        )
    except RecursionError:
        return LoadResult(None, [diag(relpath, "yaml-syntax", "too-deep", depth=MAX_DEPTH)])
    document = Document(relpath, None)
    if node is None:
        return LoadResult(document, [])
    if ("&" in text or "*" in text) and _has_anchor(text):
        return LoadResult(None, [_anchor_diag(text, relpath)])
    builder = _Builder(document, text)
    try:
        document.data = builder.build(node, ())
    except _Unsafe as exc:
        mark = exc.node.start_mark
        return LoadResult(
            None,
            [
                diag(
                    relpath,
                    "yaml-unsafe",
                    exc.key,
                    at=Point(mark.line + 1, mark.column + 1),
                    **exc.details,
                )
            ],
        )
    except _Misfit as exc:
        return LoadResult(None, [_misfit_diag(exc.node, relpath)])
    except _DuplicateKey as exc:
        mark = exc.node.start_mark
        return LoadResult(
            None,
            [
                diag(
                    relpath,
                    "duplicate-key",
                    "duplicate-key",
                    at=Point(mark.line + 1, mark.column + 1),
                    key=exc.name,
                    first=exc.first,
                )
            ],
        )
    return LoadResult(document, [], cut_by_comments(node, text, relpath) if "#" in text else [])


def _misfit_diag(node: yaml.Node, relpath: str) -> Diagnostic:
    mark = node.start_mark
    tag = _short_tag(node.tag)
    return diag(
        relpath,
        "yaml-syntax",
        "yaml-tag-value",
        at=Point(mark.line + 1, mark.column + 1),
        tag=tag,
        value=node.value,
        type=Nested(f"tag-holds-{tag[2:]}"),
    )


_CANNOT_START = "found character that cannot start any token"
_TAB_INDENT = "found a tab character that violates indentation"


def _at(text: str, mark: yaml.Mark) -> str:
    """The character at `mark` ('' past the end)."""
    lines = text.splitlines()
    line = lines[mark.line] if mark.line < len(lines) else ""
    return line[mark.column : mark.column + 1]


def _problem_zh(problem: str) -> str:
    chinese = YAML_PROBLEMS_ZH.get(problem)
    return f"{chinese}({problem})" if chinese else problem


def _has_anchor(text: str) -> bool:
    try:
        return any(
            isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None)
            for event in yaml.parse(text, Loader=_Loader)
        )
    except yaml.YAMLError:
        return False


def _anchor_diag(text: str, relpath: str) -> Diagnostic:
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            mark = event.start_mark
            assert mark is not None
            return diag(
                relpath,
                "yaml-unsafe",
                "yaml-anchor",
                at=Point(mark.line + 1, mark.column + 1),
            )
    raise AssertionError("unreachable: _has_anchor found one")


class _Builder:
    """Turns a composed node tree into Python data, recording positions as it goes.

    This walk runs once per node of every file (half a million nodes in a large repository), so
    it binds what it uses to locals and stores positions as tuples.
    """

    def __init__(self, document: Document, text: str) -> None:
        self.text = text
        self.values = document.values
        self.keys = document.keys
        self.seen: set[int] = set()

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        if len(loc) > MAX_DEPTH:
            raise _Unsafe("too-deep", node, depth=MAX_DEPTH)
        seen = self.seen
        if id(node) in seen:  # an alias: the composer shares the node
            raise _Unsafe("yaml-anchor", node)
        seen.add(id(node))
        mark = node.start_mark
        cls = node.__class__
        if cls is _SCALAR:
            value = node.value
            self.values[loc] = (mark.line + 1, mark.column + 1, value)
            return value if node.tag == STR else self.scalar(node)  # type: ignore[arg-type]
        self.values[loc] = (mark.line + 1, mark.column + 1, None)
        if cls is _SEQUENCE:
            if node.tag != SEQ:
                raise _Unsafe("yaml-tag", node, tag=_short_tag(node.tag))
            build = self.build
            return [build(child, (*loc, i)) for i, child in enumerate(node.value)]
        if node.tag != MAP or cls is not _MAPPING:
            raise _Unsafe("yaml-tag", node, tag=_short_tag(node.tag))
        result: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        keys = self.keys
        for key_node, value_node in node.value:
            if key_node.__class__ is not _SCALAR:
                raise _Unsafe("yaml-complex-key", key_node)
            tag = key_node.tag
            if tag == STR:
                key = key_node.value
            elif tag == MERGE:
                raise _Unsafe("yaml-merge", key_node)
            else:
                key = self.scalar(key_node)
            hashable = (key.__class__, key)
            km = key_node.start_mark
            if hashable in first_line:
                raise _DuplicateKey(key_node, str(key_node.value), first_line[hashable])
            first_line[hashable] = km.line + 1
            child = (*loc, key)
            keys[child] = (km.line + 1, km.column + 1, key_node.value)
            result[key] = self.build(value_node, child)
        return result

    def scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag not in BUILDERS:
            raise _Unsafe("yaml-tag", node, tag=_short_tag(node.tag))
        value = build_tagged(node.tag, node.value)
        if value is not MISSING:
            return value
        # text that fits no type stays text for the schema (2026-02-30), unless the tag was
        # written out: the node then starts at its `!` (anchors were refused before building)
        if self.text[node.start_mark.index : node.start_mark.index + 1] == "!":
            raise _Misfit(node)
        return node.value


def _short_tag(tag: str) -> str:
    """`tag:yaml.org,2002:binary` -> `!!binary`, as the user wrote it."""
    return "!!" + tag[len(CORE) :] if tag.startswith(CORE) else tag
