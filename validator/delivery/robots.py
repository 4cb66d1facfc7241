"""Group robots: WeCom (企业微信), DingTalk (钉钉) and Feishu (飞书) custom-bot webhooks.

Each robot gets the nudge in the Markdown dialect it accepts, with its own mention syntax, and
answers in its own way: WeCom and DingTalk `{"errcode": 0, "errmsg": "ok"}`, Feishu
`{"code": 0, "msg": "success"}`. A rate-limit answer (WeCom 45009, DingTalk 130101, Feishu
11232, or HTTP 429) is retried a few times with growing pauses; any other error is final
(a wrong signature, DingTalk 310000 or Feishu 19021, will not improve by retrying).

Only HTTP 200 with the robot's success code counts as sent (an empty 200 is a proxy speaking,
not the robot: counting it would lose the message without a word). Anything else fails that
robot with words for the operator: a server that breaks HTTP, a malformed webhook URL (never
printed: it holds the robot's key), a redirect (never followed: urllib would repeat the POST as
a GET without the message, to wherever it points), an answer not whole within DEADLINE.

Signatures: DingTalk signs `timestamp + "\n" + secret` with HmacSHA256 keyed by the secret,
base64, URL-encoded, as `&timestamp=…&sign=…` on the URL (milliseconds); Feishu uses
`timestamp + "\n" + secret` as the HmacSHA256 key over an empty message, base64, in the JSON
body as `timestamp` (seconds) and `sign`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import http.client
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from validator.core.deadline import Watchdog, watched_opener
from validator.delivery.errors import ChannelError
from validator.features.outgoing import Nudge, NudgeLine, markdown_text
from validator.models.org import Staff
from validator.models.policy import Notify, WebhookNotify, WecomNotify

TIMEOUT = 15.0  # each connect and read
DEADLINE = 30.0  # one request, start to end
ATTEMPTS = 4  # the first try and three retries
RATE_LIMITED = {"wecom": {45009}, "dingtalk": {130101}, "feishu": {11232}}
#: the most Markdown one message may carry: WeCom's limit (4096 bytes of UTF-8, errcode 40058
#: beyond), the smallest of the three; every robot's text is kept within it
MAX_BYTES = 4096


def dingtalk_sign(timestamp_ms: int, secret: str) -> str:
    """DingTalk's `sign` parameter, already URL-encoded."""
    digest = hmac.new(
        secret.encode(), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256
    ).digest()
    return urllib.parse.quote_plus(base64.b64encode(digest).decode())


