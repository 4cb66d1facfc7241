"""`--help` says Click's own words in Chinese first, as the usage errors do (`用法 / Usage:`,
`选项 / Options:`, `显示本帮助并退出 / Show this message and exit.`, `[默认 / default: 4]`).
Before, the commands' own text was Chinese and everything Click added around it English only,
and Chinese text was wrapped as if each character took one column: lines of 140 columns at 80.
"""

from __future__ import annotations

import contextlib
import re
import signal
import unicodedata
from collections.abc import Iterator
from contextlib import AbstractContextManager

import pytest
from click.testing import CliRunner

from validator.cli import COMMANDS, cli
from validator.cli.help import wrap

EVERY_HELP = [[], *([name] for name in COMMANDS), *(
    ["handbook", name] for name in ("import", "rules", "remove-samples")
)]  # fmt: skip


def _help(args: list[str], width: int = 80) -> str:
    done = CliRunner().invoke(cli, [*args, "--help"], prog_name="validator", terminal_width=width)
    assert done.exit_code == 0, done.output
    return done.output


def _columns(text: str) -> int:
    """How many terminal columns `text` takes: a Chinese character (or full-width sign) two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


@pytest.mark.parametrize("args", EVERY_HELP, ids=lambda args: " ".join(args) or "validator")
def test_every_help_says_clicks_own_words_in_chinese_first(args: list[str]) -> None:
    out = _help(args)
    lines = out.splitlines()
    assert lines[0].startswith(f"用法 / Usage: {' '.join(['validator', *args])}"), out
    headings = [line for line in lines if line and not line.startswith(" ")][1:]
    assert "选项 / Options:" in headings, out
    for heading in headings:  # Options:, Commands:, Arguments: ... English alone
        assert not re.match(r"[A-Za-z][A-Za-z ]*:", heading), heading
    help_line = next(line for line in lines if line.lstrip().startswith("-h, --help"))
    assert help_line.split("-h, --help")[1].strip() == (
        "显示本帮助并退出 / Show this message and exit."
    ), out
    assert "[default" not in out and "[required" not in out, out


def test_the_group_lists_its_commands_and_version_in_both_languages() -> None:
    out = _help([], width=200)
    assert "\n命令 / Commands:\n" in out, out
    assert re.search(r"\n  --version +显示版本并退出 / Show the version and exit\.\n", out), out


@pytest.mark.parametrize(
    ("args", "marker"),
    [
        (["demo"], "[默认 / default: 8; 8<=x<=100000]"),
        (["check"], "消息语言。  [默认 / default: zh]"),
    ],
    ids=["default-and-range", "default"],
)
def test_a_default_is_marked_in_both_languages(args: list[str], marker: str) -> None:
    assert marker in _help(args, width=200)


@pytest.mark.parametrize("args", EVERY_HELP, ids=lambda args: " ".join(args) or "validator")
def test_help_fits_80_columns_with_its_descriptions_in_one_column(args: list[str]) -> None:
    """Chinese takes two columns a character: Click counted one, so its lines ran to 140."""
    out = _help(args)
    widest = max(out.splitlines(), key=_columns)
    assert _columns(widest) <= 80, widest
    for section in re.findall(r"\n(?:选项 / Options|命令 / Commands):\n((?:  .*\n?)+)", out):
        rows = section.rstrip("\n").splitlines()
        starts = {_columns(m[0]) for row in rows if (m := re.match(r"  \S.*?  +(?=\S)", row))}
        assert len(starts) == 1, section  # every description starts in the same column
        (column,) = starts
        for row in rows:
            if row.startswith("   "):  # a description's next line
                assert len(row) - len(row.lstrip(" ")) == column, section


def _within(seconds: int) -> AbstractContextManager[None]:
    """Fail, rather than hang, where the help loops."""

    @contextlib.contextmanager
    def alarm() -> Iterator[None]:
        def stop(signum: int, frame: object) -> None:
            raise TimeoutError(f"no help after {seconds} s")

        previous = signal.signal(signal.SIGALRM, stop)
        signal.alarm(seconds)
        try:
            yield
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)

    return alarm()


@pytest.mark.parametrize("width", [1, 10, 20, 40, 300])
def test_help_ends_at_any_width(width: int) -> None:
    """A width narrower than the usage line's indent (18 columns) wrapped forever: the line
    breaker cut the last character of a word and then tried to cut the empty rest."""
    for args in EVERY_HELP:
        with _within(10):
            out = _help(args, width=width)
        assert out.startswith("用法 / Usage: validator"), out


@pytest.mark.parametrize("width", [0, 1, 3])
def test_a_long_path_or_url_is_wrapped_at_an_indent_wider_than_the_line(width: int) -> None:
    text = "见 https://example.com/a/very/long/path/that/goes/on.html 与 /work/main/docs/cli.md"
    with _within(5):
        out = wrap(text, width, "    ", "    ", preserve_paragraphs=True)
    assert "".join(line.strip() for line in out.splitlines()) == text.replace(" ", "")
