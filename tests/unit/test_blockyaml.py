"""The fast block-style reader agrees with the libyaml path on everything it accepts.

`blockyaml.load_block` either declines (None) or returns exactly what `loader.load_libyaml`
returns: the same data with the same types, and the same position for every value and key.
Checked on the corpus, on every report the demo writes (which it must also accept: that is the
speed of a full check), on hand-picked edge cases and on generated near-YAML.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import find, given, settings
from hypothesis import strategies as st

from tests.support import CASES
from tests.support.agreement import assert_agrees, typed
from validator.cli import cli
from validator.reading.blockyaml import load_block, top_level_mark
from validator.reading.document import MAX_DEPTH
from validator.reading.filebytes import decode
from validator.reading.loader import load_libyaml, load_text


def corpus_texts() -> list[str]:
    texts = []
    for path in sorted(CASES.rglob("*.yaml")):
        text, _ = decode(path.read_bytes(), path.name)
        if text is not None:
            texts.append(text)
    return texts


def test_corpus_files_agree() -> None:
    texts = corpus_texts()
    accepted = [t for t in texts if assert_agrees(t) is not None]
    assert len(accepted) > len(texts) // 2  # the corpus is mostly plain block style


@pytest.fixture(scope="module")
def demo_reports(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    dest = tmp_path_factory.mktemp("blockyaml") / "demo"
    result = CliRunner().invoke(
        cli, ["demo", str(dest), "--staff", "30", "--weeks", "10", "--seed", "3"]
    )
    assert result.exit_code == 0, result.output
    return sorted(dest.glob("submissions/*/*/*.yaml")) + sorted(dest.glob("org/**/*.yaml"))


def test_every_demo_file_takes_the_fast_path_and_agrees(demo_reports: list[Path]) -> None:
    kinds = {p.parent.name for p in demo_reports}
    assert {"weekly", "monthly", "expenses", "incidents", "org", "scores"} <= kinds
    for path in demo_reports:
        agreed = assert_agrees(path.read_text("utf-8"))
        # reports are many and the roster grows with the company (a 2,000-person staff.yaml
        # through libyaml is most of a pull request's check): all must be fast
        assert agreed is not None, f"{path} fell back to libyaml"


def test_a_top_level_mark_found_by_search_is_the_parsed_one(demo_reports: list[Path]) -> None:
    """`top_level_mark` (how a message finds `week:` or `late_reason:` without parsing the
    report again) answers exactly what the positioned reading records, or nothing."""
    found = 0
    texts = [p.read_text("utf-8") for p in demo_reports] + [t for t in ACCEPTED if t.strip()]
    for text in texts:
        parsed = load_block(text, "x.yaml")
        if parsed is None or not isinstance(parsed.data, dict):
            continue
        for key in [*parsed.data, "absent", "yes", "a-b"]:
            mark = top_level_mark(text, key)
            if mark is not None:
                found += 1
                assert mark == parsed.mark((key,)), (key, text)
    assert found >= len(demo_reports)  # the search answers for most reports


def test_a_top_level_mark_after_a_long_run_of_spaces() -> None:
    """A value with 200,000 spaces inside (a report may be 256 KiB) is searched in one pass: a
    pattern that backtracks over the spaces took minutes here."""
    text = "staff: li-ming\nweek: a" + " " * 200_000 + "b   \n"
    parsed = load_block(text, "x.yaml")
    assert parsed is not None
    assert top_level_mark(text, "week") == parsed.mark(("week",))


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("a: [1]\n", "a"),  # flow: the bracket's position is the parser's
        ("a: 'x'\n", "a"),  # quoted: the source text is the inner one
        ("a:\n  b: 1\n", "a"),  # a nested block
        ("a: \n", "a"),  # null after the colon
        ("b:\n  a: 1\n", "a"),  # not at the top level
        ("yes: 1\n", "yes"),  # the key is True, not the text `yes`
    ],
)
def test_a_top_level_mark_is_left_to_the_parser(text: str, key: str) -> None:
    assert assert_agrees(text) is not None
    assert top_level_mark(text, key) is None


ACCEPTED = [
    "",
    "# only a comment\n",
    "a: 1\nb: yes\nc: ~\nd: 2026-11-02\ne: 1.5\nf: 0x1f\ng: 10:30\nh: 2026-02-30\n",
    "a:\nb: 1\n",  # empty value: null after the colon
    "x:\n  a:\n",
    "a:\n- x\n- y\nb: 1\n",  # a sequence at its key's indentation
    "work:\n  - date: 2026-11-17\n    site: 天河站\n  -   category: other\n",
    "  a: 1\n  b: 2\n",
    "- a\n- [1, 2]\n- {k: v,  j: 2}\n",
    "a: []\nb: {}\nc: [ x , y ]\nd: '引号'\ne: \"双引号\"\n",
    "rounds: [\"01-01\", '07-01']\nw: {due: \"Mon 13:00\", n: 'a: b'}\n",
    "a: 本周：没有\n",  # a full-width colon is text
    "a: C#\nb: a#b\nc: x [y] {z}\n",
    "yes: 1\nNull: 2\noff: 3\n",
    "a: 1   \n\n\n   # indented comment\nb: 2\n",
    "a: [x, [y]]\n",
    "postings:\n  - {regions: [guangzhou, foshan], from: 2024-09-01, to: null}\n",
    "a: [{k: v}, {k: w, j: []}]\nb: {c: {d: [1, 'x y', \"z\"]}}\n",
    "- [ [x] , [ ] ,{} ]\n",
    'a: {due: {weekday: monday, time: "13:00"}}\n',
]

DECLINED = [
    "a: &x 1\nb: *x\n",
    "a: !!str 1\n",
    "a: |\n  text\n",
    "a: >\n  text\n",
    "a: b\n  continued\n",
    "a: 1 # comment\n",
    "a: 1\r\nb: 2\r\n",
    "a:\t1\n",
    "a: 1\na: 2\n",
    "a: {x: 1, x: 2}\n",
    "<<: {a: 1}\n",
    "a: =\n",
    "---\na: 1\n",
    "a: 1\n...\n",
    "%YAML 1.1\n---\na: 1\n",
    "- \n- b\n",
    "- - a\n",
    'a: "x\\ny"\n',
    "a: 'it''s'\n",
    "a: [x,\n  y]\n",
    "a: [x, ]\n",
    "a: [x,,y]\n",
    "a: [, x]\n",
    "a: {k: [x}\n",
    "a: [x]]\n",
    "a: [x] y\n",
    "a: [x] # c\n",
    "a: {k:v}\n",
    "a: {k: }\n",
    "a: {k: [x], k: [y]}\n",
    "a: ['it''s']\n",
    '- ["x\\\\y"]\n',
    "a: [x: 1]\n",
    "a: " + "[" * 70 + "]" * 70 + "\n",
    "? a\n: b\n",
    "a:b\n",
    '"a": 1\n',
    "本周: 1\n",
    "a:\n    b: 1\n  c: 2\n",
    "a: 1\n- b\n",
    "scalar only\n",
    "a: -1\n",
    "a: \u2028b\n",
    "a: b\ufeff\n",
]


@pytest.mark.parametrize("text", ACCEPTED)
def test_plain_block_style_is_accepted(text: str) -> None:
    assert assert_agrees(text) is not None, text
    data_only = load_block(text, "x.yaml", positions=False)
    assert data_only is not None and (data_only.values, data_only.keys) == ({}, {})
    assert typed(data_only.data) == typed(load_libyaml(text, "x.yaml").document.data)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "text",
    [
        "staff: li-ming\nstaff: li-ming\n",  # a duplicate key, both lines read before
        "staff: li-ming\n  week: 2026-W47\n",  # a deeper line continuing a known line
        "work:\n  - date: 2026-11-17\n    date: 2026-11-17\n",
    ],
)
def test_a_line_read_before_is_still_held_to_the_style(text: str) -> None:
    """Without positions, a `key: value` line seen in an earlier report is taken from memory
    (`_KNOWN_LINES`); a duplicate key or a deeper line after it must still be declined, as
    the positioned reading declines them."""
    primer = "staff: li-ming\nweek: 2026-W47\nwork:\n  - date: 2026-11-17\n"
    assert assert_agrees(primer) is not None
    assert load_block(text, "x.yaml") is None
    assert load_block(text, "x.yaml", positions=False) is None


def test_a_line_read_before_gives_the_same_data() -> None:
    texts = ["a: 1\nb: 2026-11-17\nc: yes\n", "c: yes\na: 1\nb: 2026-11-17\n"]
    for text in texts * 2:  # the second round reads every line from memory
        data_only = load_block(text, "x.yaml", positions=False)
        assert data_only is not None
        assert typed(data_only.data) == typed(load_libyaml(text, "x.yaml").document.data)  # type: ignore[union-attr]


def test_a_remembered_collection_is_handed_out_as_a_copy() -> None:
    text = "regions: [a, b]\ncomplaints: {handled: 1}\n"
    for _ in range(3):  # read, then taken from memory twice
        loaded = load_block(text, "x.yaml", positions=False)
        assert loaded is not None
        assert loaded.data == {"regions": ["a", "b"], "complaints": {"handled": 1}}
        loaded.data["regions"].append("changed")  # a reader changing its copy
        loaded.data["complaints"]["handled"] = 99


def test_a_remembered_collection_is_not_taken_past_the_nesting_limit() -> None:
    """A flow line remembered at the top level, met again as deep as the nesting limit, is
    declined as the positioned reading declines it (libyaml's path reports `too-deep`)."""
    assert load_block("a: [1, 2]\n", "x.yaml", positions=False) is not None
    levels = MAX_DEPTH - 3  # the deepest mapping the reader reads; its flow value is too deep
    text = "".join("  " * i + "k:\n" for i in range(levels)) + "  " * levels + "a: [1, 2]\n"
    assert load_block(text, "x.yaml") is None
    assert load_block(text, "x.yaml", positions=False) is None
    assert load_block(text.replace("a: [1, 2]", "a: 1"), "x.yaml", positions=False) is not None


def nested(levels: int) -> str:
    """Mappings in unindented sequences in mappings...: two levels per two columns."""
    return "".join(" " * (2 * i) + ("- " if i else "") + "a:\n" for i in range(levels)) + "b: 1\n"


@pytest.mark.parametrize("positions", [True, False])
def test_nesting_beyond_the_limit_is_left_to_libyaml(positions: bool) -> None:
    assert load_block(nested(20), "x.yaml", positions=positions) is not None
    assert assert_agrees(nested(20)) is not None
    assert load_block(nested(400), "x.yaml", positions=positions) is None
    assert [d.key for d in load_text(nested(400), "x.yaml").diagnostics] == ["too-deep"]


@pytest.mark.parametrize("text", DECLINED)
def test_everything_else_goes_to_libyaml(text: str) -> None:
    assert load_block(text, "x.yaml") is None
    # and the full loader still answers it (data or a diagnostic), as before
    result = load_text(text, "x.yaml")
    assert (result.document is None) == bool(result.diagnostics)


KEYS = st.sampled_from(["staff", "date", "a", "yes", "null", "True", "_k", "k-1", "本周", "1a"])
VALUES = st.sampled_from(
    [
        "",
        "1",
        "-1",
        "1.5",
        ".nan",
        "0o7",
        "2026-11-02",
        "2026-11-02T10:00:00+08:00",
        "2026-02-30",
        "yes",
        "~",
        "null",
        "本周走访",
        "a b",
        "x:y",
        "x: y",
        "a #b",
        "a#b",
        "'q'",
        '"q"',
        "'",
        '"a\\"b"',
        "[a, b]",
        "[]",
        "[a,]",
        "{k: v}",
        "{k: v, k: w}",
        "{}",
        "[a, [b]]",
        "[\"a\", 'b']",
        "{k: \"v\", j: 'w x'}",
        '["a, b"]',
        "['a'b']",
        "[ ]",
        "{k: [a]}",
        "[{k: v}, [a, 'b']]",
        "{k: {j: [1, x y]}}",
        "[a ,b ]",
        "[[a], {k: [b, c]}, d]",
        "{k: [a}",
        "&a x",
        "*a",
        "!!int 3",
        "|",
        ">",
        "- x",
        "<<",
        "=",
        "x ",
        "：",
    ]
)
INDENTS = st.sampled_from([0, 0, 1, 2, 2, 4])
LINES = st.one_of(
    st.builds(lambda i, k, v: " " * i + f"{k}: {v}", INDENTS, KEYS, VALUES),
    st.builds(lambda i, k: " " * i + f"{k}:", INDENTS, KEYS),
    st.builds(lambda i, v: " " * i + f"- {v}", INDENTS, VALUES),
    st.builds(lambda i, k, v: " " * i + f"- {k}: {v}", INDENTS, KEYS, VALUES),
    st.builds(lambda i: " " * i + "-", INDENTS),
    st.builds(lambda i, v: " " * i + v, INDENTS, VALUES),
    st.sampled_from(["", "# c", "  # c", "---", "\t", "a:  b", "a :b"]),
)


@settings(max_examples=600, deadline=None)
@given(st.lists(LINES, min_size=1, max_size=12).map("\n".join))
def test_generated_near_yaml_agrees_or_is_declined(text: str) -> None:
    assert_agrees(text)
    assert_agrees(text + "\n")


# block-style documents rendered with the freedoms people take (indent widths, extra spaces,
# flow or block, quotes, comments, unindented sequences), then sometimes damaged by one edit
SCALAR_TEXTS = VALUES.filter(lambda v: v not in ("", "x "))


@st.composite
def block_documents(draw: st.DrawFn, depth: int = 0) -> list[tuple[int, str]]:
    """Lines (relative indentation, text) of a mapping or sequence."""
    lines: list[tuple[int, str]] = []
    step = draw(st.sampled_from([1, 2, 4]))
    is_seq = draw(st.booleans())
    for _ in range(draw(st.integers(1, 4))):
        if draw(st.integers(0, 5)) == 0:
            lines.append((0, draw(st.sampled_from(["# 注释", "", "   "]))))
        head = "-" + " " * draw(st.integers(1, 2)) if is_seq else draw(KEYS) + ":"
        nested = depth < 3 and draw(st.integers(0, 2)) == 0
        if nested:
            inner = draw(block_documents(depth + 1))
            if is_seq and inner and not inner[0][1].startswith(("-", "#")) and inner[0][1]:
                width = len(head)  # `- key: value`, the rest of the mapping under the key
                lines.append((0, head + inner[0][1]))
                lines.extend((i + width, t) for i, t in inner[1:])
            else:
                lines.append((0, head))
                shift = (
                    0
                    if not is_seq and inner and inner[0][1].startswith("-") and draw(st.booleans())
                    else step
                )
                lines.extend((i + shift, t) for i, t in inner)
        else:
            value = draw(SCALAR_TEXTS)
            lines.append((0, head + " " * draw(st.integers(1, 2)) + value))
    return lines


def render(lines: list[tuple[int, str]]) -> str:
    return "".join(" " * indent + text + "\n" for indent, text in lines)


@st.composite
def edited(draw: st.DrawFn) -> str:
    text = render(draw(block_documents()))
    if draw(st.booleans()) and text:
        at = draw(st.integers(0, len(text) - 1))
        text = (
            text[:at]
            + draw(st.sampled_from(["", " ", "-", ":", "#", "\n", "'", "  "]))
            + text[at + 1 :]
        )
    return text


@settings(max_examples=600, deadline=None)
@given(edited())
def test_generated_block_documents_agree_or_are_declined(text: str) -> None:
    assert_agrees(text)


def test_generated_block_documents_are_mostly_accepted() -> None:
    """The generator above must exercise the fast path, not only its refusals."""
    found = find(
        block_documents().map(render),
        lambda t: t.count("\n") >= 8 and load_block(t, "x.yaml") is not None,
        settings=settings(max_examples=2000, database=None),
    )
    assert assert_agrees(found) is not None
