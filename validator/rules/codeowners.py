"""CODEOWNERS follows the roster (rule `codeowners-stale`).

Branch protection asks the code owners to approve; a stale file would let a staff member who
left keep approving their folder, or leave a new one without an owner. The finding is reported
on org/staff.yaml, the file whose change made CODEOWNERS stale.
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.core.diagnostics import Finding, finding
from validator.repo.codeowners import HOST_PATHS, PATH, RENDERERS, command, read_committed
from validator.rules.base import Context, position, repo_check

ROSTER = "org/staff.yaml"
#: one host per file (Forgejo reads Gitea's)
HOSTS = ("github", "gitlab", "gitea")


@repo_check("codeowners-stale")
def codeowners_stale(ctx: Context) -> Iterator[Finding]:
    """Every CODEOWNERS the repository has (.github/ for GitHub, .gitlab/ for GitLab, .gitea/ for
    Gitea and Forgejo) must be exactly what `validator codeowners --host` prints for it. None at
    all is reported for a non-empty roster in a repository set up for a Git host (one with a
    .github/ folder, as every copy of the template has); a bare folder of org/ and submissions/
    data has no host to protect."""
    if not ctx.org.roster_known:
        return  # a broken roster is reported by its own schema errors
    root = ctx.workspace.root
    committed = {host: read_committed(root, HOST_PATHS[host]) for host in HOSTS}
    where = position(ctx.org.documents.get(ROSTER), ("staff",), key=True)
    if all(text is None for text in committed.values()):
        if ctx.org.roster.staff and (root / ".github").is_dir():
            github = command("github")
            yield finding(ROSTER, "codeowners-missing", at=where, path=PATH, command=github)
        return
    for host, text in committed.items():
        if text is not None and text != RENDERERS[host](ctx.org.roster):
            yield finding(
                ROSTER, "codeowners-stale", at=where, path=HOST_PATHS[host], command=command(host)
            )
