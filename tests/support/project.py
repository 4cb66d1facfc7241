"""A copy of the product repository (mkdocs.yml, docs/, org/) that a test may change, built with
the real `mkdocs build --strict` against its own data, as an adopting organisation builds it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.support import ROOT

MKDOCS = Path(sys.executable).with_name("mkdocs")
VALIDATOR = Path(sys.executable).with_name("validator")


def copy_project(dest: Path) -> Path:
    """mkdocs.yml, docs/ (without the generated status pages) and org/ copied to `dest`, a git
    repository; the hooks still come from the checkout (a symlink, as mkdocs.yml names them)."""
    dest.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", dest / "docs", ignore=shutil.ignore_patterns("status"))
    shutil.copytree(ROOT / "org", dest / "org")
    (dest / "validator").symlink_to(ROOT / "validator")
    subprocess.run(["git", "init", "-q", str(dest)], check=True)
    return dest


def run_validator(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`validator ARGS --repo project`, as a user runs it."""
    return subprocess.run(
        [str(VALIDATOR), *args, "--repo", str(project)],
        cwd=project, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


def build_project(project: Path, audience: str = "public") -> Path:
    """`mkdocs build --strict` in `project`, rendering its own data; the site directory."""
    site = project.parent / f"site-{audience}"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "VALIDATOR_REPO": str(project)}
    env["VALIDATOR_AUDIENCE"] = audience
    env.pop("VALIDATOR_NOW", None)
    proc = subprocess.run(
        [str(MKDOCS), "build", "--strict", "--site-dir", str(site)],
        cwd=project, env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return site
