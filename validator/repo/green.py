"""Which merged reports passed the validate check: a record kept on the reports themselves.

The check that judges a pull request can be skipped or bypassed (an admin merge, a branch rule
switched off for an afternoon); main cannot see that from the files alone. So when a pull
request that passed `validate` is merged, the publish job notes each report blob it added or
changed under `refs/notes/validator-green` (a git note on the blob, pushed like any ref), and a
check of main warns about every committed report whose blob carries no such note
(`unvalidated`). An organisation that never records green runs has no such ref: then nothing is
claimed and nothing is warned. The first run also notes every report already in its BASE as
merged before the record began: no one can tell how those were merged, and naming hundreds of
them as possibly bypassed would bury the one that was.
"""

from __future__ import annotations

from pathlib import Path

from validator.core.errors import RepositoryError
from validator.repo.git import git, rev_exists

GREEN_REF = "refs/notes/validator-green"
#: under the validator's own name: a CI runner's git has no identity to write a note as
IDENTITY = ("-c", "user.name=validator", "-c", "user.email=validator@localhost")


def green_blobs(root: Path) -> set[str] | None:
    """The blob ids noted as validated; None when the repository keeps no such record."""
    if not rev_exists(root, GREEN_REF):
        return None
    listed = git(root, "notes", f"--ref={GREEN_REF}", "list")
    return {line.split()[1] for line in listed.splitlines() if len(line.split()) == 2}


def committed_reports(root: Path, commit: str = "HEAD") -> dict[str, str]:
    """Path -> blob id of every file under submissions/ in `commit` (empty before the first
    commit)."""
    try:
        listed = git(root, "ls-tree", "-r", "-z", "--full-tree", commit, "--", "submissions/")
    except RepositoryError:
        return {}
    found: dict[str, str] = {}
    for entry in listed.split("\0"):
        meta, _, path = entry.partition("\t")
        parts = meta.split()
        if len(parts) == 3 and parts[1] == "blob":
            found[path] = parts[2]
    return found


def mark_green(root: Path, base: str, head: str) -> list[str]:
    """Note every report blob that `base..head` added or changed as validated; the paths.
    `base` and `head` are commit ids the caller resolved (a user's text could be an option)."""
    if green_blobs(root) is None:
        _note_before_record(root, base)
    changed = git(
        root, "diff", "--raw", "-z", "--no-abbrev", "--no-renames", "--diff-filter=AM",
        "--end-of-options", base, head, "--", "submissions/",
    )  # fmt: skip
    fields = changed.split("\0")
    marked: list[str] = []
    for meta, path in zip(fields[0::2], fields[1::2], strict=False):
        parts = meta.split()
        if len(parts) < 5 or not path.endswith(".yaml"):
            continue
        blob = parts[3]
        git(
            root, *IDENTITY, "notes", f"--ref={GREEN_REF}", "add", "-f", "-m",
            f"validate: {head}", blob,
        )  # fmt: skip
        marked.append(path)
    return marked


def _note_before_record(root: Path, base: str) -> None:
    """Start the record with every report blob `base` holds, noted as merged before it began:
    one notes commit built from a tree (one git process, however many reports)."""
    blobs = sorted({b for p, b in committed_reports(root, base).items() if p.endswith(".yaml")})
    note = git(root, "hash-object", "-w", "--stdin", stdin=f"before record: {base}\n".encode())
    entries = "".join(f"100644 blob {note.strip()}\t{blob}\0" for blob in blobs)
    tree = git(root, "mktree", "-z", stdin=entries.encode()).strip()
    commit = git(
        root, *IDENTITY, "commit-tree", tree, "-m", f"validator green: reports before {base}"
    ).strip()
    git(root, "update-ref", GREEN_REF, commit, "")
