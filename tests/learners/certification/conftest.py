"""Fixtures for the certification tests. Facts on a learner's record come from
``tests.factories`` (tracks, completed modules, approved hours, attempts)."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_cache():
    """The verify page counts requests per address in the cache: each test starts at 0."""
    cache.clear()
