"""Every code block of the documentation ends where it is meant to: a closing fence with text
after it (```合并时…, a line joined by an edit) is no fence, and the rest of the page renders as
code. `mkdocs build --strict` does not see it: the page is still valid Markdown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support import ROOT, written_docs

PAGES = written_docs()
FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})(.*)$")


def broken_fences(text: str) -> list[str]:
    """The lines that look like the open block's closing fence but are not, and an unclosed one."""
    found, open_fence = [], None
    for number, line in enumerate(text.splitlines(), 1):
        match = FENCE.match(line)
        if match is None:
            continue
        fence, rest = match[1], match[2].strip()
        if open_fence is None:
            open_fence = (fence, number)
        elif fence[0] == open_fence[0][0] and len(fence) >= len(open_fence[0]):
            if rest:
                found.append(f"{number}: {line}")
            else:
                open_fence = None
    if open_fence is not None:
        found.append(f"{open_fence[1]}: a block opened here is never closed")
    return found


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_code_block_is_closed_by_a_fence_of_its_own(page: Path) -> None:
    assert broken_fences(page.read_text(encoding="utf-8")) == []
