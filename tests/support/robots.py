"""Local stand-ins for the three group robots, each implementing its documented webhook: the URL
key parameter, the signed timestamp (checked), the JSON body, and the error answers it returns.
They run on 127.0.0.1 in a thread; a test can queue answers (rate limits, errors) to give first.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import socket
import socketserver
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

# the robots' own answers (codes and messages as their documentation gives them)
WECOM_OK = {"errcode": 0, "errmsg": "ok"}
WECOM_RATE = {"errcode": 45009, "errmsg": "api freq out of limit"}
WECOM_BAD_KEY = {"errcode": 93000, "errmsg": "invalid webhook url"}
#: WeCom's Markdown content is at most 4096 bytes of UTF-8 (its webhook documentation)
WECOM_MAX_BYTES = 4096
WECOM_TOO_LONG = {
    "errcode": 40058,
    "errmsg": "markdown.content exceed max length 4096. invalid Request Parameter",
}
DING_OK = {"errcode": 0, "errmsg": "ok"}
DING_SIGN = {"errcode": 310000, "errmsg": "sign not match"}
DING_RATE = {"errcode": 130101, "errmsg": "send too fast, exceed 20 times per minute"}
DING_TOKEN = {"errcode": 300001, "errmsg": "token is not exist"}
FEISHU_OK = {"code": 0, "msg": "success", "data": {}}
FEISHU_SIGN = {
    "code": 19021,
    "msg": "sign match fail or timestamp is not within one hour from current time",
}
FEISHU_RATE = {"code": 11232, "msg": "frequency limited"}
FEISHU_BAD = {"code": 9499, "msg": "Bad Request"}


@dataclass
class Robot:
    kind: str  # wecom | dingtalk | feishu
    token: str
    secret: str | None = None
    port: int = 0
    queued: list[dict[str, Any]] = field(default_factory=list)  # answers to give first
    received: list[dict[str, Any]] = field(default_factory=list)  # accepted bodies
    requests: int = 0

    @property
    def url(self) -> str:
        base = f"http://127.0.0.1:{self.port}"
        if self.kind == "wecom":
            return f"{base}/cgi-bin/webhook/send?key={self.token}"
        if self.kind == "dingtalk":
            return f"{base}/robot/send?access_token={self.token}"
        return f"{base}/open-apis/bot/v2/hook/{self.token}"

    def answer(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        """What the real robot answers to this request."""
        self.requests += 1
        parts = urllib.parse.urlsplit(path)
        query = urllib.parse.parse_qs(parts.query)
        if self.kind == "wecom":
            if parts.path != "/cgi-bin/webhook/send" or query.get("key") != [self.token]:
                return WECOM_BAD_KEY
            ok, bad = WECOM_OK, {"errcode": 40008, "errmsg": "invalid message type"}
            if body.get("msgtype") != "markdown" or "content" not in body.get("markdown", {}):
                return bad
            if len(str(body["markdown"]["content"]).encode()) > WECOM_MAX_BYTES:
                return WECOM_TOO_LONG
        elif self.kind == "dingtalk":
            if query.get("access_token") != [self.token]:
                return DING_TOKEN
            if self.secret is not None and not self._dingtalk_signed(query):
                return DING_SIGN
            ok = DING_OK
            if body.get("msgtype") != "markdown" or "text" not in body.get("markdown", {}):
                return {"errcode": 40035, "errmsg": "缺少参数 json"}
        else:
            if parts.path != f"/open-apis/bot/v2/hook/{self.token}":
                return {
                    "code": 19001,
                    "msg": "param invalid: incoming webhook access token invalid",
                }
            if self.secret is not None and not self._feishu_signed(body):
                return FEISHU_SIGN
            ok = FEISHU_OK
            if body.get("msg_type") not in {"text", "post", "interactive"}:
                return FEISHU_BAD
        if self.queued:
            return self.queued.pop(0)
        self.received.append(body)
        return ok

    def _dingtalk_signed(self, query: dict[str, list[str]]) -> bool:
        assert self.secret is not None
        try:
            stamp = int(query["timestamp"][0])
            sign = query["sign"][0]  # parse_qs has already URL-decoded it
        except (KeyError, ValueError):
            return False
        if abs(time.time() * 1000 - stamp) > 3600_000:
            return False
        expected = base64.b64encode(
            hmac.new(
                self.secret.encode(), f"{stamp}\n{self.secret}".encode(), hashlib.sha256
            ).digest()
        ).decode()
        return hmac.compare_digest(sign, expected)

    def _feishu_signed(self, body: dict[str, Any]) -> bool:
        assert self.secret is not None
        try:
            stamp = int(body["timestamp"])
            sign = str(body["sign"])
        except (KeyError, ValueError):
            return False
        if abs(time.time() - stamp) > 3600:
            return False
        key = f"{stamp}\n{self.secret}".encode()
        expected = base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()
        return hmac.compare_digest(sign, expected)


def _handler(robot: Robot) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            raw = self.rfile.read(length)
            try:
                body = json.loads(raw.decode("utf-8"))
            except ValueError:
                body = {}
            answer = robot.answer(self.path, body if isinstance(body, dict) else {})
            data = json.dumps(answer).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@contextmanager
def robot_server(kind: str, token: str, secret: str | None = None) -> Iterator[Robot]:
    """A robot of `kind` listening on 127.0.0.1 (a free port) until the block ends."""
    robot = Robot(kind, token, secret)
    with _serving(ThreadingHTTPServer(("127.0.0.1", 0), _handler(robot))) as robot.port:
        yield robot


#: each robot's token and secret, as the tests' webhook settings name them
TOKENS: dict[str, tuple[str, str | None]] = {
    "wecom": ("wecom-key-1", None),
    "dingtalk": ("ding-token", "SECding"),
    "feishu": ("feishu-hook", "feishu-secret"),
}


@contextmanager
def robots_running(*kinds: str) -> Iterator[dict[str, Robot]]:
    """The robots of `kinds` (all three when none is named), each on its own port, until the
    block ends."""
    with ExitStack() as stack:
        yield {k: stack.enter_context(robot_server(k, *TOKENS[k])) for k in kinds or TOKENS}


@contextmanager
def _serving(server: socketserver.TCPServer) -> Iterator[int]:
    """Run `server` on a thread until the block ends; yields its port."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


