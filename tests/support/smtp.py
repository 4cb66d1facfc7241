"""A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps what it receives, for delivery tests."""

from __future__ import annotations

import email
import email.policy
import socket
import ssl
import subprocess
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session


@dataclass
class Received:
    sender: str
    recipients: list[str]
    raw: bytes

    @property
    def message(self) -> EmailMessage:
        parsed = email.message_from_bytes(self.raw, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed


@dataclass
class Mailbox:
    """What the server accepted; `refuse` names recipients it answers 550 for; the first `drop`
    letters are read whole and then the connection is cut before the answer (not accepted)."""

    received: list[Received] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)
    drop: int = 0

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: Any
    ) -> str:
        if address in self.refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or b""
        if self.drop:
            self.drop -= 1
            assert server.transport is not None
            server.transport.close()
            return "451 4.3.0 never heard: the connection is gone"
        self.received.append(Received(str(envelope.mail_from), list(envelope.rcpt_tos), content))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key (openssl), for the TLS tests; the test makes the
    client trust it through SSL_CERT_FILE, as an intranet's own CA would be trusted."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


class Login:
    """Accepts exactly one user and password (AUTH PLAIN/LOGIN)."""

    def __init__(self, user: str, password: str) -> None:
        self.user, self.password = user.encode(), password.encode()

    def __call__(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        ok = isinstance(data, LoginPassword) and (data.login, data.password) == (
            self.user,
            self.password,
        )
        return AuthResult(success=ok, handled=False)


@contextmanager
def smtp_server(
    security: str = "none", cert: tuple[Path, Path] | None = None, login: Login | None = None
) -> Iterator[tuple[Mailbox, int]]:
    """A running server on 127.0.0.1: (its mailbox, its port). `security` ssl or starttls
    needs `cert`; with `login`, mail is accepted only after AUTH."""
    box = Mailbox()
    port = free_port()
    context = None
    if cert is not None:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(str(cert[0]), str(cert[1]))
    options: dict[str, Any] = {}
    if security == "ssl":
        # aiosmtpd offers AUTH only after its own STARTTLS; this connection is TLS from the start
        options.update(ssl_context=context, auth_require_tls=False)
    elif security == "starttls":
        options.update(tls_context=context, require_starttls=True)
    if login is not None:
        options.update(authenticator=login, auth_required=True)
        if security == "none":
            options.update(auth_require_tls=False)  # a relay inside the intranet, no TLS
    with warnings.catch_warnings():
        # aiosmtpd warns about AUTH without its STARTTLS, which implicit TLS does not need
        warnings.filterwarnings("ignore", "Requiring AUTH while not requiring TLS")
        controller = Controller(box, hostname="127.0.0.1", port=port, **options)
        controller.start()
        try:
            yield box, port
        finally:
            controller.stop()


@contextmanager
def slow_greeting(port: int, pause: float = 0.2) -> Iterator[int]:
    """A front for the server on `port` that passes its greeting on one byte per `pause`, then
    relays both ways: every read succeeds, so only an overall deadline ends the wait. Its port."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def pump(source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                with suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def serve(client: socket.socket) -> None:
        with client, socket.create_connection(("127.0.0.1", port)) as upstream:
            greeting = upstream.makefile("rb").readline()
            try:
                for i in range(len(greeting)):
                    if stop.wait(pause):
                        return
                    client.sendall(greeting[i : i + 1])
            except OSError:
                return  # the client gave up
            back = threading.Thread(target=pump, args=(upstream, client), daemon=True)
            back.start()
            pump(client, upstream)
            back.join()

    def accept() -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=serve, args=(client,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        with suppress(OSError):
            listener.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread (Linux)
        listener.close()
