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
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

PARALLEL_MIN = 2000  # reports; for fewer, starting a helper costs more than it saves
TIMEOUT = 600.0  # seconds; a helper that has not answered by then is given up on
EXIT_WAIT = 5.0  # seconds for the helper to exit after its last answer, then it is killed
_FAILED = b""  # what a helper sends instead of an answer when its work raised

T = TypeVar("T")


def worth_forking(jobs: int, minimum: int | None = None) -> bool:
    """Whether `jobs` (reports, unless the caller says how many of its jobs are `minimum`) are
    enough for a helper, which would run on a core of its own and may be forked safely."""
    return (
        jobs >= (PARALLEL_MIN if minimum is None else minimum)
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

    def has_answer(self) -> bool:
        """Whether an answer is waiting to be read (without waiting for one)."""
        if self.failed:
            return False
        try:
            return self._conn.poll(0)
        except (EOFError, OSError):
            return True  # `receive` finds out what went wrong

    def close(self) -> None:
        """Wait briefly for the helper to exit, then kill it."""
        self._conn.close()
        self.process.join(0 if self.failed else EXIT_WAIT)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


class Split(Generic[T]):
    """Work shared with a forked helper: `mine` is done here, `theirs` by the helper, which
    answers with one result per item. Every pipeline that uses the second core goes through
    this, so each has the same fallback: when the helper fails, `answer()` is None and the
    caller does `theirs` itself."""

    def __init__(self, mine: list[T], theirs: list[T], helper: Helper | None) -> None:
        self.mine, self.theirs, self.helper = mine, theirs, helper
        self.answered = 0  # items of `theirs` that `stream` has answers for

    @classmethod
    def start(
        cls,
        items: Sequence[T],
        work: Callable[[list[T], Channel], None],
        *,
        worth: bool = True,
        minimum: int | None = None,
    ) -> Split[T]:
        """Give the second half of `items` to a helper running `work(theirs, channel)` when
        there are enough of them (`minimum`, default PARALLEL_MIN) and `worth`; otherwise
        everything stays here."""
        items = list(items)
        if worth and worth_forking(len(items), minimum):
            half = len(items) // 2
            theirs = items[half:]
            helper = Helper.start(lambda channel: work(theirs, channel))
            if helper is not None:
                return cls(items[:half], theirs, helper)
        return cls(items, [], None)

    def send(self, message: Any) -> None:
        if self.helper is not None:
            self.helper.send(message)

    def answer(self) -> Any | None:
        """The helper's answer for `theirs` (a sized collection, one entry per item), or None
        when there is no helper or it failed."""
        if self.helper is None:
            return None
        try:
            result = self.helper.receive()
        finally:
            self.close()
        if result is None or len(result) != len(self.theirs):
            return None
        return result

    def stream(self, *, wait: bool = True) -> Iterator[list[Any]]:
        """The helper's answers as they arrive, each a list of results for the next items of
        `theirs` (`answered` counts them), until every item is answered or the helper fails;
        the caller then does `theirs[answered:]` itself. Without `wait`, only the answers sent
        already: a caller with work of its own takes them in between, so that the helper is
        never stopped by a full pipe. For output too large to hold at once."""
        while self.helper is not None and self.answered < len(self.theirs):
            if not wait and not self.helper.has_answer():
                return
            part = self.helper.receive()
            if not isinstance(part, list) or not 0 < len(part) <= len(self.theirs) - self.answered:
                break  # failed, or not an answer for the items left
            self.answered += len(part)
            yield part
        self.close()

    def close(self) -> None:
        if self.helper is not None:
            self.helper.close()
            self.helper = None


def _run(work: Callable[[Channel], None], conn: Connection, parents: Connection) -> None:
    parents.close()  # the parent's end, inherited through the fork
    try:
        work(Channel(conn))
    except BaseException:  # the parent does this share itself
        with contextlib.suppress(OSError):
            conn.send_bytes(_FAILED)
    finally:
        conn.close()
