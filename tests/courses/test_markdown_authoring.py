"""Authors' Markdown (page introductions, Markdown blocks, questions) beyond the limits
of ``cms.markdown`` is refused at save time with the reason, on its own field."""

import pytest
from django.core.exceptions import ValidationError

from assessments.models import Question
from cms.blocks import MarkdownBlock
from courses.models import ProgrammeIndexPage, ProgrammePage

BOMB = "> " * 40 + "deep"


def test_a_markdown_block_beyond_the_limits_is_refused():
    block = MarkdownBlock()
    assert block.clean("Plain **text**") == "Plain **text**"
    with pytest.raises(ValidationError, match="too complex to format"):
        block.clean(BOMB)


@pytest.mark.parametrize("model", [ProgrammeIndexPage, ProgrammePage])
def test_a_page_introduction_beyond_the_limits_is_refused(db, model):
    page = model(title="T", slug="t", intro=BOMB)
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "intro" in error.value.message_dict
    assert "nested more than 16 levels" in error.value.message_dict["intro"][0]


@pytest.mark.parametrize("field", ["text", "rubric", "explanation"])
def test_a_question_beyond_the_limits_is_refused_on_its_field(db, field):
    question = Question(**{"kind": "essay", "text": "Why?", "points": 1, field: BOMB})
    with pytest.raises(ValidationError) as error:
        question.clean()
    assert list(error.value.message_dict) == [field]
