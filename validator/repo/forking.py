"""A forked helper process: the second core, for work that is pure Python.

The helper is forked, so it starts with everything this process has loaded (no pickling of org
data or code), and talks over one pipe in pickled messages. Anything going wrong with it (an
exception, no answer in time, a damaged message) makes the helper be given up on and killed; the
caller then does the helper's share itself. Forking is only offered to a process without threads.
"""

from __future__ import annotations

import contextlib
import mmap
import multiprocessing
import os
import pickle
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection
from typing import Any, Generic, Self, TypeVar

PARALLEL_MIN = 2000  # reports; for fewer, starting a helper costs more than it saves
TIMEOUT = 600.0  # seconds; a helper that has not answered by then is given up on
EXIT_WAIT = 5.0  # seconds for the helper to exit after its last answer, then it is killed
ORPHAN_POLL = 0.5  # seconds between a helper's looks at whether its parent is still there
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

    def waiting(self) -> bool:
        """Whether a message from the parent can be received without waiting."""
        return self._conn.poll(0)


class Helper:
    """The parent's handle on a forked helper running `work(channel)`."""

    def __init__(self, process: Any, conn: Connection) -> None:
        self.process, self._conn = process, conn
        self.failed = False
        self._senders: list[threading.Thread] = []

    @classmethod
    def start(cls, work: Callable[[Channel], None]) -> Helper | None:
        """Fork a helper; None when it could not be started (the caller works alone)."""
        context = multiprocessing.get_context("fork")
        mine, theirs = context.Pipe(duplex=True)
        try:
            process = context.Process(target=_run, args=(work, theirs, mine, os.getpid()))
            process.daemon = True
            process.start()
        except OSError:
            mine.close()
            return None
        finally:
            theirs.close()
        return cls(process, mine)

    def send(self, message: Any) -> None:
        """Send `message` from a thread of its own: a message larger than the pipe holds would
        otherwise hold this process up for as long as the helper does not read, and a hung
        helper never does (`receive` gives up on it after TIMEOUT; `close` ends the thread)."""
        if self.failed:
            return
        payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        sender = threading.Thread(target=self._send, args=(payload,), daemon=True)
        sender.start()
        self._senders.append(sender)

    def _send(self, payload: bytes) -> None:
        with contextlib.suppress(OSError, ValueError):  # the helper is gone: `receive` says so
            self._conn.send_bytes(payload)

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

    def close(self, *, abandon: bool = False) -> None:
        """Wait briefly for the helper to exit, then kill it. A helper that has not read what
        it was sent is killed first, which ends the sending; so is one being `abandon`ed (the
        caller was interrupted: nobody wants its answer). A second interrupt while waiting
        still kills it."""
        if abandon or any(sender.is_alive() for sender in self._senders):
            self.process.kill()
        try:
            for sender in self._senders:
                sender.join()
            self._senders = []
            self._conn.close()
            self.process.join(0 if self.failed else EXIT_WAIT)
        finally:
            if self.process.is_alive():
                self.process.kill()
                self.process.join()


class _Shared:
    """What every way of sharing work with a helper has: messages to it, and closing it."""

    helper: Helper | None

    def send(self, message: Any) -> None:
        if self.helper is not None:
            self.helper.send(message)

    def close(self, *, abandon: bool = False) -> None:
        if self.helper is not None:
            helper, self.helper = self.helper, None
            helper.close(abandon=abandon)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        """Closed either way; on an exception (an interrupt, above all) the helper is killed
        at once instead of waited for."""
        self.close(abandon=kind is not None)

    def answer(self) -> Any | None:
        """The helper's answer, or None when there is no helper or it failed; the helper is
        closed either way."""
        if self.helper is None:
            return None
        try:
            return self.helper.receive()
        finally:
            self.close()


