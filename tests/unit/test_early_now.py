"""A "now" near the start of the supported years (validator.core.years) is accepted on the
command line, but the weeks and months a command looks back over may reach before it: those
are left out, not asserted on (a traceback), and `demo` refuses a "now" whose history would
start before the supported years instead of writing a roster its own schema refuses."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.support.corpus import CASES, materialise
from validator.cli import cli


@pytest.mark.parametrize(
    "args",
    [
        ["status", "--now", "1970-02-01T12:00:00+00:00"],
        ["status", "--weeks", "52", "--now", "1970-06-01T00:00:00+00:00"],
        ["remind", "--now", "1970-01-15T12:00:00+00:00"],
        ["new", "weekly", "--staff", "li-ming", "--now", "1970-01-01T12:00:00+08:00"],
    ],
)
def test_a_now_at_the_start_of_the_years_is_no_traceback(tmp_path: Path, args: list[str]) -> None:
    materialise(CASES / "valid/weekly-minimal", tmp_path)
    result = CliRunner().invoke(cli, [*args[:1], "--repo", str(tmp_path), *args[1:]])
    assert result.exit_code in (0, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


def test_demo_refuses_a_now_whose_history_starts_before_the_years(tmp_path: Path) -> None:
    args = ["demo", str(tmp_path / "d"), "--weeks", "520", "--now", "1975-01-01"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert "1970" in result.output
