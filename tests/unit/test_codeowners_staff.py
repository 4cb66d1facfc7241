"""Issue 19 item 14: a staff member is no code owner of their own folder.

Were they one, a reviewer's correction of their report could be approved by the staff member
whose report it is; the review guide promises that a second reviewer approves it.
"""

from __future__ import annotations

import pytest

from validator.models.org import StaffRoster
from validator.repo.codeowners import RENDERERS

ROSTER = StaffRoster.model_validate(
    {
        "staff": [
            {"id": "li-ming", "name": "李明", "category": "account_manager",
             "email": "li.ming@example.com", "github": "liming-gz", "role": "staff",
             "postings": [{"regions": ["guangzhou"], "from": "2025-03-01", "to": None}],
             "channel_engineer": "zhao-lei"},
            {"id": "wang-fang", "name": "王芳", "category": "technician",
             "email": "wang.fang@example.com", "github": "wangfang", "role": "staff",
             "postings": [{"regions": ["foshan"], "from": "2025-03-01", "to": None}]},
            {"id": "zhao-lei", "name": "赵磊", "email": "zhao.lei@example.com",
             "github": "zhaolei-hq", "role": "reviewer", "postings": []},
            {"id": "sun-li", "name": "孙丽", "email": "sun.li@example.com",
             "github": "sunli-hq", "role": "reviewer", "postings": []},
        ]
    }
)  # fmt: skip


@pytest.mark.parametrize("host", sorted(RENDERERS))
def test_staff_are_not_owners_of_their_folders(host: str) -> None:
    text = RENDERERS[host](ROSTER)
    rules = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert rules, text
    for line in rules:
        assert "@liming-gz" not in line and "@wangfang" not in line, line
    li_ming = next(line for line in rules if "submissions/li-ming/" in line)
    assert li_ming.split()[1:] == ["@zhaolei-hq"]  # the channel engineer alone
    wang_fang = next(line for line in rules if "submissions/wang-fang/" in line)
    assert wang_fang.split()[1:] == ["@zhaolei-hq", "@sunli-hq"]  # no engineer: all reviewers
