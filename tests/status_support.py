"""Small hand-built organisations for the status and pages tests (real git, chosen dates)."""

from __future__ import annotations

from collections.abc import Iterable

from tests.gitrepo import GitRepo


def staff_yaml(*members: tuple[str, str, str, str | None], reviewer: str | None = None) -> str:
    """`members` are (id, name, posted_from, posted_to) with one guangzhou posting each."""
    lines = ["staff:"]
    for staff_id, name, start, end in members:
        lines += [
            f"  - id: {staff_id}",
            f"    name: {name}",
            "    category: account_manager",
            f"    email: {staff_id}@example.com",
            f"    github: gh-{staff_id}",
            "    postings:",
            f"      - {{regions: [guangzhou], from: {start}, to: {end or 'null'}}}",
        ]
    if reviewer:
        lines += [
            f"  - id: {reviewer}",
            "    name: 审核人",
            "    category: technician",
            f"    email: {reviewer}@example.com",
            f"    github: gh-{reviewer}",
            "    role: reviewer",
        ]
    return "\n".join(lines) + "\n"


REGIONS = """regions:
  - {id: guangzhou, name: 广州, annual_sales: 235000, adjacent: [foshan]}
  - {id: foshan, name: 佛山, annual_sales: 80000, adjacent: [guangzhou]}
"""


def leave_yaml(entries: Iterable[tuple[str, str, str]]) -> str:
    lines = ["leave:"]
    lines += [f"  - {{staff: {s}, from: {a}, to: {b}, reason: 年假}}" for s, a, b in entries]
    return "\n".join(lines) + "\n"


def weekly_yaml(staff_id: str, week: str, day: str, summary: str = "本周走访授权站。") -> str:
    return (
        f"staff: {staff_id}\nweek: {week}\nsummary: {summary}\n"
        f"work:\n  - date: {day}\n    description: 检查维修工单\nplan:\n  - 跟进备件申请\n"
    )


def setup_org(repo: GitRepo, staff: str, leave: str | None = None) -> None:
    repo.write("org/staff.yaml", staff)
    repo.write("org/regions.yaml", REGIONS)
    if leave:
        repo.write("org/leave.yaml", leave)
    repo.commit("org", "2026-01-01T09:00:00+08:00")


def add_weekly(repo: GitRepo, staff_id: str, week: str, day: str, when: str) -> None:
    """Commit the weekly report of `staff_id` for `week` with author date `when`."""
    repo.write(f"submissions/{staff_id}/weekly/{week}.yaml", weekly_yaml(staff_id, week, day))
    repo.commit(f"{staff_id} {week}", when)
