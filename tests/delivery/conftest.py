"""The `channels` fixture: an SMTP server and the three robots, running for one test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.delivery.channels import Channels
from tests.support.robots import robots_running
from tests.support.smtp import smtp_server


@pytest.fixture
def channels() -> Iterator[Channels]:
    with smtp_server() as (box, port), robots_running() as robots:
        yield Channels(box, port, robots)
