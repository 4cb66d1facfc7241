"""E-mail by SMTP (`notify.email`): SSL, STARTTLS or none, password from the environment.

Each letter is one multipart/alternative message (plain text and HTML, both already escaped by
`validator.features`); the Chinese subject and names are encoded by the standard library's
SMTP policy (RFC 2047), and the content key goes into a header so a mailbox rule or a human can
tell two digests apart.
"""

from __future__ import annotations

import email.utils
import smtplib
import ssl
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP

from validator.delivery.errors import ChannelError
from validator.features.outgoing import Letter
from validator.models.org import EmailNotify

TIMEOUT = 30.0


def compose(letter: Letter, settings: EmailNotify) -> EmailMessage:
    message = EmailMessage(policy=SMTP)
    message["Subject"] = letter.subject
    message["From"] = settings.from_
    local, _, domain = letter.to.email.partition("@")
    message["To"] = Address(letter.to.name, local, domain)
    message["Date"] = email.utils.formatdate(localtime=False)
    sender_domain = email.utils.parseaddr(settings.from_)[1].partition("@")[2] or None
    message["Message-ID"] = email.utils.make_msgid(domain=sender_domain)
    message["Auto-Submitted"] = "auto-generated"
    message["X-Validator-Key"] = letter.key
    message.set_content(letter.text, subtype="plain", charset="utf-8")
    message.add_alternative(letter.html, subtype="html", charset="utf-8")
    return message


@contextmanager
def connect(settings: EmailNotify, env: Mapping[str, str]) -> Iterator[smtplib.SMTP]:
    """An SMTP session as `settings` asks, logged in when a user is set; ChannelError when the
    server cannot be reached or refuses the login."""
    smtp = settings.smtp
    password = None
    if smtp.password_env:
        password = env.get(smtp.password_env)
        if not password:
            raise ChannelError(f"环境变量 {smtp.password_env} 未设置(SMTP 密码)")
    context = ssl.create_default_context()
    try:
        client: smtplib.SMTP
        if smtp.security == "ssl":
            client = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=TIMEOUT, context=context)
        else:
            client = smtplib.SMTP(smtp.host, smtp.port, timeout=TIMEOUT)
        with client:
            if smtp.security == "starttls":
                client.starttls(context=context)
            if smtp.user and password:
                client.login(smtp.user, password)
            yield client
    except (OSError, smtplib.SMTPException) as exc:
        raise ChannelError(f"SMTP {smtp.host}:{smtp.port}:{exc}") from exc


def send(client: smtplib.SMTP, letter: Letter, settings: EmailNotify) -> None:
    """Hand one letter to the server; ChannelError when it refuses it."""
    try:
        refused = client.send_message(compose(letter, settings))
    except (OSError, smtplib.SMTPException) as exc:
        raise ChannelError(f"SMTP:{exc}") from exc
    if refused:
        raise ChannelError(f"SMTP 拒收:{refused}")
