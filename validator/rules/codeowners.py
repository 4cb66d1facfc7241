"""CODEOWNERS follows the roster (rule `codeowners-stale`).

Branch protection asks the code owners to approve; a stale file would let a staff member who
left keep approving their folder, or leave a new one without an owner. The finding is reported
on org/staff.yaml, the file whose change made CODEOWNERS stale.
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.core.diagnostics import Finding, finding
from validator.repo.codeowners import read_committed, render
from validator.rules.base import Context, position, repo_check

ROSTER = "org/staff.yaml"


@repo_check("codeowners-stale")
def codeowners_stale(ctx: Context) -> Iterator[Finding]:
    """When .github/CODEOWNERS exists it must be exactly what `validator codeowners` prints.
    A missing file is reported for a non-empty roster in a repository set up for a Git host
    (one with a .github/ folder, as every copy of the template has); a bare folder of org/ and
    submissions/ data has no host to protect."""
    if not ctx.org.roster_known:
        return  # a broken roster is reported by its own schema errors
    root = ctx.workspace.root
    committed = read_committed(root)
    if committed is None and (not ctx.org.roster.staff or not (root / ".github").is_dir()):
        return
    where = position(ctx.org.documents.get(ROSTER), ("staff",), key=True)
    if committed is None:
        yield finding(ROSTER, "codeowners-missing", at=where)
    elif committed != render(ctx.org.roster):
        yield finding(ROSTER, "codeowners-stale", at=where)
