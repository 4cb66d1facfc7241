"""The pull-request facts of `validator check`, read from the CI environment of each Git host.

Every workflow (GitHub Actions, Gitea/Forgejo Actions, GitLab CI) can then call the validator the
same way: without `--base` and the rest, `validator check` takes them from here. Pure: an
environment mapping and the event payload in, frozen facts out; no clock, no file, no git. The
times are the Git host's records (docs/guide/submit.md#received), never the runner's clock:

- GitHub, Gitea, Forgejo: the event payload (`GITHUB_EVENT_PATH`): `pull_request.created_at` for
  `opened`, `updated_at` for later pushes, `repository.pushed_at` for a push (GitHub only: Gitea
  and Forgejo send no push time, so a direct push has no server evidence there).
- GitLab: `CI_PIPELINE_CREATED_AT`, the time GitLab created the pipeline for that push.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

HOSTS = ("github", "gitea", "forgejo", "gitlab")
_PULL_EVENTS = ("pull_request", "pull_request_target")
_NO_COMMIT = "0" * 40  # `before` of a new branch (GitHub, Gitea, GitLab alike)


@dataclass(frozen=True)
class CiFacts:
    """What the host says about the event being checked; None where it says nothing."""

    host: str  # one of HOSTS
    event: str  # "pull_request", "push", or the host's own name for anything else
    workspace: str | None = None  # where the host checked the repository out
    base: str | None = None  # --base
    author: str | None = None  # --author
    event_time: str | None = None  # --event-time (ISO 8601 or a Unix timestamp)
    opened_at: str | None = None  # when the pull request was opened (--opened-at)
    before: str | None = None  # the branch tip before this push
    after: str | None = None  # the branch tip after it

    @property
    def pull_request(self) -> bool:
        return self.event == "pull_request"

    @property
    def new_commits(self) -> str | None:
        """`before..after` of this push, when the host names both (a new branch has no before)."""
        if self.before and self.after and self.before != _NO_COMMIT:
            return f"{self.before}..{self.after}"
        return None


def missing(found: CiFacts, *, push_log: bool = False) -> list[tuple[str, str]]:
    """What of its base, author and time a pull-request event does not give, each with where
    the host gives it: without them the pull request cannot be checked (no time, no backdating
    guard, unless the host's push log gives the times), and must not pass unchecked."""
    if not found.pull_request:
        return []
    gitlab = found.host == "gitlab"
    wanted = (
        (
            "base",
            found.base,
            "CI_MERGE_REQUEST_DIFF_BASE_SHA, CI_MERGE_REQUEST_TARGET_BRANCH_NAME"
            if gitlab
            else "pull_request.base.ref, GITHUB_BASE_REF",
        ),
        ("author", found.author, "GITLAB_USER_LOGIN" if gitlab else "pull_request.user.login"),
        (
            "event time",
            found.event_time or ("--push-log" if push_log else None),
            "CI_PIPELINE_CREATED_AT, GitLab 13.10+"
            if gitlab
            else "pull_request.updated_at, pull_request.created_at",
        ),
    )
    return [(name, source) for name, value, source in wanted if value is None]


def host(env: Mapping[str, str]) -> str | None:
    """Which CI runs us; None outside CI. Gitea and Forgejo also set GITHUB_ACTIONS=true, so
    they are asked first."""
    if env.get("GITLAB_CI") == "true":
        return "gitlab"
    if env.get("FORGEJO_ACTIONS") == "true":
        return "forgejo"
    if env.get("GITEA_ACTIONS") == "true":
        return "gitea"
    if env.get("GITHUB_ACTIONS") == "true":
        return "github"
    return None


def event_path(env: Mapping[str, str]) -> str | None:
    """The event payload file of an Actions host (GitLab has none)."""
    if host(env) in ("github", "gitea", "forgejo"):
        return env.get("GITHUB_EVENT_PATH") or env.get("GITEA_EVENT_PATH") or None
    return None


def facts(env: Mapping[str, str], event: Mapping[str, Any] | None = None) -> CiFacts | None:
    """The facts of this CI run; None outside CI."""
    name = host(env)
    if name is None:
        return None
    if name == "gitlab":
        return _gitlab(env)
    return _actions(name, env, event or {})


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    text = str(value).strip()
    return text or None


def _name(value: Any) -> str | None:
    """A login or a branch name: text only (a number or an object is no name)."""
    return _text(value) if isinstance(value, str) else None


def _get(data: Any, *keys: str) -> Any:
    for key in keys:
        data = data.get(key) if isinstance(data, Mapping) else None
    return data


def _actions(name: str, env: Mapping[str, str], event: Mapping[str, Any]) -> CiFacts:
    kind = env.get("GITHUB_EVENT_NAME") or env.get("GITEA_EVENT_NAME") or ""
    workspace = _text(env.get("GITHUB_WORKSPACE") or env.get("GITEA_WORKSPACE"))
    if kind in _PULL_EVENTS:
        pull = event.get("pull_request")
        pull = pull if isinstance(pull, Mapping) else {}
        base_ref = _name(_get(pull, "base", "ref")) or _name(env.get("GITHUB_BASE_REF"))
        opened = _text(pull.get("created_at"))
        # GitHub says "synchronize", Gitea and Forgejo "synchronized": only "opened" is special.
        when = opened if event.get("action") == "opened" else _text(pull.get("updated_at"))
        return CiFacts(
            host=name,
            event="pull_request",
            workspace=workspace,
            base=f"origin/{base_ref}" if base_ref else None,
            author=_name(_get(pull, "user", "login")),
            event_time=when,
            opened_at=opened,
            before=_text(event.get("before")),
            after=_text(event.get("after")),
        )
    if kind == "push":
        return CiFacts(
            host=name,
            event="push",
            workspace=workspace,
            event_time=_text(_get(event, "repository", "pushed_at")),
            before=_text(event.get("before")),
            after=_text(event.get("after")),
        )
    return CiFacts(host=name, event=kind or "unknown", workspace=workspace)


def _gitlab(env: Mapping[str, str]) -> CiFacts:
    source = env.get("CI_PIPELINE_SOURCE", "")
    workspace = _text(env.get("CI_PROJECT_DIR"))
    created = _text(env.get("CI_PIPELINE_CREATED_AT"))
    if source == "merge_request_event" or env.get("CI_MERGE_REQUEST_IID"):
        target = _text(env.get("CI_MERGE_REQUEST_TARGET_BRANCH_NAME"))
        # The diff base is the merge base GitLab shows the diff against; the branch name is the
        # fallback for versions that lack it.
        base = _text(env.get("CI_MERGE_REQUEST_DIFF_BASE_SHA")) or (
            f"origin/{target}" if target else None
        )
        return CiFacts(
            host="gitlab",
            event="pull_request",
            workspace=workspace,
            base=base,
            author=_name(env.get("GITLAB_USER_LOGIN")),
            event_time=created,
        )
    if source == "push":
        return CiFacts(
            host="gitlab",
            event="push",
            workspace=workspace,
            event_time=created,
            before=_text(env.get("CI_COMMIT_BEFORE_SHA")),
            after=_text(env.get("CI_COMMIT_SHA")),
        )
    return CiFacts(host="gitlab", event=source or "unknown", workspace=workspace)
