"""The `channels` fixture: an SMTP server and the three robots, running for one test."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack

import pytest

from tests.delivery.channels import Channels
from tests.support.robots import robot_server
from tests.support.smtp import smtp_server


@pytest.fixture
def channels() -> Iterator[Channels]:
    with ExitStack() as stack:
        box, port = stack.enter_context(smtp_server())
        yield Channels(
            box,
            port,
            {
                "wecom": stack.enter_context(robot_server("wecom", "wecom-key-1")),
                "dingtalk": stack.enter_context(robot_server("dingtalk", "ding-token", "SECding")),
                "feishu": stack.enter_context(
                    robot_server("feishu", "feishu-hook", "feishu-secret")
                ),
            },
        )
