"""Fixtures for the courses tests."""

import shutil
from pathlib import Path

import pytest
from django.conf import settings


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A copy of content/ the test may change."""
    target = tmp_path / "content"
    shutil.copytree(Path(settings.BASE_DIR) / "content", target)
    return target
