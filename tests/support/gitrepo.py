"""A real git repository for tests, with commit dates set through GIT_AUTHOR_DATE."""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class GitRepo:
    root: Path

    @classmethod
    def init(cls, root: Path) -> GitRepo:
        root.mkdir(parents=True, exist_ok=True)
        repo = cls(root)
        repo.git("init", "-q", "-b", "main")
        repo.git("config", "user.name", "Test")
        repo.git("config", "user.email", "test@example.com")
        repo.git("config", "commit.gpgsign", "false")
        return repo

    def git(self, *args: str, date: str | None = None, committer_date: str | None = None) -> str:
        env = dict(os.environ)
        for key in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
            env.pop(key, None)
        if date:
            env["GIT_AUTHOR_DATE"] = date
            env["GIT_COMMITTER_DATE"] = committer_date or date
        out = subprocess.run(
            ["git", *args], cwd=self.root, env=env, check=True, capture_output=True, text=True
        )
        return out.stdout

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def commit(
        self, message: str, date: str, *paths: str, committer_date: str | None = None
    ) -> str:
        """Stage `paths` (all changes when empty) and commit with the given ISO 8601 date."""
        self.git("add", "-A", *paths)
        self.git(
            "commit", "-q", "--allow-empty", "-m", message, date=date, committer_date=committer_date
        )
        return self.git("rev-parse", "HEAD").strip()


def aged(root: Path) -> None:
    """The reports under `root` saved an hour ago, as a checkout's usually are: the verdict cache
    keeps no verdict on a file written within the last tick of a coarse file clock
    (`verdict_cache.settled`), so a test of what it keeps ages them first."""
    an_hour_ago = time.time_ns() - 3600 * 10**9
    for file in (root / "submissions").rglob("*.yaml"):
        os.utime(file, ns=(an_hour_ago, an_hour_ago))
