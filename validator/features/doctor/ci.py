"""The CI files: each role's workflow is there with its actions pinned, CODEOWNERS is current,
and no squash merge rewrites report dates."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import yaml

from validator.core.errors import ValidatorError
from validator.features.doctor.facts import (
    ERROR,
    GITLAB_CI,
    HOSTS,
    NOTE,
    WARNING,
    WORKFLOW_DIRS,
    Facts,
    Finding,
    finding,
    host_files,
    text_of,
    uncommented,
)
from validator.kinds import due
from validator.repo.codeowners import HOST_PATHS, RENDERERS
from validator.repo.git import CHANGES_HEADER, git, log_changes
from validator.repo.layout import classify_all, list_files

#: what the workflows must do: role -> (patterns one file must all match, severity); the pull
#: request gate is a workflow that pull (merge) requests trigger and that runs the check
ROLES = {
    "validate": (
        (re.compile(r"\bvalidator\s+check\b"), re.compile(r"\b(pull_request\w*|merge_request\w*)")),
        ERROR,
    ),
    # `make site` is how the template's Gitea workflow and .gitlab-ci.yml build (Makefile)
    "publish": (
        (re.compile(r"\b(mkdocs|zensical)\s+build\b|\bvalidator\s+site\b|\bmake\s+site\b"),),
        WARNING,
    ),
    "remind": ((re.compile(r"\bvalidator\s+remind\b"),), WARNING),
}
_COMMANDS = {"validate": "validator check", "publish": "mkdocs build", "remind": "validator remind"}
_USES = re.compile(r"^\s*(?:-\s+)?uses:\s*['\"]?([^'\"#\s]+)['\"]?\s*(?:#\s*(\S+))?")
_SHA = re.compile(r"^[0-9a-f]{40}$")


def workflows(facts: Facts) -> Iterator[Finding]:
    """The configured host's CI validates, publishes and reminds; every action is pinned."""
    if facts.data_only:
        folder = "/".join(WORKFLOW_DIRS.get(facts.host, (GITLAB_CI,))[0].split("/")[:2])
        yield finding("workflows", NOTE, "", "data-only", dir=folder)
        return
    if facts.host in HOSTS:
        files = host_files(facts, facts.host)
        mine = [uncommented(t) for t in files.values()]
        # the folder the host reads: the one holding its files, else the first it would read
        first = next(iter(files), "") if facts.host != "gitlab" else ""
        folder = first.rpartition("/")[0] or WORKFLOW_DIRS.get(facts.host, (GITLAB_CI,))[0]
        for role, (patterns, severity) in ROLES.items():
            if not any(all(p.search(text) for p in patterns) for text in mine):
                key = "workflow-role-missing" + ("-gitlab" if facts.host == "gitlab" else "")
                yield finding(
                    "workflows", severity, folder, key, host=facts.host,
                    command=_COMMANDS[role], purpose=role, dir=folder, file=f"{role}.yml",
                )  # fmt: skip
    for path, text in facts.workflows.items():
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            yield finding(
                "workflows", ERROR, path, "workflow-unreadable", path=path,
                detail=str(exc).splitlines()[0],
            )  # fmt: skip
            continue
        if path == GITLAB_CI:
            yield from _gitlab_includes(path, data)
        else:
            yield from _unpinned(path, text)


def _unpinned(path: str, text: str) -> Iterator[Finding]:
    for number, line in enumerate(text.splitlines(), 1):
        match = _USES.match(line)
        if not match:
            continue
        ref, tag = match[1], match[2] or "vX.Y.Z"
        if ref.startswith("./"):
            continue  # an action of this repository, pinned by the commit itself
        name, _, version = ref.partition("@")
        if ref.startswith("docker://"):
            if "@sha256:" in ref:
                continue
        elif _SHA.match(version):
            continue
        yield finding(
            "workflows", ERROR, path, "action-unpinned", line=number, ref=ref, name=name,
            tag=version or tag,
        )  # fmt: skip


def _gitlab_includes(path: str, data: Any) -> Iterator[Finding]:
    includes = data.get("include") if isinstance(data, dict) else None
    items = includes if isinstance(includes, list) else [includes] if includes else []
    for item in items:
        if not isinstance(item, dict):
            continue  # a bare string is a local file (or a URL, caught below as remote)
        if "remote" in item:
            yield finding(
                "workflows", ERROR, path, "gitlab-include-unpinned", what=f"remote {item['remote']}"
            )
        elif "project" in item and not _SHA.match(str(item.get("ref") or "")):
            yield finding(
                "workflows", ERROR, path, "gitlab-include-unpinned",
                what=f"project {item['project']} ref {item.get('ref') or '(default branch)'}",
            )  # fmt: skip
        elif "component" in item and not _SHA.match(str(item["component"]).rpartition("@")[2]):
            yield finding(
                "workflows", ERROR, path, "gitlab-include-unpinned",
                what=f"component {item['component']}",
            )  # fmt: skip


