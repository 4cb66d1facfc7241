"""The record of what was sent, kept in git under `refs/notes/validator-sent`.

A scheduled job runs in a fresh checkout, so the record must travel with the repository: it is
a git note (one JSON line per message) on the empty tree, which every repository has, so the
ref needs no commit of the branch and never touches the work tree. The workflow fetches the
ref before sending and pushes it after. Each message is recorded the moment it was accepted,
so a run that fails half-way resends only what did not go out.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from validator.core.errors import RepositoryError
from validator.repo.git import git_env, repository

REF = "refs/notes/validator-sent"
ANCHOR = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"  # git's empty tree
IDENTITY = ("-c", "user.name=validator", "-c", "user.email=validator@localhost")


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", *IDENTITY, *args], cwd=root, env=git_env(), capture_output=True, check=False
        )
    except FileNotFoundError as exc:
        raise RepositoryError("git is not installed") from exc


@dataclass
class Ledger:
    """What has been sent: (recipient, content key) pairs, read once, appended as it goes."""

    root: Path
    sent: set[tuple[str, str]] = field(default_factory=set)

    @classmethod
    def open(cls, root: Path) -> Ledger:
        """The record of the repository at `root` (empty when none was written yet)."""
        if repository(root) is None:
            raise RepositoryError(f"{root} is not a git repository; the sent record lives in git")
        ledger = cls(root)
        done = _git(root, "notes", f"--ref={REF}", "show", ANCHOR)
        if done.returncode == 0:
            for line in done.stdout.decode("utf-8", "replace").splitlines():
                try:
                    entry = json.loads(line)
                except ValueError:
                    continue  # blank separators between appended notes
                if isinstance(entry, dict):
                    ledger.sent.add((str(entry.get("to")), str(entry.get("key"))))
        return ledger

    def holds(self, recipient: str, key: str) -> bool:
        return (recipient, key) in self.sent

    def record(self, recipient: str, key: str, when: dt.datetime) -> None:
        """Add one sent message to the record (a commit on the notes ref)."""
        line = json.dumps(
            {"to": recipient, "key": key, "at": when.isoformat(timespec="seconds")},
            ensure_ascii=False,
        )
        done = _git(self.root, "notes", f"--ref={REF}", "append", "-m", line, ANCHOR)
        if done.returncode != 0:
            raise RepositoryError(done.stderr.decode("utf-8", "replace").strip())
        self.sent.add((recipient, key))
