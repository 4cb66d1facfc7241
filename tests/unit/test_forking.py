"""The forked helper's streamed answers (`forking.Split.stream`): in order, taken between the
caller's own work, and a failing helper's unanswered items left to the caller. Work shared from
both ends (`forking.BothEnds`): every item taken, whoever is free takes more, and what a failing
helper took is left to the caller."""

from __future__ import annotations

import os
import time

import pytest

from validator.repo import forking
from validator.repo.forking import BothEnds, Channel, Split


@pytest.fixture(autouse=True)
def two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("validator.repo.forking.threading.active_count", lambda: 1)


def test_answers_arrive_in_order_and_only_when_sent() -> None:
    def helper(theirs: list[int], channel: Channel) -> None:
        channel.receive()  # nothing is sent before the caller says so
        for start in range(0, len(theirs), 3):
            channel.send([n * n for n in theirs[start : start + 3]])

    split = Split.start(range(20), helper, minimum=2)
    try:
        assert split.helper is not None and split.theirs == list(range(10, 20))
        assert list(split.stream(wait=False)) == []  # nothing yet: the caller goes on working
        split.send("go")
        parts = list(split.stream(wait=True))
    finally:
        split.close()
    assert [len(p) for p in parts] == [3, 3, 3, 1]
    assert [n for p in parts for n in p] == [n * n for n in range(10, 20)]
    assert split.answered == 10 and split.helper is None


def test_a_helper_that_fails_midway_leaves_the_rest_to_the_caller() -> None:
    def helper(theirs: list[int], channel: Channel) -> None:
        channel.send([n * n for n in theirs[:4]])
        raise RuntimeError("the helper breaks after its first answer")

    split = Split.start(range(20), helper, minimum=2)
    try:
        parts = list(split.stream())
    finally:
        split.close()
    assert parts == [[n * n for n in range(10, 14)]]
    assert split.theirs[split.answered :] == list(range(14, 20))


def test_both_ends_meet_with_every_item_taken_once() -> None:
    shared = BothEnds(range(10), chunk=3)  # chunks [0-2] [3-5] [6-8] [9]
    assert shared.take() == [0, 1, 2]
    assert shared.take_back() == [9]
    assert shared.take_back() == [6, 7, 8]
    assert shared.taken == 9  # a short last chunk counts whole: progress never passes the end
    assert shared.take() == [3, 4, 5]
    assert shared.take() is None and shared.take_back() is None
    assert shared.theirs == [6, 7, 8, 9]


def test_without_a_helper_everything_is_taken_here() -> None:
    shared = BothEnds.start(range(7), lambda shared, channel: None, chunk=2, minimum=10**9)
    parts = []
    while (part := shared.take()) is not None:
        parts.append(part)
    assert shared.helper is None and shared.answer() is None
    assert parts == [[0, 1], [2, 3], [4, 5], [6]] and shared.theirs == []


def test_the_helper_takes_what_a_busy_caller_does_not() -> None:
    """A fixed half would give the helper 10 of 20 items whatever happens to the caller."""

    def helper(shared: BothEnds[int], channel: Channel) -> None:
        done = []
        while (part := shared.take_back()) is not None:
            done += part
        channel.send(done)

    shared = BothEnds.start(range(20), helper, chunk=1, minimum=2)
    mine = []
    try:
        while (part := shared.take()) is not None:
            mine += part
            time.sleep(0.2)  # held up, as when this process parses git's output
        answered = shared.answer()
    finally:
        shared.close()
    assert answered is not None
    assert sorted(set(mine) | set(answered)) == list(range(20))
    assert len(set(mine) & set(answered)) <= 1  # at most the chunk where the two met
    assert len(answered) > 10 and set(shared.theirs) <= set(answered)


def test_what_a_failing_helper_took_is_left_to_the_caller() -> None:
    parent = os.getpid()

    def helper(shared: BothEnds[int], channel: Channel) -> None:
        shared.take_back()
        shared.take_back()
        raise RuntimeError("the helper breaks after taking two chunks")

    shared = BothEnds.start(range(20), helper, chunk=2, minimum=2)
    mine = []
    try:
        assert shared.helper is not None
        deadline = time.monotonic() + 60
        while not shared.helper.has_answer() and time.monotonic() < deadline:
            time.sleep(0.01)  # until the helper has taken its chunks and failed
        while (part := shared.take()) is not None:
            mine += part
        assert shared.answer() is None
    finally:
        shared.close()
    assert os.getpid() == parent
    assert mine == list(range(16)) and shared.theirs == [16, 17, 18, 19]


def test_a_large_message_to_a_hung_helper_does_not_hold_up_the_caller(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A message larger than the pipe holds is sent without waiting for the helper to read it:
    a helper that hangs is given up on after TIMEOUT, and nothing is left running (a
    reviewer's find: the send waited for as long as the helper did not read)."""
    import signal
    import threading

    monkeypatch.setattr(forking, "TIMEOUT", 0.5)

    def hang(channel: Channel) -> None:
        time.sleep(600)

    class Stuck(Exception):
        """The caller waited on the hung helper (not an OSError, which `send` would take for
        a helper that is gone)."""

    def stuck(signum: int, frame: object) -> None:
        raise Stuck

    helper = forking.Helper.start(hang)
    assert helper is not None
    previous = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(10)
    try:
        helper.send(b"x" * 4_000_000)  # far more than a pipe holds
        assert helper.receive() is None  # given up on after TIMEOUT
        helper.close()
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert not helper.process.is_alive() and threading.active_count() == 1
