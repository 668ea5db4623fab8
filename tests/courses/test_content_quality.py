"""The shipped programmes are real teaching material, not placeholders."""

from pathlib import Path

import pytest
from django.conf import settings

from courses.content.format import read_programme

CONTENT = Path(settings.BASE_DIR) / "content"
PROGRAMMES = {
    "avholdt": ("nb", 7),
    "rusradgiver": ("nb", 6),
    "peer-spezialist": ("de", 6),
    "smart-facilitator": ("da", 6),
    "rusmiddelprotokol": ("da", 6),
}


@pytest.mark.parametrize(("folder", "expected"), PROGRAMMES.items())
def test_each_programme_has_its_language_and_modules(folder, expected):
    language, module_count = expected
    programme = read_programme(CONTENT / folder)
    assert programme.front["language"] == language
    assert len(programme.modules) == module_count


@pytest.mark.parametrize("folder", PROGRAMMES)
def test_every_module_teaches_and_asks_for_reflection_and_practice(folder):
    for module in read_programme(CONTENT / folder).modules:
        kinds = [block["type"] for block in module.blocks]
        words = sum(len(str(block["value"]).split()) for block in module.blocks)
        assert words >= 400, f"{module.path.name} has only {words} words"
        assert "reflection" in kinds, module.path.name
        assert "task" in kinds, module.path.name


def test_avholdt_warns_before_trauma_material():
    modules = read_programme(CONTENT / "avholdt").modules
    for number in (3, 6):
        first = modules[number - 1].blocks[0]
        assert first["type"] == "callout" and first["value"]["kind"] == "content_note"
