"""The push log of a pull request on Gitea/Forgejo and GitLab, from the host's own records
(`validator pushes`; docs/guide/adopt.md#gitea).

Their events do not say which commits a push brought, so without this log every commit of a pull
request counts as arriving with its latest push: a reviewer's one-word fix after the deadline made
the on-time commits before it `backdated`. The hosts do record each push:

- Gitea/Forgejo: the issue timeline (`GET {api}/repos/{owner}/{repo}/issues/{index}/timeline`)
  holds a `pull_push` comment per push, its body the JSON of Gitea's PushActionContent: the
  commits the push added (not in the old head, not on the base branch), or, for a force push,
  [old head, new head]. A force push may delete every earlier push comment, so it counts as
  bringing all its new head holds that no surviving comment names. The opening makes no such
  comment: its commits arrived when the pull request was opened (`--opened-at`). Pushes while
  the pull request was closed make none either, so a reopened pull request has no complete log
  (an error: the check then falls back).
- GitLab: the merge request's diff versions (`GET {api}/projects/{id}/merge_requests/{iid}/
  versions`), one per push, the first at the opening; a version brought what its head holds and
  the previous version's head did not.

The result is the push-log format of `--push-log` (`arrival.read_push_log`), with the pull
request's author (`opener`): on GitLab the job's GITLAB_USER_LOGIN is whoever started the job, so
a reviewer retrying a red merge request would otherwise be judged as its author. Any answer that
is not what the host documents is a `HostError` (exit 2), never a partial log.
"""

from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from validator.core.deadline import Watchdog, watched_opener
from validator.core.errors import UsageError, ValidatorError
from validator.core.timeutil import parse_moment
from validator.repo.git import is_commit_id

HOSTS = ("gitea", "forgejo", "gitlab")
TIMEOUT = 30  # seconds for each connect and read
DEADLINE = 60.0  # seconds for one request, start to end: a host trickling its answer stops there
MAX_PAGES = 200  # 10,000 timeline entries: far past any pull request of one report
MAX_BYTES = 16 * 1024 * 1024  # one page; a bigger answer is not the documented one
GITEA_LIMIT = 50  # Gitea's default MAX_RESPONSE_ITEMS
GITLAB_PER_PAGE = 100  # GitLab's largest page

Fetch = Callable[[str, Mapping[str, str]], Any]


class HostError(ValidatorError):
    """The host did not give a usable push log (refused, missing, or not what it documents)."""


def push_log(
    host: str,
    api: str,
    project: str,
    number: int,
    token: str | None = None,
    head: str | None = None,
    fetch: Fetch | None = None,
) -> list[dict[str, Any]]:
    """The push log of pull request `number` of `project` (Gitea: owner/name; GitLab: the id or
    path), earliest push first. With `head`, the log must name that commit: a push the host has
    not recorded yet would otherwise leave its commits to the opening time."""
    if host not in HOSTS:
        raise UsageError(f"--host: expected one of {', '.join(HOSTS)}")
    if number < 1:
        raise UsageError("--number: expected the pull request's number (1 or more)")
    base = _api(api)
    get = fetch or _get_json
    if host == "gitlab":
        url = f"{base}/projects/{quote(project, safe='')}/merge_requests/{number}/versions"
        headers = _headers(host, token)
        log = gitlab_log(_pages(get, url, headers, "per_page", GITLAB_PER_PAGE))
    else:
        url = f"{base}/repos/{_repo(project)}/issues/{number}/timeline"
        headers = _headers(host, token)
        log = gitea_log(_pages(get, url, headers, "limit", GITEA_LIMIT))
    if head is not None and not _names(log, head.lower()):
        raise HostError(
            f"托管平台的推送记录里还没有 {head[:12]}(这次推送尚未记下)/ "
            f"the host's push log does not name {head[:12]} yet"
        )
    return log