def codeowners(facts: Facts) -> Iterator[Finding]:
    """The host's CODEOWNERS file is exactly what `validator codeowners --host` prints."""
    host = facts.host if facts.host in RENDERERS else "github"
    org = facts.org
    if not org.roster_known or not org.roster.staff or "org/staff.yaml" in org.broken:
        return
    rel = HOST_PATHS[host]
    path = facts.root / rel
    if not path.is_file():
        if not facts.data_only or (facts.root / rel.split("/")[0]).is_dir():
            yield finding("codeowners", ERROR, rel, "codeowners-missing", path=rel, host=host)
        return
    committed = text_of(path).replace("\r\n", "\n")
    if committed != RENDERERS[host](org.roster):
        yield finding("codeowners", ERROR, rel, "codeowners-stale", path=rel, host=host)


def squash(facts: Facts) -> Iterator[Finding]:
    """Squash merges rewrite commit dates (docs/guide/submit.md#received): the setting where it can
    be read offline, and the trace one leaves in the history."""
    if facts.host == "github" and not facts.data_only:
        settings = facts.root / ".github" / "settings.yml"
        if settings.is_file():
            try:
                data = yaml.safe_load(text_of(settings)) or {}
            except yaml.YAMLError:
                data = {}
            repo = data.get("repository") if isinstance(data, dict) else None
            allowed = repo.get("allow_squash_merge", True) if isinstance(repo, dict) else True
            if allowed is not False:
                rel = ".github/settings.yml"
                yield finding("squash", WARNING, rel, "squash-allowed", path=rel)
        else:
            yield finding("squash", NOTE, "", "squash-unknown", host="GitHub")
    elif not facts.data_only:
        yield finding("squash", NOTE, "", "squash-unknown", host=facts.host)
    yield from squashed_reports(facts)


def squashed_reports(facts: Facts) -> Iterator[Finding]:
    """A report whose only commit is someone else's single-parent commit dated after the
    deadline: the trace a squash merge by a reviewer leaves."""
    if facts.git is None or facts.git[1] is None:
        return
    reports, _ = classify_all(list_files(facts.root, ("submissions",)))
    by_path = {rf.path: rf for rf in reports}
    if not by_path:
        return
    try:
        out = git(
            facts.root, "log", "-z", f"--format={CHANGES_HEADER}%H %P%x00<%ae%x00<%an%x00%aI",
            "--name-only", "--no-renames", "HEAD", "--", "submissions/",
        )  # fmt: skip
    except ValidatorError:
        return
    commits: dict[str, list[tuple[str, int, str, str, str]]] = {}
    # split where only a commit boundary can be (`log_changes`): any byte but NUL may be in a
    # name or a path, and '<' before the e-mail and the name keeps an empty one from looking
    # like a boundary
    for record in log_changes(out):
        ids, email, name, date, *names = record.split("\x00")
        email, name = email[1:], name[1:]
        sha, *parent_ids = ids.split()
        for rel in names:
            rel = rel.lstrip("\n")  # the first path follows the header's line break
            if rel in by_path:
                commits.setdefault(rel, []).append((sha, len(parent_ids), email, name, date))
    people = facts.org.staff
    reviewers = {
        m.email.lower() for m in facts.org.roster.staff if m.role == "reviewer" and m.email
    }
    for rel, touched in sorted(commits.items()):
        if len(touched) != 1:
            continue
        commit, parents, email, name, date = touched[0]
        rf = by_path[rel]
        member = people.get(rf.staff_id)
        if parents != 1 or member is None or email.lower() == (member.email or "").lower():
            continue
        if reviewers and email.lower() not in reviewers:
            continue
        try:
            deadline = due(rf.period, facts.org.policy)
        except (ValueError, TypeError, AttributeError, KeyError):
            continue  # a kind whose deadline needs the report's content (incidents)
        if dt.datetime.fromisoformat(date) >= deadline:
            yield finding(
                "squash", WARNING, rel, "squash-suspected", path=rel, commit=commit[:10],
                author=f"{name} <{email}>", date=date, staff=member.id,
            )  # fmt: skip
