"""What the doctor's checks read, gathered once (`gather`), and what they return (`Finding`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from validator.core.errors import ValidatorError
from validator.features.doctor.texts import TEXTS
from validator.repo.git import RefusedRepository, repository
from validator.repo.org_data import Org, load_org

ERROR, WARNING, NOTE = "error", "warning", "note"
HOSTS = ("github", "gitea", "forgejo", "gitlab")
#: the CI folders each host reads, the first that holds workflows (Gitea and Forgejo fall back to
#: .github/workflows; Forgejo reads Gitea's folder too)
WORKFLOW_DIRS = {
    "github": (".github/workflows",),
    "gitea": (".gitea/workflows", ".github/workflows"),
    "forgejo": (".forgejo/workflows", ".gitea/workflows", ".github/workflows"),
}
GITLAB_CI = ".gitlab-ci.yml"


@dataclass(frozen=True)
class Finding:
    """One problem (or, as a note, one thing that could not be checked) with its fix."""

    check: str
    severity: str
    path: str
    key: str
    args: tuple[tuple[str, str], ...] = ()
    line: int | None = None

    def message(self, lang: str = "zh") -> str:
        return self.text_of(0 if lang != "en" else 1)

    def fix(self, lang: str = "zh") -> str:
        return self.text_of(2 if lang != "en" else 3)

    def text_of(self, index: int) -> str:
        return TEXTS[self.key][index].format(**dict(self.args))


def finding(
    check: str, severity: str, where: str, text_id: str, /, *, line: int | None = None,
    **args: object,
) -> Finding:  # fmt: skip
    return Finding(
        check, severity, where, text_id, tuple((k, str(v)) for k, v in args.items()), line
    )


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(f.severity == ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity == WARNING for f in self.findings)

    @property
    def exit_code(self) -> int:
        return 1 if self.errors else 0


#: renders the public status pages in memory: page path -> text (or bytes for charts)
PageRenderer = Callable[[Path, dt.datetime], Mapping[str, str | bytes]]


@dataclass
class Facts:
    """What the checks read, gathered once."""

    root: Path
    now: dt.datetime
    org: Org
    site: dict[str, Any] | None  # mkdocs.yml, None when absent
    site_error: str | None
    host: str
    workflows: dict[str, str]  # repo-relative path -> text, every CI file present
    env: Mapping[str, str]
    git: tuple[Path, str | None] | None  # git directory and HEAD (`repository`); None: no git
    refused: str | None  # what git said when it would not open the repository

    @property
    def data_only(self) -> bool:
        return self.site is None and self.site_error is None and not self.workflows

    @property
    def extra(self) -> dict[str, Any]:
        extra = (self.site or {}).get("extra")
        return extra if isinstance(extra, dict) else {}


def gather(root: Path, now: dt.datetime, env: Mapping[str, str]) -> Facts:
    if not root.is_dir():
        raise ValidatorError(f"{root} is not a directory")
    site, site_error = _read_site(root)
    extra = (site or {}).get("extra") if isinstance(site, dict) else None
    workflows = _read_workflows(root)
    host = _host(extra if isinstance(extra, dict) else {}, workflows)
    org = load_org(root, [])
    try:
        found, refused = repository(root), None
    except RefusedRepository as exc:
        found, refused = None, exc.said
    return Facts(root, now, org, site, site_error, host, workflows, env, found, refused)


class _Tolerant(yaml.SafeLoader):
    """mkdocs.yml may carry `!!python/name:` and `!ENV` tags: read them as plain values."""


_Tolerant.add_multi_constructor("", lambda loader, suffix, node: None)


def _read_site(root: Path) -> tuple[dict[str, Any] | None, str | None]:
    path = root / "mkdocs.yml"
    if not path.is_file():
        return None, None
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Tolerant)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        return None, str(exc).splitlines()[0]
    return (data if isinstance(data, dict) else {}), None


def _read_workflows(root: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    folders = {d for dirs in WORKFLOW_DIRS.values() for d in dirs}
    for folder in sorted(folders):
        base = root / folder
        if base.is_dir():
            for path in sorted(base.iterdir()):
                if path.suffix in (".yml", ".yaml") and path.is_file():
                    found[f"{folder}/{path.name}"] = text_of(path)
    if (root / GITLAB_CI).is_file():
        found[GITLAB_CI] = text_of(root / GITLAB_CI)
    return found


def text_of(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _host(extra: Mapping[str, Any], workflows: Mapping[str, str]) -> str:
    """extra.git_kind of mkdocs.yml, else the host whose CI folder exists, else GitHub."""
    kind = str(extra.get("git_kind") or "").strip().lower()
    if kind:
        return kind
    for host, prefix in (("gitlab", GITLAB_CI), ("forgejo", ".forgejo/"), ("gitea", ".gitea/")):
        if any(p.startswith(prefix) for p in workflows):
            return host
    return "github"


def host_files(facts: Facts, host: str) -> dict[str, str]:
    if host == "gitlab":
        return {p: t for p, t in facts.workflows.items() if p == GITLAB_CI}
    dirs = WORKFLOW_DIRS.get(host, ())
    for folder in dirs:  # the first folder that holds workflows is the one the host reads
        files = {p: t for p, t in facts.workflows.items() if p.startswith(folder + "/")}
        if files:
            return files
    return {}


def uncommented(text: str) -> str:
    """The file without its comment lines: a comment naming a command does not run it."""
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
