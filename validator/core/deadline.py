"""An overall deadline for a conversation with a server.

A socket timeout limits each read, so a server that sends one byte every few seconds never
trips it and would hold a run (and every channel after it) for ever. The watchdog shuts the
connection's socket down once the deadline passes: the blocked read returns at once, the
protocol fails as on a dropped line, and `expired` tells the caller why. Robots, mail and the
hosts' push logs (`validator pushes`) all talk to servers an operator does not control.
"""

from __future__ import annotations

import socket
import threading
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

AGAIN = 0.05  # after the deadline, how often to look for a socket made since (a slow connect)


class Watchdog:
    """Shuts down the socket (`.sock`) of each watched connection when a `limit` runs out."""

    def __init__(self) -> None:
        self._watched: list[Any] = []
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._armed = False
        self.expired = False

    def watch(self, connection: Any) -> None:
        """Watch `connection`: a socket, or an http.client or smtplib connection (whatever its
        `.sock` is when the deadline passes, even one still being made now)."""
        self._watched.append(connection)

    @contextmanager
    def limit(self, seconds: float) -> Iterator[None]:
        """Let the block run `seconds` at most; `expired` says whether it was cut short."""
        with self._lock:
            self.expired, self._armed = False, True
            self._start(seconds)
        try:
            yield
        finally:
            with self._lock:
                self._armed = False
                if self._timer is not None:
                    self._timer.cancel()

    def _start(self, seconds: float) -> None:
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True
        self._timer.start()

    def _fire(self) -> None:
        with self._lock:
            if not self._armed:
                return
            self.expired = True
            for connection in self._watched:
                sock = connection
                if not isinstance(connection, socket.socket):
                    sock = getattr(connection, "sock", None)
                if isinstance(sock, socket.socket):
                    with suppress(OSError):  # closed already, or not connected yet
                        # the plain socket's shutdown, also under TLS: no TLS state touched
                        # from this thread, and the reader's recv returns at once
                        socket.socket.shutdown(sock, socket.SHUT_RDWR)
            self._start(AGAIN)  # a socket made after this moment is shut down as it appears


def watched_opener(watchdog: Watchdog, *handlers: Any) -> urllib.request.OpenerDirector:
    """A urllib opener (with `handlers`, e.g. a redirect policy) whose every connection
    `watchdog` watches."""
    return urllib.request.build_opener(*handlers, _WatchedHTTP(watchdog), _WatchedHTTPS(watchdog))


class _Watched(urllib.request.AbstractHTTPHandler):
    """A handler whose every connection the watchdog watches, while it connects and after."""

    def __init__(self, watchdog: Watchdog) -> None:
        super().__init__()
        self.watchdog = watchdog

    def do_open(self, http_class: Any, req: Any, **http_conn_args: Any) -> Any:
        watchdog = self.watchdog

        def connection(*args: Any, **kwargs: Any) -> Any:
            made = http_class(*args, **kwargs)
            watchdog.watch(made)  # while it connects
            connect = made.connect

            def connect_watched() -> None:
                connect()
                watchdog.watch(made.sock)  # kept: urllib lets go of it once the head is read

            made.connect = connect_watched
            return made

        return super().do_open(connection, req, **http_conn_args)


class _WatchedHTTP(_Watched, urllib.request.HTTPHandler):
    pass


class _WatchedHTTPS(_Watched, urllib.request.HTTPSHandler):
    pass
