"""The forked helper's streamed answers (`forking.Split.stream`): in order, taken between the
caller's own work, and a failing helper's unanswered items left to the caller."""

from __future__ import annotations

import pytest

from validator.repo import forking
from validator.repo.forking import Channel, Split


@pytest.fixture(autouse=True)
def two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forking.threading, "active_count", lambda: 1)


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