# --- webhooks that misbehave below the robots' own answers: HTTP itself, redirects, slowness ---

Reply = Callable[[socket.socket, threading.Event], None]


@dataclass
class RawWebhook:
    """A webhook that answers every request with what the test scripted, byte for byte."""

    port: int = 0
    requests: list[bytes] = field(default_factory=list)  # each request's head and body

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/cgi-bin/webhook/send?key=raw-key"


def answer_bytes(data: bytes) -> Reply:
    """Send `data` as the whole answer, then close."""

    def reply(conn: socket.socket, stop: threading.Event) -> None:
        conn.sendall(data)

    return reply


def trickle(head: bytes, rest: bytes, pause: float = 0.2) -> Reply:
    """Send `head` at once, then `rest` one byte per `pause`: each read succeeds, the whole
    answer takes len(rest) * pause (a client without an overall deadline waits it out)."""

    def reply(conn: socket.socket, stop: threading.Event) -> None:
        conn.sendall(head)
        for i in range(len(rest)):
            if stop.wait(pause):
                return
            conn.sendall(rest[i : i + 1])

    return reply


def http_answer(status: str, body: bytes = b"", headers: str = "") -> bytes:
    """A well-formed HTTP/1.1 answer (Content-Length set, connection closed after)."""
    return (
        f"HTTP/1.1 {status}\r\nContent-Length: {len(body)}\r\nConnection: close\r\n{headers}\r\n"
    ).encode() + body


@contextmanager
def raw_webhook(reply: Reply | bytes) -> Iterator[RawWebhook]:
    """A server on 127.0.0.1 that reads each request whole, keeps it, and answers with `reply`
    (bytes, or a function writing to the socket) until the block ends."""
    hook = RawWebhook()
    stop = threading.Event()
    script = answer_bytes(reply) if isinstance(reply, bytes) else reply

    class Handler(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            conn: socket.socket = self.request
            conn.settimeout(10)
            data = b""
            try:
                while b"\r\n\r\n" not in data:
                    chunk = conn.recv(65536)
                    if not chunk:
                        return
                    data += chunk
                head, _, body = data.partition(b"\r\n\r\n")
                length = re.search(rb"(?im)^content-length: *(\d+)", head)
                while length and len(body) < int(length[1]):
                    chunk = conn.recv(65536)
                    if not chunk:
                        break
                    body += chunk
                hook.requests.append(head + b"\r\n\r\n" + body)
                script(conn, stop)
            except OSError:
                pass  # the client gave up: what the slow answers are for

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    with _serving(server) as hook.port:
        try:
            yield hook
        finally:
            stop.set()  # before the shutdown: a trickling answer stops at once
