"""Fixtures shared by the site's browser tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.support import site as site_support


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh zh-CN page recording its script errors and requested URLs
    (`site_support.recorded_page`); a test module may define its own `page` instead."""
    with site_support.recorded_page(browser) as page:
        yield page
