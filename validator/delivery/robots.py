"""Group robots: WeCom (企业微信), DingTalk (钉钉) and Feishu (飞书) custom-bot webhooks.

Each robot gets the nudge in the Markdown dialect it accepts, with its own mention syntax, and
answers in its own way: WeCom and DingTalk `{"errcode": 0, "errmsg": "ok"}`, Feishu
`{"code": 0, "msg": "success"}`. A rate-limit answer (WeCom 45009, DingTalk 130101, Feishu
11232, or HTTP 429) is retried a few times with growing pauses; any other error is final
(a wrong signature, DingTalk 310000 or Feishu 19021, will not improve by retrying).

Signatures: DingTalk signs `timestamp + "\n" + secret` with HmacSHA256 keyed by the secret,
base64, URL-encoded, as `&timestamp=…&sign=…` on the URL (milliseconds); Feishu uses
`timestamp + "\n" + secret` as the HmacSHA256 key over an empty message, base64, in the JSON
body as `timestamp` (seconds) and `sign`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from validator.delivery.errors import ChannelError
from validator.features.outgoing import Nudge, markdown_text
from validator.models.org import Notify, Staff, WebhookNotify, WecomNotify

TIMEOUT = 15.0
ATTEMPTS = 4  # the first try and three retries
RATE_LIMITED = {"wecom": {45009}, "dingtalk": {130101}, "feishu": {11232}}


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


def _request(robot: Robot, nudge: Nudge, env: Mapping[str, str]) -> tuple[str, dict[str, Any]]:
    """The URL and JSON body of one attempt (signed with a fresh timestamp)."""
    url = env.get(robot.settings.webhook_env, "")
    if not url.startswith(("https://", "http://")):
        raise ChannelError(f"环境变量 {robot.settings.webhook_env} 未设置或不是 webhook 地址")
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


def _answer(robot: Robot, status: int, raw: bytes) -> tuple[int, str]:
    """(code, message) of a robot's answer; code 0 is success."""
    try:
        data = json.loads(raw.decode("utf-8", "replace"))
    except ValueError:
        return (0, "ok") if status == 200 and not raw.strip() else (-1, f"HTTP {status}")
    if not isinstance(data, dict):
        return -1, f"HTTP {status}"
    if robot.name == "feishu":
        code = data.get("code", data.get("StatusCode", -1))
        message = data.get("msg", data.get("StatusMessage", ""))
    else:
        code, message = data.get("errcode", -1), data.get("errmsg", "")
    return (code if isinstance(code, int) else -1), str(message)


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
        request = urllib.request.Request(
            url,
            data=json.dumps(body, ensure_ascii=False).encode(),
            headers={"Content-Type": "application/json; charset=utf-8"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                status, raw = response.status, response.read()
        except urllib.error.HTTPError as exc:
            status, raw = exc.code, exc.read()
        except (OSError, ValueError) as exc:
            raise ChannelError(f"{robot.name}:无法连接({exc})") from exc
        code, message = _answer(robot, status, raw)
        if code == 0 and status == 200:
            return attempt + 1
        last = f"{robot.name} 返回 {code}:{message}" if code != -1 else f"{robot.name} {message}"
        if status != 429 and code not in RATE_LIMITED[robot.name]:
            break
    raise ChannelError(last)
