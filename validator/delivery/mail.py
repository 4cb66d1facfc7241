"""E-mail by SMTP (`notify.email`): SSL, STARTTLS or none, password from the environment.

Each letter is one multipart/alternative message (plain text and HTML, both already escaped by
`validator.features`); the Chinese subject and names are encoded by the standard library's
SMTP policy (RFC 2047), and the content key goes into a header so a mailbox rule or a human can
tell two digests apart.

Whatever smtplib or the server does is a ChannelError, never a traceback: a header it cannot
write (a line break in a name: org data may come from a checkout nobody checked), a password it
cannot send (smtplib's AUTH is ASCII only), a server too slow to finish within DEADLINE (a
socket timeout limits each read only), a connection lost during a letter (Disconnected: the
caller may connect again for the letters after it).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import smtplib
import ssl
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP

from validator.core.deadline import Watchdog
from validator.delivery.errors import ChannelError
from validator.features.outgoing import Letter
from validator.models.policy import EmailNotify

TIMEOUT = 30.0  # each connect and read
DEADLINE = 60.0  # connecting and logging in; then each letter


class Disconnected(ChannelError):
    """The connection was lost during a letter: the server may or may not have it."""


class _Plain(smtplib.SMTP):
    """A session whose socket the watchdog watches from before the greeting."""

    def __init__(self, host: str, port: int, watchdog: Watchdog) -> None:
        self.watchdog = watchdog
        watchdog.watch(self)
        super().__init__(host, port, timeout=TIMEOUT)


class _Implicit(smtplib.SMTP_SSL):
    def __init__(self, host: str, port: int, watchdog: Watchdog, context: ssl.SSLContext) -> None:
        self.watchdog = watchdog
        watchdog.watch(self)
        super().__init__(host, port, timeout=TIMEOUT, context=context)


Session = _Plain | _Implicit


def compose(letter: Letter, settings: EmailNotify) -> EmailMessage:
    message = EmailMessage(policy=SMTP)
    message["Subject"] = letter.subject
    message["From"] = settings.from_
    local, _, domain = letter.to.email.partition("@")
    message["To"] = Address(letter.to.name, local, domain)
    message["Date"] = email.utils.format_datetime(dt.datetime.now(dt.UTC))  # +0000, not -0000
    sender_domain = email.utils.parseaddr(settings.from_)[1].partition("@")[2] or None
    message["Message-ID"] = email.utils.make_msgid(domain=sender_domain)
    message["Auto-Submitted"] = "auto-generated"
    message["X-Validator-Key"] = letter.key
    message.set_content(letter.text, subtype="plain", charset="utf-8")
    message.add_alternative(letter.html, subtype="html", charset="utf-8")
    return message


@contextmanager
def connect(settings: EmailNotify, env: Mapping[str, str]) -> Iterator[Session]:
    """An SMTP session as `settings` asks, logged in when a user is set; ChannelError when the
    server cannot be reached, is too slow or refuses the login."""
    smtp = settings.smtp
    where = f"SMTP {smtp.host}:{smtp.port}"
    password = None
    if smtp.password_env:
        password = env.get(smtp.password_env)
        if not password:
            raise ChannelError(f"环境变量 {smtp.password_env} 未设置(SMTP 密码)")
    if smtp.user and password and not (smtp.user + password).isascii():
        raise ChannelError(
            f"{where}:用户名或密码(环境变量 {smtp.password_env})含非 ASCII 字符,"
            "无法登录 / the SMTP user and password must be ASCII"
        )
    context = ssl.create_default_context()
    watchdog = Watchdog()
    try:
        with watchdog.limit(DEADLINE):
            client: Session
            if smtp.security == "ssl":
                client = _Implicit(smtp.host, smtp.port, watchdog, context)
            else:
                client = _Plain(smtp.host, smtp.port, watchdog)
            try:
                if smtp.security == "starttls":
                    client.starttls(context=context)
                if smtp.user and password:
                    client.login(smtp.user, password)
            except BaseException:
                client.close()
                raise
    except (OSError, ValueError, smtplib.SMTPException) as exc:
        raise ChannelError(f"{where}:{_reason(exc, watchdog)}") from exc
    try:
        yield client
    finally:
        with watchdog.limit(DEADLINE), suppress(OSError, ValueError):
            client.quit()  # smtplib's errors are OSErrors; a dropped session has nothing to quit
        client.close()


def _reason(exc: BaseException, watchdog: Watchdog) -> str:
    if watchdog.expired:
        return f"{DEADLINE:g} 秒内没有完成(服务器过慢或无响应)"
    return str(exc) or type(exc).__name__


def send(client: Session, letter: Letter, settings: EmailNotify) -> None:
    """Hand one letter to the server; ChannelError when it refuses it or it cannot be written,
    Disconnected when the connection is gone after it (the server may or may not have it)."""
    try:
        message = compose(letter, settings)
    except ValueError as exc:  # a line break in a name or address: the header would split
        raise ChannelError(f"信件头无效(含换行或无效字符),未发送:{exc}") from exc
    try:
        with client.watchdog.limit(DEADLINE):
            refused = client.send_message(message)
    except (OSError, ValueError) as exc:  # smtplib's errors are OSErrors
        reason = f"SMTP:{_reason(exc, client.watchdog)}"
        lost = isinstance(exc, smtplib.SMTPServerDisconnected) or (
            isinstance(exc, OSError) and not isinstance(exc, smtplib.SMTPException)
        )
        if lost or client.watchdog.expired or client.sock is None:
            client.close()
            raise Disconnected(reason) from exc
        raise ChannelError(reason) from exc
    if refused:
        raise ChannelError(f"SMTP 拒收:{refused}")
