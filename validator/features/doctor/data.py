"""The organisation's data and machinery: org/ passes check, the policy's windows can be meant,
every notification channel can send, and the history can be read and cached."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from validator.checking.check import check
from validator.core.errors import ValidatorError
from validator.core.files import open_cache
from validator.features.doctor.facts import (
    ERROR,
    HOSTS,
    NOTE,
    WARNING,
    Facts,
    Finding,
    finding,
    host_files,
    uncommented,
)
from validator.features.doctor.texts import TEXTS
from validator.models.policy import parse_duration
from validator.repo import history_cache
from validator.repo.git import git
from validator.repo.layout import list_files
from validator.rules.registry import OWED_BY_STAFF


def org_files(facts: Facts) -> Iterator[Finding]:
    """Every org/ file passes `validator check` (routing, postings and approvals included)."""
    paths = list_files(facts.root, ("org",))
    roster = facts.org.roster
    if "org/staff.yaml" not in paths or (facts.org.roster_known and not roster.staff):
        yield finding("org", WARNING, "org/staff.yaml", "roster-empty")
    elif facts.org.roster_known and not any(m.role == "reviewer" for m in roster.staff):
        yield finding("org", ERROR, "org/staff.yaml", "no-reviewer")
    if not paths:
        return
    # the whole check, since some org/ findings need the reports (a posting's handover)
    if facts.refused is not None:
        return  # `history` names it: the check needs the history git will not give
    result = check(facts.root, None, facts.now, use_cache=False)
    warnings = 0
    for d in result.diagnostics:
        if not d.path.startswith("org/") or d.rule.startswith("codeowners"):
            continue  # the codeowners check above knows the host
        if not d.is_error or d.rule in OWED_BY_STAFF:
            warnings += 1  # what someone still owes is news for the status pages, not a setup fault
            continue
        where = d.path if d.line is None else f"{d.path}:{d.line}"
        args = (("where", where), ("rule", d.rule), ("message", d.message("zh")), ("path", d.path))
        yield _OrgError("org", ERROR, d.path, "org-error", args, d.line, d.message("en"))
    if warnings:
        yield finding("org", NOTE, "org/", "org-warnings", count=warnings)


@dataclass(frozen=True)
class _OrgError(Finding):
    """An org/ diagnostic: its message comes from the check's own catalog, in either language."""

    en: str = ""

    def text_of(self, index: int) -> str:
        if index == 1:
            return TEXTS[self.key][1].format(**{**dict(self.args), "message": self.en})
        return super().text_of(index)


def policy(facts: Facts) -> Iterator[Finding]:
    """Settings that parse but cannot be meant: windows that are empty or inverted."""
    path = "org/policy.yaml"
    if not (facts.root / path).is_file():
        if not facts.data_only:
            yield finding("policy", NOTE, path, "policy-defaults")
        return
    if path in facts.org.broken:
        return  # its schema errors are org findings
    pol = facts.org.policy
    within = parse_duration(pol.reports.incidents.due_within)
    if within <= dt.timedelta(0):
        yield _window("reports.incidents.due_within", pol.reports.incidents.due_within,
                      "突发事件一发生就已迟交", "every incident is late the moment it happens",
                      "24h")  # fmt: skip
    if pol.skew > dt.timedelta(days=1):
        yield _window("clock_skew", pol.clock_skew, "倒签检查几乎不起作用",
                      "the backdating guard barely works", "30m", WARNING)  # fmt: skip
    rotation = pol.rotation
    if rotation.protected_months >= rotation.due_months:
        yield _window("rotation.protected_months", rotation.protected_months,
                      f"不小于 due_months({rotation.due_months}),没有人会到期轮换",
                      f"not below due_months ({rotation.due_months}): nobody is ever due",
                      f"小于 {rotation.due_months} 的月数")  # fmt: skip
    if not rotation.rounds:
        yield _window("rotation.rounds", "[]", "没有轮换日期", "there is no rotation round",
                      '["01-01", "07-01"]', WARNING)  # fmt: skip


def _window(
    key: str, value: object, problem: str, problem_en: str, suggestion: str, sev: str = ERROR
) -> Finding:
    return finding(
        "policy", sev, "org/policy.yaml", "policy-window", key=key, value=value,
        problem=problem, problem_en=problem_en, suggestion=suggestion,
    )  # fmt: skip