def feishu_sign(timestamp_s: int, secret: str) -> str:
    """Feishu's `sign` body field."""
    digest = hmac.new(f"{timestamp_s}\n{secret}".encode(), b"", hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def _link(url: str) -> str:
    """Our own site's URL inside Markdown link syntax (parentheses would end the link)."""
    return url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")


def wecom_body(nudge: Nudge) -> dict[str, Any]:
    lines = [f"**{markdown_text(nudge.title)}**"]
    for line in nudge.lines:
        who = " ".join(
            f"<@{m.wecom_userid}>" if m.wecom_userid else markdown_text(m.name)
            for m in line.mentions
        )
        lines.append(f"> {markdown_text(line.text)} {who}".rstrip())
    if nudge.link:
        lines.append(f"[在线填写]({_link(nudge.link)})")
    return {"msgtype": "markdown", "markdown": {"content": "\n".join(lines)}}


def _dingtalk_at(member: Staff) -> str:
    if member.dingtalk_userid:
        return f"@{member.dingtalk_userid}"
    if member.mobile:
        return f"@{member.mobile}"
    return markdown_text(member.name)


def dingtalk_body(nudge: Nudge) -> dict[str, Any]:
    people = [m for line in nudge.lines for m in line.mentions]
    lines = [f"### {markdown_text(nudge.title)}", ""]
    for line in nudge.lines:
        who = " ".join(_dingtalk_at(m) for m in line.mentions)
        lines.append(f"- {markdown_text(line.text)} {who}".rstrip())
    if nudge.link:
        lines += ["", f"[在线填写]({_link(nudge.link)})"]
    return {
        "msgtype": "markdown",
        "markdown": {"title": markdown_text(nudge.title), "text": "\n".join(lines)},
        "at": {
            "atMobiles": sorted({m.mobile for m in people if m.mobile and not m.dingtalk_userid}),
            "atUserIds": sorted({m.dingtalk_userid for m in people if m.dingtalk_userid}),
            "isAtAll": False,
        },
    }


def feishu_body(nudge: Nudge) -> dict[str, Any]:
    lines = []
    for line in nudge.lines:
        who = " ".join(
            f"<at id={m.feishu_open_id}></at>" if m.feishu_open_id else markdown_text(m.name)
            for m in line.mentions
        )
        lines.append(f"- {markdown_text(line.text)} {who}".rstrip())
    if nudge.link:
        lines.append(f"[在线填写]({_link(nudge.link)})")
    return {
        "msg_type": "interactive",
        "card": {
            "header": {"title": {"tag": "plain_text", "content": nudge.title}},
            "elements": [{"tag": "div", "text": {"tag": "lark_md", "content": "\n".join(lines)}}],
        },
    }


def _text(name: str, nudge: Nudge) -> str:
    """The Markdown `name` shows for `nudge`, whose size the robot limits."""
    if name == "wecom":
        return str(wecom_body(nudge)["markdown"]["content"])
    if name == "dingtalk":
        return str(dingtalk_body(nudge)["markdown"]["text"])
    return str(feishu_body(nudge)["card"]["elements"][0]["text"]["content"])


def parts(name: str, nudge: Nudge) -> list[Nudge]:
    """`nudge` as robot `name` takes it: itself when its text fits in MAX_BYTES, else in parts
    that each fit, filled in order (a line whose people do not fit goes on in the next part
    under its own words), each with a key of its own so that a re-run sends only the parts
    not yet sent. A Monday nudge of a few hundred people is larger than one message."""
    if len(_text(name, nudge).encode()) <= MAX_BYTES:
        return [nudge]
    found: list[list[NudgeLine]] = [[]]

    def fits(lines: list[NudgeLine]) -> bool:
        part = Nudge(nudge.key, _title(nudge, len(found)), tuple(lines), nudge.link)
        return len(_text(name, part).encode()) <= MAX_BYTES

    for line in nudge.lines:
        for who in line.mentions or (None,):
            current = found[-1]
            alone = NudgeLine(line.text, () if who is None else (who,))  # the line's words anew
            if current and current[-1].text == line.text and who is not None:
                last = current[-1]
                grown = [*current[:-1], NudgeLine(last.text, (*last.mentions, who))]
            else:
                grown = [*current, alone]
            if current and not fits(grown):
                found.append([alone])
            else:
                found[-1] = grown
    return [
        Nudge(f"{nudge.key}:{i}", _title(nudge, i), tuple(lines), nudge.link)
        for i, lines in enumerate(found, 1)
    ]


def _title(nudge: Nudge, number: int) -> str:
    return nudge.title if number == 1 else f"{nudge.title}(续 {number})"


@dataclass(frozen=True)
class Robot:
    name: str  # wecom | dingtalk | feishu
    settings: WecomNotify | WebhookNotify


def configured(notify: Notify) -> list[Robot]:
    """The robots `notify:` sets up, in a fixed order."""
    found = []
    for name in ("wecom", "dingtalk", "feishu"):
        settings = getattr(notify, name)
        if settings is not None:
            found.append(Robot(name, settings))
    return found


def _secret(robot: Robot, env: Mapping[str, str]) -> str | None:
    secret_env = getattr(robot.settings, "secret_env", None)
    if not secret_env:
        return None
    secret = env.get(secret_env)
    if not secret:
        raise ChannelError(f"环境变量 {secret_env} 未设置({robot.name} 签名密钥)")
    return secret


def _webhook(robot: Robot, env: Mapping[str, str]) -> str:
    """The webhook URL from the environment, if it is one urllib can send to as it is."""
    name = robot.settings.webhook_env
    url = env.get(name, "")
    if not url.startswith(("https://", "http://")):
        raise ChannelError(f"环境变量 {name} 未设置或不是 webhook 地址")
    if not url.isascii() or any(c.isspace() or not c.isprintable() for c in url):
        raise ChannelError(f"环境变量 {name} 不是 webhook 地址(含空格、换行或非 ASCII 字符)")
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 -- raises ValueError for a port that is no number or too big
    except ValueError as exc:
        raise ChannelError(f"环境变量 {name} 不是 webhook 地址({exc})") from exc
    if not parts.hostname:
        raise ChannelError(f"环境变量 {name} 不是 webhook 地址(没有主机名)")
    return url


def _request(robot: Robot, nudge: Nudge, env: Mapping[str, str]) -> tuple[str, dict[str, Any]]:
    """The URL and JSON body of one attempt (signed with a fresh timestamp)."""
    url = _webhook(robot, env)
    secret = _secret(robot, env)
    if robot.name == "wecom":
        return url, wecom_body(nudge)
    if robot.name == "dingtalk":
        body = dingtalk_body(nudge)
        if secret:
            now = int(time.time() * 1000)
            joiner = "&" if "?" in url else "?"
            url = f"{url}{joiner}timestamp={now}&sign={dingtalk_sign(now, secret)}"
        return url, body
    body = feishu_body(nudge)
    if secret:
        now = int(time.time())
        body = {"timestamp": str(now), "sign": feishu_sign(now, secret), **body}
    return url, body


def _answer(robot: Robot, raw: bytes) -> tuple[int | None, str]:
    """(code, message) of a robot's answer, code 0 for success; (None, what is wrong) when the
    answer is not one of the robot's."""
    try:
        data = json.loads(raw.decode("utf-8", "replace"))
    except ValueError:
        return None, "的回答不是 JSON"
    field = "code" if robot.name == "feishu" else "errcode"
    if not isinstance(data, dict):
        return None, f"的回答没有 {field}"
    if robot.name == "feishu":
        code = data.get("code", data.get("StatusCode"))
        message = data.get("msg", data.get("StatusMessage", ""))
    else:
        code, message = data.get("errcode"), data.get("errmsg", "")
    if not isinstance(code, int) or isinstance(code, bool):  # JSON false is no code 0
        return None, f"的回答没有 {field}"
    return code, str(message)


def _failure(robot: Robot, status: int, raw: bytes, code: int | None, message: str) -> str:
    """What to report of an answer that is not success: the robot's code, and the HTTP status
    unless it is 200; the answer itself when it is not the robot's."""
    if code is not None:
        said = f"返回 {code}:{message}"
        return f"{robot.name} {said}" if status == 200 else f"{robot.name} HTTP {status}({said})"
    shown = raw.decode("utf-8", "replace").strip()
    if not shown:
        return f"{robot.name} HTTP {status}(没有回答内容)"
    shown = shown if len(shown) <= 200 else shown[:200] + "…"
    return f"{robot.name} {message}(HTTP {status}):{shown}"


class _Refused(urllib.request.HTTPRedirectHandler):
    """Follows no redirect: each ends as an HTTPError with its 3xx status and Location."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _exchange(robot: Robot, url: str, body: dict[str, Any]) -> tuple[int, bytes]:
    """One POST: (HTTP status, answer body); ChannelError when there is no whole HTTP answer
    within DEADLINE or it is a redirect."""
    request = urllib.request.Request(
        url,
        data=json.dumps(body, ensure_ascii=False).encode(),
        headers={"Content-Type": "application/json; charset=utf-8"},
        method="POST",
    )
    watchdog = Watchdog()
    opener = watched_opener(watchdog, _Refused)
    location = None
    too_slow = f"{robot.name}:{DEADLINE:g} 秒内没有答完(服务器过慢或无响应)"
    try:
        with watchdog.limit(DEADLINE):
            try:
                with opener.open(request, timeout=TIMEOUT) as response:
                    status, raw = response.status, response.read()
            except urllib.error.HTTPError as exc:
                status, location = exc.code, exc.headers.get("Location")
                with exc:
                    raw = exc.read()
    except (OSError, ValueError, http.client.HTTPException) as exc:
        if watchdog.expired:
            raise ChannelError(too_slow) from exc
        if isinstance(exc, http.client.HTTPException):
            raise ChannelError(f"{robot.name}:回答不是完整的 HTTP({exc!r})") from exc
        raise ChannelError(f"{robot.name}:无法连接({exc})") from exc
    if watchdog.expired:  # read to the end of a stream the watchdog cut: not a whole answer
        raise ChannelError(too_slow)
    if 300 <= status < 400:
        raise ChannelError(
            f"{robot.name} HTTP {status} 重定向到 {location or '(没有 Location)'},未跟随:"
            "请把 webhook 地址改为机器人的地址"
        )
    return status, raw


def post(
    robot: Robot,
    nudge: Nudge,
    env: Mapping[str, str],
    *,
    backoff: float = 2.0,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Send `nudge` by `robot`; the number of attempts it took. ChannelError with the robot's
    own code and message when it refuses, after retrying rate-limit answers."""
    last = ""
    for attempt in range(ATTEMPTS):
        if attempt:
            sleep(backoff * 2 ** (attempt - 1))
        url, body = _request(robot, nudge, env)
        status, raw = _exchange(robot, url, body)
        code, message = _answer(robot, raw)
        if code == 0 and status == 200:
            return attempt + 1
        last = _failure(robot, status, raw, code, message)
        if status != 429 and code not in RATE_LIMITED[robot.name]:
            break
    raise ChannelError(last)
