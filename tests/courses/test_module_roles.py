"""A module for a cohort role (``for_role``): loaded, checked with file and line, the
same in every translation, and written back byte for byte."""

from pathlib import Path

import pytest
from django.conf import settings

from courses.content.format import read_module, render_module
from courses.content.format.sources import MODULE_ROLES
from courses.content.loader import load_content
from courses.models import ModulePage, ModuleRole

CONTENT = Path(settings.BASE_DIR) / "content"
STEP_5 = "05-fordypning-ressurspersoner.md"


def test_the_format_knows_exactly_the_roles_a_cohort_can_hold():
    assert set(MODULE_ROLES) == set(ModuleRole.values)


def test_avholdt_step_5_is_for_resource_persons_and_no_other_step_has_a_role(avholdt_modules):
    roles = {module.content_key: module.for_role for module in avholdt_modules}
    assert roles.pop("avholdt-05") == ModuleRole.RESOURCE_PERSON
    assert set(roles.values()) == {""}


@pytest.mark.parametrize("language", ["", "en", "da"])
def test_every_translation_of_step_5_keeps_the_role_and_round_trips(language):
    path = CONTENT / "avholdt" / language / STEP_5
    source = read_module(path)
    assert source.front["for_role"] == "resource-person"
    assert render_module(source) == path.read_text(encoding="utf-8")


def test_an_unknown_role_is_refused_with_file_and_line(db, content_copy):
    broken = content_copy / "avholdt" / STEP_5
    text = broken.read_text(encoding="utf-8")
    broken.write_text(text.replace("for_role: resource-person", "for_role: mentor"))
    line = text.split("\n").index("for_role: resource-person") + 1

    report = load_content(content_copy)

    assert len(report.errors) == 1
    error = report.errors[0]
    assert error.path == broken and error.line == line
    assert "'for_role' must be one of: resource-person, leader" in error.message


def test_removing_the_role_from_the_file_clears_it_on_the_page(db, content_copy):
    path = content_copy / "avholdt" / STEP_5
    path.write_text(path.read_text(encoding="utf-8").replace("for_role: resource-person\n", ""))
    report = load_content(content_copy)
    assert report.errors == []
    assert ModulePage.objects.get(content_key="avholdt-05").for_role == ""
