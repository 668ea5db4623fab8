"""Fixtures for the journey tests: a learner enrolled in AvHoldt."""

import pytest

from learners.journey import progress


@pytest.fixture
def enrolled(learner, avholdt):
    return progress.enrol(learner=learner, programme=avholdt, actor=learner)