def gitea_log(comments: list[Any]) -> list[dict[str, Any]]:
    """The pushes of a Gitea/Forgejo timeline: a `pull_push` comment added `commit_ids`, or,
    forced, moved the branch to commit_ids[1] (and brought all it holds, as far as we know)."""
    log: list[tuple[Any, dict[str, Any]]] = []
    for n, comment in enumerate(comments, 1):
        if not isinstance(comment, dict):
            raise _bad(f"timeline entry {n} is not an object")
        kind = comment.get("type")
        if kind == "reopen":
            raise HostError(
                "拉取请求曾关闭后重新打开,关闭期间的推送 Gitea 没有记录 / the pull request was "
                "reopened: Gitea keeps no record of pushes while it was closed"
            )
        if kind != "pull_push":
            continue
        when = _time(comment.get("created_at"), f"timeline entry {n}")
        login = (comment.get("user") or {}).get("login")
        pusher = login if isinstance(login, str) and login else None
        body = comment.get("body")
        try:
            content = json.loads(body) if isinstance(body, str) else None
        except ValueError:
            content = None
        if not isinstance(content, dict):
            raise _bad(f"timeline entry {n}: the body of a push is not Gitea's push JSON")
        ids, forced = content.get("commit_ids"), content.get("is_force_push", False)
        if not isinstance(ids, list) or not all(is_commit_id(c) for c in ids):
            raise _bad(f"timeline entry {n}: commit_ids must be a list of commit ids")
        if not isinstance(forced, bool):
            raise _bad(f"timeline entry {n}: is_force_push must be true or false")
        ids = [c.lower() for c in ids]
        if forced:
            if len(ids) != 2:
                raise _bad(f"timeline entry {n}: a force push names [old head, new head]")
            # Gitea may have deleted every earlier push comment (it does on a force push), so
            # the old head says nothing of when the commits it held arrived: the force push
            # brought every commit its new head holds that no surviving comment names earlier.
            push = {"after": ids[1], "pushed_at": when[0], "pusher": pusher}
        elif ids:
            push = {"commits": ids, "pushed_at": when[0], "pusher": pusher}
        else:
            continue
        log.append((when[1], push))
    return [push for _, push in sorted(log, key=lambda item: item[0])]


def gitlab_log(versions: list[Any]) -> list[dict[str, Any]]:
    """The pushes of GitLab's merge request versions: the first version is the opening (it
    brought everything its head holds), each later one what its head adds to the one before."""
    found = []
    for n, version in enumerate(versions, 1):
        if not isinstance(version, dict):
            raise _bad(f"version {n} is not an object")
        head = version.get("head_commit_sha")
        if head is None:
            continue  # a version without a head brings no commit
        if not is_commit_id(head):
            raise _bad(f"version {n}: head_commit_sha must be a commit id")
        when = _time(version.get("created_at"), f"version {n}")
        ident = version.get("id")
        found.append((when[1], ident if isinstance(ident, int) else 0, when[0], head.lower()))
    found.sort(key=lambda item: item[:2])
    log, before = [], None
    for _moment, _ident, stamp, head in found:
        log.append({"before": before, "after": head, "pushed_at": stamp, "pusher": None})
        before = head
    return log


def opener(
    host: str,
    api: str,
    project: str,
    number: int,
    token: str | None = None,
    fetch: Fetch | None = None,
) -> str:
    """The login of whoever opened the pull request, from the host's record: GitLab's job
    variable GITLAB_USER_LOGIN is whoever started the job, a reviewer pressing Retry included."""
    get = fetch or _get_json
    base = _api(api)
    if host == "gitlab":
        url = f"{base}/projects/{quote(project, safe='')}/merge_requests/{number}"
        data = get(url, _headers(host, token))
        person, key = data.get("author") if isinstance(data, dict) else None, "username"
    else:
        url = f"{base}/repos/{_repo(project)}/pulls/{number}"
        data = get(url, _headers(host, token))
        person, key = data.get("user") if isinstance(data, dict) else None, "login"
    login = person.get(key) if isinstance(person, dict) else None
    if not isinstance(login, str) or not login.strip():
        raise _bad(f"{_shown(url)} names no author ({key})")
    return login


def _headers(host: str, token: str | None) -> dict[str, str]:
    """The token as each host takes it (GitLab: PRIVATE-TOKEN; Gitea: Authorization)."""
    if not token:
        return {}
    return {"PRIVATE-TOKEN": token} if host == "gitlab" else {"Authorization": f"token {token}"}


