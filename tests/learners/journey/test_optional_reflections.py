"""Reflections that assume lived experience: marked in content/, skippable by the
learner, and never a condition of completing the module."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from cms.models import AuditEvent
from courses.content.format import read_module, render_module
from courses.models import ModulePage
from learners.journey import journal, progress
from learners.models import ModuleProgress
from tests.factories import UserFactory

CONTENT = Path(settings.BASE_DIR) / "content"
LIVED = [
    "peer-spezialist/05-zertifizierung.md",
    "peer-spezialist/06-ergebnisse-und-daten.md",
    "rusradgiver/06-sertifisering-og-levd-erfaring.md",
]


@pytest.mark.parametrize("name", LIVED)
def test_the_shipped_reflections_on_own_recovery_are_optional_and_round_trip(name):
    module = read_module(CONTENT / name)
    flagged = [
        b for b in module.blocks
        if b["type"] == "reflection" and b["value"].get("optional_lived_experience")
    ]  # fmt: skip
    assert len(flagged) == 1
    assert render_module(module) == (CONTENT / name).read_text(encoding="utf-8")


@pytest.fixture
def module(learner) -> ModulePage:
    module = ModulePage.objects.get(content_key="peer-spezialist-05")
    programme = module.get_parent().specific
    progress.enrol(learner=learner, programme=programme, actor=learner)
    for earlier in programme.modules()[:4]:
        progress.mark_done(learner=learner, module=earlier)
    return module


def optional_block(module):
    return next(
        b for b in module.body
        if b.block_type == "reflection" and b.value.get("optional_lived_experience")
    )  # fmt: skip


def skip_url(module, block_id):
    return reverse("learners:journal-skip", args=[module.pk, block_id])


def test_a_learner_skips_an_optional_reflection_and_takes_it_up_again(client, learner, module):
    block = optional_block(module)
    client.force_login(learner)
    html = client.get(module.url).content.decode()
    assert "Skip this reflection" in html and f'id="text-{block.id}"' in html

    response = client.post(skip_url(module, block.id), {"skip": "1"})
    assert response.status_code == 302
    progress_row = ModuleProgress.objects.get(learner=learner, module=module)
    assert progress_row.skipped_prompts == [block.id]
    assert AuditEvent.objects.filter(action="journal.prompt.skipped").count() == 1
    html = client.get(module.url).content.decode()
    assert "You skipped this reflection." in html and f'id="text-{block.id}"' not in html

    client.post(skip_url(module, block.id), {"skip": "0"})
    progress_row.refresh_from_db()
    assert progress_row.skipped_prompts == []
    assert f'id="text-{block.id}"' in client.get(module.url).content.decode()


def test_skipping_does_not_hold_back_completion(learner, module):
    block = optional_block(module)
    journal.skip_prompt(learner=learner, module=module, block_id=block.id, skip=True)
    state = progress.mark_done(learner=learner, module=module)
    assert state.completed_at is not None


def test_an_ordinary_reflection_cannot_be_skipped(client, learner, module):
    ordinary = next(b for b in module.body if b.block_type == "task")
    client.force_login(learner)
    client.post(skip_url(module, ordinary.id), {"skip": "1"})
    assert (
        not ModuleProgress.objects.filter(learner=learner, module=module)
        .exclude(skipped_prompts=[])
        .exists()
    )
    with pytest.raises(journal.JournalError):
        journal.skip_prompt(learner=learner, module=module, block_id=ordinary.id, skip=True)


def test_someone_not_studying_the_module_gets_404(client, module):
    outsider = UserFactory(username="utenfor")
    client.force_login(outsider)
    response = client.post(skip_url(module, optional_block(module).id), {"skip": "1"})
    assert response.status_code == 404
    assert not ModuleProgress.objects.filter(learner=outsider).exists()
