"""`.github/CODEOWNERS` generated from the roster (docs/cli.md).

With "Require review from Code Owners" on the main branch, every change needs a reviewer's
approval. A staff member is never an owner of their own folder: otherwise they could approve a
reviewer's correction of their own report, which must be approved by a second reviewer.
The file is generated, committed, and checked for staleness (rule `codeowners-stale`).
"""

from __future__ import annotations

from pathlib import Path

from validator.models.org import StaffRoster

PATH = ".github/CODEOWNERS"
HEADER = (
    "# 由 `validator codeowners` 根据 org/staff.yaml 生成,请勿手工修改;\n"
    "# 修改名单后运行 validator codeowners > .github/CODEOWNERS。\n"
    "# Generated from org/staff.yaml by `validator codeowners`; do not edit by hand.\n"
    "# Reviewers own everything; submissions/<id>/ is owned by that member's channel_engineer\n"
    "# (all reviewers when none is set), never by the member.\n"
)


def render(roster: StaffRoster) -> str:
    """The CODEOWNERS text for `roster` (later lines win, so the catch-all comes first)."""
    reviewers = _reviewers(roster)
    lines = [HEADER.rstrip("\n")]
    if reviewers:
        lines.append(" ".join(["*", *reviewers]))
    for member_id, owners in folders(roster, reviewers):
        lines.append(" ".join([f"/submissions/{member_id}/", *owners]))
    return "\n".join(lines) + "\n"


def folders(roster: StaffRoster, reviewers: list[str]) -> list[tuple[str, list[str]]]:
    """Each staff folder's owners: the member's channel engineer, else every reviewer (also
    when the id names no reviewer: rule `routing` reports that, and a typo must never leave a
    folder without a reviewer; `reviewers` are their mentions). One lookup table, so that
    2,000 staff cost 2,000 steps."""
    mention: dict[str, str] = {}
    for other in roster.staff:
        if other.role == "reviewer":
            mention.setdefault(other.id, f"@{other.github}")
    out = []
    for member in roster.staff:
        if member.role == "reviewer":
            continue
        engineer = mention.get(member.channel_engineer or "")
        out.append((member.id, [engineer] if engineer else reviewers))
    return out


def _reviewers(roster: StaffRoster) -> list[str]:
    return [f"@{m.github}" for m in roster.staff if m.role == "reviewer"]


def read_committed(root: Path, rel: str = PATH) -> str | None:
    """The CODEOWNERS file `rel` in the work tree (line endings normalised), None when absent."""
    path = root / rel
    if not path.is_file():
        return None
    try:
        return path.read_text(encoding="utf-8").replace("\r\n", "\n")
    except (OSError, UnicodeDecodeError):
        return ""  # unreadable counts as stale


# Other hosts read other files in other syntaxes (docs/guide/adopt.md): `validator codeowners
# --host gitlab|gitea` prints these; the owners are the same as in render().
HOST_PATHS = {
    "github": PATH,
    "gitlab": ".gitlab/CODEOWNERS",
    "gitea": ".gitea/CODEOWNERS",
    "forgejo": ".gitea/CODEOWNERS",
}
_OTHER_HEADER = HEADER.replace(".github/CODEOWNERS", "{path}").replace(
    "validator codeowners >", "validator codeowners --host {host} >"
)


def render_gitlab(roster: StaffRoster) -> str:
    """GitLab's syntax: one section whose default owners are the reviewers, so every change
    needs a reviewer's approval when the section requires one (`[审核人][1]`); within a section
    the last matching line wins, as on GitHub."""
    reviewers = _reviewers(roster)
    header = _OTHER_HEADER.format(path=HOST_PATHS["gitlab"], host="gitlab")
    lines = [header.rstrip("\n"), " ".join(["[审核人][1]", *reviewers]), "*"]
    for member_id, owners in folders(roster, reviewers):
        lines.append(" ".join([f"/submissions/{member_id}/", *owners]))
    return "\n".join(lines) + "\n"


def render_gitea(roster: StaffRoster) -> str:
    """Gitea's and Forgejo's syntax: a Go regular expression per line (they only request reviews
    from these owners; the approval itself is enforced by the protected branch's approvers)."""
    reviewers = _reviewers(roster)
    header = _OTHER_HEADER.format(path=HOST_PATHS["gitea"], host="gitea")
    lines = [header.rstrip("\n")]
    if reviewers:
        lines.append(" ".join([".*", *reviewers]))
    for member_id, owners in folders(roster, reviewers):
        pattern = f"submissions/{member_id}/.*"  # ids are [a-z0-9-]: nothing to escape
        lines.append(" ".join([pattern, *owners]))
    return "\n".join(lines) + "\n"


RENDERERS = {
    "github": render,
    "gitlab": render_gitlab,
    "gitea": render_gitea,
    "forgejo": render_gitea,
}


def command(host: str) -> str:
    """The command that writes `host`'s CODEOWNERS, as its header and the docs give it."""
    option = "" if host == "github" else f" --host {host}"
    return f"validator codeowners{option} > {HOST_PATHS[host]}"
