"""README's table of commands names every command the group has: it is the first page a new
operator reads, and `digest`, `archive`, `green` and `pushes` had gone missing from it."""

from __future__ import annotations

import re
from pathlib import Path

from validator.cli import COMMANDS

ROOT = Path(__file__).resolve().parents[2]


def test_the_readme_names_every_command() -> None:
    text = (ROOT / "README.md").read_text("utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| `validator ")]
    named = {name for row in rows for name in re.findall(r"`validator (\w+)", row.split(" | ")[0])}
    assert sorted(set(COMMANDS) - named) == []
