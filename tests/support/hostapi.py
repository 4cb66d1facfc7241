"""A Gitea/Forgejo and GitLab API on 127.0.0.1 serving the push records `validator pushes` reads,
as the hosts document them: Gitea's issue timeline (`page`, `limit`; `Authorization: token …`)
and GitLab's merge request versions (`page`, `per_page`; `PRIVATE-TOKEN`), newest first; and
the pull/merge request itself, whose author is `user.login` (Gitea) or `author.username`
(GitLab)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

TOKEN = "s3cret-token-value"


@dataclass
class HostApi:
    """What the fake host answers: `timeline[(owner/repo, index)]` and
    `versions[(project, iid)]`; `authors[...]` of the same keys (li-ming's login unless set);
    `broken[path]` = (status, body, headers) replaces the first page of an answer."""

    timeline: dict[tuple[str, int], list[dict[str, Any]]] = field(default_factory=dict)
    versions: dict[tuple[str, int], list[dict[str, Any]]] = field(default_factory=dict)
    authors: dict[tuple[str, int], str] = field(default_factory=dict)
    broken: dict[str, tuple[int, bytes, dict[str, str]]] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    url: str = ""

    def answer(self, path: str, query: dict[str, list[str]], headers: dict[str, str]) -> Any:
        self.requests.append((path, headers))
        parts = path.strip("/").split("/")
        page = int(query.get("page", ["1"])[0])
        if path in self.broken:  # the first page is broken; a second would be empty
            return self.broken[path] if page == 1 else (200, b"[]", {})
        # Gitea: /api/v1/repos/{owner}/{repo}/issues/{index}/timeline
        if parts[:3] == ["api", "v1", "repos"] and parts[-1] == "timeline" and len(parts) == 8:
            if headers.get("authorization") != f"token {TOKEN}":
                return 401, b'{"message":"token is required"}', {}
            key = (f"{parts[3]}/{parts[4]}", int(parts[6]))
            if key not in self.timeline:
                return 404, b'{"message":"The target couldn\'t be found."}', {}
            limit = min(int(query.get("limit", ["30"])[0]), 50)
            rows = self.timeline[key][(page - 1) * limit : page * limit]
            return 200, json.dumps(rows).encode(), {}
        # Gitea: /api/v1/repos/{owner}/{repo}/pulls/{index}
        if parts[:3] == ["api", "v1", "repos"] and parts[5:6] == ["pulls"] and len(parts) == 7:
            if headers.get("authorization") != f"token {TOKEN}":
                return 401, b'{"message":"token is required"}', {}
            key = (f"{parts[3]}/{parts[4]}", int(parts[6]))
            if key not in self.timeline:
                return 404, b'{"message":"The target couldn\'t be found."}', {}
            login = self.authors.get(key, "liming-gz")
            return 200, json.dumps({"number": key[1], "user": {"login": login}}).encode(), {}
        # GitLab: /api/v4/projects/{id}/merge_requests/{iid}
        if (
            parts[:3] == ["api", "v4", "projects"]
            and parts[4:5] == ["merge_requests"]
            and len(parts) == 6
        ):
            if headers.get("private-token") != TOKEN:
                return 401, b'{"message":"401 Unauthorized"}', {}
            key = (parts[3].replace("%2F", "/"), int(parts[5]))
            if key not in self.versions:
                return 404, b'{"message":"404 Not found"}', {}
            login = self.authors.get(key, "liming-gz")
            mr = {"iid": key[1], "author": {"username": login}}
            return 200, json.dumps(mr).encode(), {}
        # GitLab: /api/v4/projects/{id}/merge_requests/{iid}/versions
        if parts[:3] == ["api", "v4", "projects"] and parts[-1] == "versions" and len(parts) == 7:
            if headers.get("private-token") != TOKEN:
                return 401, b'{"message":"401 Unauthorized"}', {}
            key = (parts[3].replace("%2F", "/"), int(parts[5]))
            if key not in self.versions:
                return 404, b'{"message":"404 Not found"}', {}
            per_page = min(int(query.get("per_page", ["20"])[0]), 100)
            rows = self.versions[key][(page - 1) * per_page : page * per_page]
            return 200, json.dumps(rows).encode(), {}
        return 404, b'{"message":"404 Not found"}', {}


def gitea_push(
    when: str, login: str, commits: list[str], force: bool = False, **extra: Any
) -> dict[str, Any]:
    """A `pull_push` comment as Gitea's ToTimelineComment gives it: body is the JSON of
    PushActionContent (commit_ids the push added, or [old head, new head] when forced)."""
    body = json.dumps({"is_force_push": force, "commit_ids": commits})
    return {
        "id": abs(hash((when, tuple(commits)))) % 100000,
        "type": "pull_push",
        "user": {"id": 3, "login": login, "username": login},
        "body": body,
        "created_at": when,
        "updated_at": when,
        **extra,
    }


def gitea_comment(
    when: str, kind: str = "comment", body: str = "请把“本周”改成“这周”"
) -> dict[str, Any]:
    return {
        "id": abs(hash((when, kind))) % 100000,
        "type": kind,
        "user": {"id": 1, "login": "zhaolei", "username": "zhaolei"},
        "body": body,
        "created_at": when,
        "updated_at": when,
    }


def gitlab_version(number: int, head: str, base: str, when: str) -> dict[str, Any]:
    return {
        "id": number,
        "head_commit_sha": head,
        "base_commit_sha": base,
        "start_commit_sha": base,
        "created_at": when,
        "merge_request_id": 7,
        "state": "collected",
        "real_size": "1",
    }


@contextmanager
def serve(api: HostApi) -> Iterator[HostApi]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            split = urlsplit(self.path)
            headers = {k.lower(): v for k, v in self.headers.items()}
            status, body, more = api.answer(split.path, parse_qs(split.query), headers)
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            for key, value in more.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    api.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield api
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