#: a workflow that sends the messages of `notify:`, and where the template has the jobs that do
_SENDS = re.compile(r"\bvalidator\s+(?:remind|digest)\b[^\n]*\s--send\b")
_SENDING = {
    "github": ".github/workflows/remind.yml",
    "gitea": ".gitea/workflows/remind.yml, digest.yml",
    "forgejo": ".gitea/workflows/remind.yml, digest.yml",
    "gitlab": ".gitlab-ci.yml: deliver, digest",
}


def channels(facts: Facts) -> Iterator[Finding]:
    """Each configured channel has its environment variables set (their values never read)."""
    if "org/policy.yaml" in facts.org.broken:
        return
    notify = facts.org.policy.notify
    needed: list[tuple[str, str]] = []
    if notify.email is not None:
        smtp = notify.email.smtp
        if smtp.password_env:
            needed.append(("email", smtp.password_env))
        elif smtp.user:
            yield finding("notify", WARNING, "org/policy.yaml", "notify-no-password")
    for name in ("wecom", "dingtalk", "feishu"):
        robot = getattr(notify, name)
        if robot is not None:
            needed.append((name, robot.webhook_env))
            secret = getattr(robot, "secret_env", None)
            if secret:
                needed.append((name, secret))
    configured = any(getattr(notify, n) is not None for n in ("email", "wecom", "dingtalk"))
    configured = configured or notify.feishu is not None
    if not configured:
        if not facts.data_only:
            yield finding("notify", NOTE, "org/policy.yaml", "notify-none")
        return
    if not notify.site_url:
        yield finding("notify", WARNING, "org/policy.yaml", "notify-site-url")
    # only the files the host runs: another host's workflows passing a secret send nothing here
    mine = host_files(facts, facts.host) if facts.host in HOSTS else facts.workflows
    scripts = "\n".join(uncommented(text) for text in mine.values())
    if facts.workflows and not _SENDS.search(scripts):
        where = _SENDING.get(facts.host, _SENDING["github"])
        yield finding("notify", WARNING, "org/policy.yaml", "notify-not-sent",
                       host=facts.host, where=where)  # fmt: skip
    for channel, var in needed:
        if not facts.env.get(var):
            yield finding(
                "notify", WARNING, "org/policy.yaml", "notify-env-missing", channel=channel, var=var
            )
        # GitLab hands every CI/CD variable to every job: .gitlab-ci.yml need not name it
        unnamed = not re.search(rf"\b{re.escape(var)}\b", scripts)
        if facts.workflows and facts.host != "gitlab" and unnamed:
            yield finding(
                "notify", WARNING, "org/policy.yaml", "notify-env-unused", channel=channel, var=var
            )


def history(facts: Facts) -> Iterator[Finding]:
    """The history can be read in full and its cache in .git/validator/ can be written."""
    found = facts.git
    if facts.refused is not None:
        yield finding("history", ERROR, "", "git-refused", said=facts.refused, root=facts.root)
        return
    if found is None:
        yield finding("history", ERROR, "", "not-git", root=facts.root)
        return
    git_dir, head = found
    if head is None:
        yield finding("history", WARNING, "", "no-commits")
        return
    try:
        shallow = git(facts.root, "rev-parse", "--is-shallow-repository").strip() == "true"
    except ValidatorError:
        shallow = False
    if shallow:
        yield finding("history", ERROR, "", "shallow")
    folder = git_dir / "validator"
    rel = ".git/validator"
    if folder.exists() and (not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK)):
        yield finding("history", WARNING, rel, "cache-blocked", path=rel)
        return
    if not folder.exists() and not os.access(git_dir, os.W_OK | os.X_OK):
        yield finding("history", WARNING, ".git", "cache-blocked", path=".git")
        return
    for cached in sorted(folder.glob("received-*.json")) if folder.is_dir() else []:
        if not _cache_ok(cached):
            name = f"{rel}/{cached.name}"
            yield finding("history", WARNING, name, "cache-damaged", path=name)


def _cache_ok(path: Path) -> bool:
    try:
        with open_cache(path) as handle:  # a named pipe would hold the doctor up for ever
            stored = json.loads(handle.read().decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return False
    return (
        isinstance(stored, dict)
        and stored.get("version") == history_cache.VERSION
        and isinstance(stored.get("received"), dict)
    )
