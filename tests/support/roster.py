"""Rosters for tests: `org/staff.yaml` text built from a few named people, written the way a
reviewer writes it, so each test says who is in it rather than repeating the YAML."""

from __future__ import annotations


def member(
    staff_id: str,
    name: str,
    category: str,
    github: str,
    *,
    email: str | None = None,
    regions: tuple[str, ...] = (),
    since: str = "2025-03-01",
    until: str | None = None,
    role: str | None = None,
) -> str:
    """One `staff:` entry; with `regions`, one posting there from `since` (open unless
    `until`)."""
    lines = [
        f"  - id: {staff_id}",
        f"    name: {name}",
        f"    category: {category}",
        f"    email: {email or staff_id.replace('-', '.') + '@example.com'}",
        f"    github: {github}",
    ]
    if role:
        lines.append(f"    role: {role}")
    if regions:
        lines += [
            "    postings:",
            f"      - {{regions: [{', '.join(regions)}], from: {since}, to: {until or 'null'}}}",
        ]
    return "\n".join(lines) + "\n"


def staff_yaml(*members: str) -> str:
    """A whole `org/staff.yaml`."""
    return "staff:\n" + "".join(members)


LI_MING = member("li-ming", "李明", "account_manager", "liming-gz", regions=("guangzhou",))
WANG_FANG = member("wang-fang", "王芳", "technician", "wangfang", regions=("foshan",))
ZHAO_LEI = member("zhao-lei", "赵磊", "account_manager", "Zhao-Reviewer", role="reviewer")
