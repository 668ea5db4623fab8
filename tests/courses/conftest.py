"""Fixtures for the courses tests."""

import shutil
from pathlib import Path

import pytest
from django.conf import settings


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A copy of content/'s sources the test may change (without the translations in
    ``<slug>/<ll>/``, which would no longer match a changed source)."""
    target = tmp_path / "content"
    shutil.copytree(
        Path(settings.BASE_DIR) / "content", target, ignore=shutil.ignore_patterns("??")
    )
    return target
