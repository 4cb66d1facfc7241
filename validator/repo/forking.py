"""A forked helper process: the second core, for work that is pure Python.

The helper is forked, so it starts with everything this process has loaded (no pickling of org
data or code), and talks over one pipe in pickled messages. Anything going wrong with it (an
exception, no answer in time, a damaged message) makes the helper be given up on and killed; the
caller then does the helper's share itself. Forking is only offered to a process without threads.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

PARALLEL_MIN = 2000  # reports; for fewer, starting a helper costs more than it saves
TIMEOUT = 600.0  # seconds; a helper that has not answered by then is given up on
EXIT_WAIT = 5.0  # seconds for the helper to exit after its last answer, then it is killed
_FAILED = b""  # what a helper sends instead of an answer when its work raised


def worth_forking(jobs: int) -> bool:
    """Whether `jobs` reports are enough for a helper, which would run on a core of its own
    and may be forked safely."""
    return (
        jobs >= PARALLEL_MIN
        and (os.cpu_count() or 1) >= 2
        and threading.active_count() == 1  # forking a threaded process is unsafe
        and "fork" in multiprocessing.get_all_start_methods()
    )


class Channel:
    """The helper's end of the pipe."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def send(self, message: Any) -> None:
        self._conn.send_bytes(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))

    def receive(self) -> Any:
        """The next message from the parent; EOFError when the parent gave up."""
        return pickle.loads(self._conn.recv_bytes())


class Helper:
    """The parent's handle on a forked helper running `work(channel)`."""

    def __init__(self, process: Any, conn: Connection) -> None:
        self.process, self._conn = process, conn
        self.failed = False

    @classmethod
    def start(cls, work: Callable[[Channel], None]) -> Helper | None:
        """Fork a helper; None when it could not be started (the caller works alone)."""
        context = multiprocessing.get_context("fork")
        mine, theirs = context.Pipe(duplex=True)
        try:
            process = context.Process(target=_run, args=(work, theirs, mine))
            process.daemon = True
            process.start()
        except OSError:
            mine.close()
            return None
        finally:
            theirs.close()
        return cls(process, mine)

    def send(self, message: Any) -> None:
        if self.failed:
            return
        try:
            self._conn.send_bytes(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))
        except (OSError, ValueError):  # the helper is gone
            self.failed = True

    def receive(self, timeout: float | None = None) -> Any | None:
        """The helper's next answer, or None when it failed or did not answer in time."""
        if self.failed:
            return None
        try:
            if self._conn.poll(TIMEOUT if timeout is None else timeout):
                payload = self._conn.recv_bytes()
                if payload != _FAILED:
                    return pickle.loads(payload)
        except (EOFError, OSError, pickle.UnpicklingError):
            pass
        self.failed = True
        return None

    def close(self) -> None:
        """Wait briefly for the helper to exit, then kill it."""
        self._conn.close()
        self.process.join(0 if self.failed else EXIT_WAIT)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


def _run(work: Callable[[Channel], None], conn: Connection, parents: Connection) -> None:
    parents.close()  # the parent's end, inherited through the fork
    try:
        work(Channel(conn))
    except BaseException:  # the parent does this share itself
        with contextlib.suppress(OSError):
            conn.send_bytes(_FAILED)
    finally:
        conn.close()