class Split(_Shared, Generic[T]):
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

    def answer(self) -> Any | None:
        """The helper's answer for `theirs` (a sized collection, one entry per item), or None
        when there is no helper or it failed."""
        result = super().answer()
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


class BothEnds(_Shared, Generic[T]):
    """Work shared with a forked helper without deciding beforehand who does what: this process
    takes `items` a chunk at a time from the front, the helper from the back (`take_back`),
    until the two meet. A fixed half leaves a core idle whenever one process is held up (this
    one parsing git's output, say); here whichever process is free takes the next chunk, and
    both finish within a chunk of each other.

    The two ends are counters on a page shared with the helper, and each process writes only
    its own: no lock, so nothing for a dying helper to leave locked. Two readings at the same
    moment can make both take the chunk where they meet, which is all a race can do (a stale
    reading only makes a process take more, never skip one): the caller keeps this process's
    result for every item it took, and nothing the helper was sent about `theirs` need cover
    that chunk. When the helper fails, `theirs` is done here."""

    def __init__(self, items: Sequence[T], chunk: int) -> None:
        self.items, self.chunk = list(items), chunk
        self.chunks = -(-len(self.items) // chunk)
        self._page = mmap.mmap(-1, 16)  # anonymous and shared: a forked helper sees the same
        self._ends = memoryview(self._page).cast("q")  # [next chunk here, helper's last chunk]
        self._ends[0], self._ends[1] = 0, self.chunks
        self.helper: Helper | None = None

    @classmethod
    def start(
        cls,
        items: Sequence[T],
        work: Callable[[BothEnds[T], Channel], None],
        *,
        chunk: int,
        minimum: int | None = None,
    ) -> BothEnds[T]:
        """Share `items` with a helper running `work(shared, channel)`, which takes its chunks
        with `take_back`, when there are enough of them (`minimum`, default PARALLEL_MIN)."""
        shared = cls(items, chunk)
        if worth_forking(len(shared.items), minimum):
            shared.helper = Helper.start(lambda channel: work(shared, channel))
        return shared

    def take(self) -> list[T] | None:
        """This process's next chunk, from the front; None once the two ends have met."""
        front = self._ends[0]
        if front >= self._ends[1]:
            return None
        self._ends[0] = front + 1
        return self.items[front * self.chunk : (front + 1) * self.chunk]

    def take_back(self) -> list[T] | None:
        """The helper's next chunk, from the back; None once the two ends have met."""
        back = self._ends[1] - 1
        if back < self._ends[0]:
            return None
        self._ends[1] = back
        return self.items[back * self.chunk : (back + 1) * self.chunk]

    @property
    def taken(self) -> int:
        """Items taken so far by both processes (a chunk the two share counts twice)."""
        chunks = self._ends[0] + self.chunks - self._ends[1]
        return min(len(self.items), chunks * self.chunk)

    @property
    def theirs(self) -> list[T]:
        """The items this process has not taken: once `take` says the ends have met, those the
        helper answers for, or this process does when it fails."""
        return self.items[self._ends[0] * self.chunk :]


def _run(
    work: Callable[[Channel], None], conn: Connection, parents: Connection, parent: int
) -> None:
    parents.close()  # the parent's end, inherited through the fork
    # the parent's pid as the parent saw it: one that died before this line ran is caught too
    threading.Thread(target=_orphaned, args=(parent,), daemon=True).start()
    try:
        work(Channel(conn))
    except BaseException:  # the parent does this share itself
        with contextlib.suppress(OSError):
            conn.send_bytes(_FAILED)
    finally:
        conn.close()


def _orphaned(parent: int) -> None:
    """In the helper: leave as soon as the parent is gone. A parent killed outright (SIGKILL,
    the OOM killer) runs no cleanup, and its helper would otherwise work on through its share,
    holding the command's output pipe open. Checked twice a second: a sleeping thread costs
    the helper's work nothing."""
    while os.getppid() == parent:
        time.sleep(ORPHAN_POLL)
    os._exit(1)
