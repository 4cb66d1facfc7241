"""The command reference in the docs is generated from `--help` and must not drift."""

from __future__ import annotations

from tests.support import ROOT
from validator.cli import COMMANDS, cli
from validator.cli.clidoc import reference

PAGE = ROOT / "docs" / "cli.md"


def test_committed_reference_is_up_to_date() -> None:
    assert PAGE.read_text(encoding="utf-8") == reference(), (
        "docs/cli.md is stale: python -m validator.cli.clidoc > docs/cli.md"
    )


def test_every_command_is_documented() -> None:
    page = PAGE.read_text(encoding="utf-8")
    ctx = cli.make_context("validator", [], resilient_parsing=True)
    names = cli.list_commands(ctx)
    assert names == sorted(COMMANDS)
    for name in names:
        command = cli.get_command(ctx, name)
        assert command is not None and command.name == name  # module name = command name
        assert f"## `validator {name}`" in page
    assert "## `validator handbook import`" in page


def test_reference_does_not_depend_on_what_ran_before() -> None:
    """Click caches each command's help option; running the CLI first must not change the page."""
    from click.testing import CliRunner

    CliRunner().invoke(cli, ["check", "--help"])
    CliRunner().invoke(cli, ["-h"])
    assert reference() == PAGE.read_text(encoding="utf-8")