def _repo(project: str) -> str:
    """Gitea's owner/name, each part quoted for the address."""
    owner, _, name = project.partition("/")
    if not owner or not name or "/" in name:
        raise UsageError(f"--project: expected owner/name, got {project!r}")
    return f"{quote(owner, safe='')}/{quote(name, safe='')}"


def _names(log: list[dict[str, Any]], sha: str) -> bool:
    return any(p.get("after") == sha or sha in p.get("commits", ()) for p in log)


def _pages(get: Fetch, url: str, headers: Mapping[str, str], size: str, limit: int) -> list[Any]:
    """Every entry of a paginated list, page by page until an empty page: Gitea drops some
    entries from a page after paging, so a short page is not the last one."""
    entries: list[Any] = []
    for page in range(1, MAX_PAGES + 1):
        data = get(f"{url}?{urlencode({'page': page, size: limit})}", headers)
        if not isinstance(data, list):
            raise _bad(f"{url} did not answer a JSON list")
        if not data:
            return entries
        entries.extend(data)
    raise _bad(f"{url} has more than {MAX_PAGES} pages")


def _api(api: str) -> str:
    parts = urlsplit(api)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(f"--api: expected an http(s) address, got {api!r}")
    return api.rstrip("/")


class _SameHost(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to the same scheme and host: the token goes nowhere else."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: Any,
        code: int,
        msg: str,
        headers: Any,
        newurl: str,
    ) -> urllib.request.Request | None:
        if urlsplit(newurl)[:2] != urlsplit(req.full_url)[:2]:
            fp.close()
            raise HostError(
                f"托管平台把请求转到了别的主机 {urlsplit(newurl).netloc} / the host redirected "
                f"to another host: {urlsplit(newurl).netloc}"
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _get_json(url: str, headers: Mapping[str, str]) -> Any:
    """One GET of a JSON answer; every failure is a HostError naming the address (never the
    token, which only travels in a header)."""
    request = urllib.request.Request(url, headers={"Accept": "application/json", **headers})
    watchdog = Watchdog()
    opener = watched_opener(watchdog, _SameHost)
    too_slow = HostError(
        f"托管平台 {DEADLINE:g} 秒内没有答完 / the host did not answer within {DEADLINE:g} s:"
        f" {_shown(url)}"
    )
    try:
        with watchdog.limit(DEADLINE), opener.open(request, timeout=TIMEOUT) as response:
            body = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as exc:
        exc.close()
        if exc.code in (401, 403):
            why = "托管平台拒绝了令牌 / the host refused the token"
        elif exc.code == 404:
            why = "托管平台上没有这个拉取请求(或令牌看不到它)/ no such pull request on the host"
        else:
            why = "托管平台回答出错 / the host answered with an error"
        raise HostError(f"{why} (HTTP {exc.code}): {_shown(url)}") from None
    except (urllib.error.URLError, TimeoutError, OSError, http.client.HTTPException) as exc:
        if watchdog.expired:
            raise too_slow from None
        reason = getattr(exc, "reason", exc)
        raise HostError(
            f"连不上托管平台 / cannot reach the host: {_shown(url)}: {reason}"
        ) from None
    if watchdog.expired:  # the read ended where the watchdog cut the stream: not a whole answer
        raise too_slow
    if len(body) > MAX_BYTES:
        raise _bad(f"{_shown(url)} answered more than {MAX_BYTES} bytes")
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _bad(f"{_shown(url)} did not answer JSON") from None


def _shown(url: str) -> str:
    """The address without credentials or query, for a message."""
    parts = urlsplit(url)
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{parts.hostname or ''}{port}{parts.path}"


def _time(value: Any, where: str) -> tuple[str, Any]:
    if not isinstance(value, str):
        raise _bad(f"{where}: created_at must be an ISO 8601 time")
    try:
        moment = parse_moment(value)
    except UsageError:
        raise _bad(f"{where}: created_at must be an ISO 8601 time") from None
    if moment.tzinfo is None:
        raise _bad(f"{where}: created_at has no time zone")
    return value, moment


def _bad(what: str) -> HostError:
    return HostError(
        f"托管平台的回答不是它文档中的格式 / the host's answer is not as documented: {what}"
    )
