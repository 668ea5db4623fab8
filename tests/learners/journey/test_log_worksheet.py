"""The repeating log: written in content/, filled in row by row and autosaved into the
journal, and printable blank as a PDF."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from courses.content.format import read_module, render_module
from courses.models import ModulePage
from learners.journey import journal, progress, worksheets
from learners.models import JournalEntry
from tests.factories import UserFactory

CONTENT = Path(settings.BASE_DIR) / "content"
FILE = CONTENT / "smart-facilitator" / "05-firepunktsprogrammet.md"


def test_the_urge_diary_is_a_log_in_the_module_that_teaches_it_and_round_trips():
    source = read_module(FILE)
    log = next(b for b in source.blocks if b["type"] == "log")
    assert log["value"]["title"] == "Trangdagbog" and len(log["value"]["columns"]) == 5
    assert render_module(source) == FILE.read_text(encoding="utf-8")


@pytest.fixture
def module(learner) -> ModulePage:
    module = ModulePage.objects.get(content_key="smart-facilitator-05")
    programme = module.get_parent().specific
    progress.enrol(learner=learner, programme=programme, actor=learner)
    for earlier in programme.modules()[:4]:
        progress.mark_done(learner=learner, module=earlier)
    return module


@pytest.fixture
def block(module):
    return next(b for b in module.body if b.block_type == "log")


def save_url(module, block_id):
    return reverse("learners:journal-save", args=[module.pk, block_id])


def test_a_learner_fills_rows_and_adds_new_ones(client, learner, module, block):
    first = block.value["columns"][0]
    client.force_login(learner)
    html = client.get(module.url).content.decode()
    assert f'name="cell:1|{first}"' in html and f'name="cell:2|{first}"' not in html

    response = client.post(
        save_url(module, block.id), {f"cell:1|{first}": "Mandag 18:00", "add_row": "1"}
    )
    assert response.status_code == 302
    entry = JournalEntry.objects.get(learner=learner, block_id=block.id)
    assert entry.kind == "worksheet" and entry.cells == {f"1|{first}": "Mandag 18:00"}
    html = client.get(module.url).content.decode()
    assert "Mandag 18:00</textarea>" in html and f'name="cell:2|{first}"' in html

    # htmx autosave of the second row answers with the save status only.
    response = client.post(
        save_url(module, block.id),
        {f"cell:1|{first}": "Mandag 18:00", f"cell:2|{first}": "Tirsdag", "seq": "5"},
        HTTP_HX_REQUEST="true",
    )
    assert "Saved at" in response.content.decode()
    entry.refresh_from_db()
    assert entry.cells == {f"1|{first}": "Mandag 18:00", f"2|{first}": "Tirsdag"}


def test_a_cell_outside_the_log_is_refused_and_nothing_changes(learner, module, block):
    with pytest.raises(journal.JournalError):
        journal.save_entry(
            learner=learner, module=module, block_id=block.id, cells={"1|Ingen kolonne": "x"}
        )
    with pytest.raises(journal.JournalError):
        column = block.value["columns"][0]
        journal.save_entry(
            learner=learner, module=module, block_id=block.id,
            cells={f"{worksheets.MAX_LOG_ROWS + 1}|{column}": "x"},
        )  # fmt: skip
    assert not JournalEntry.objects.filter(learner=learner).exists()


def test_the_blank_log_prints_as_a_pdf(client, learner, module, block):
    client.force_login(learner)
    response = client.get(reverse("learners:worksheet-blank", args=[module.pk, block.id]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_blank_grid_worksheet_prints_too(client, learner, module):
    grid = next(b for b in module.body if b.block_type == "worksheet")
    client.force_login(learner)
    response = client.get(reverse("learners:worksheet-blank", args=[module.pk, grid.id]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_the_blank_pdf_is_404_for_someone_outside_and_for_a_reflection(
    client, learner, module, block
):
    client.force_login(UserFactory(username="utenfor"))
    url = reverse("learners:worksheet-blank", args=[module.pk, block.id])
    assert client.get(url).status_code == 404
    reflection = next(b for b in module.body if b.block_type == "reflection")
    client.force_login(learner)
    url = reverse("learners:worksheet-blank", args=[module.pk, reflection.id])
    assert client.get(url).status_code == 404


# --- the sequence (ABC(DE)) -----------------------------------------------------------


def test_the_abcde_sequence_is_in_the_module_that_teaches_it():
    source = read_module(FILE)
    sequence = next(b for b in source.blocks if b["type"] == "sequence")
    assert [step[0] for step in sequence["value"]["steps"]] == ["A", "B", "C", "D", "E"]


def test_a_learner_answers_the_sequence_step_by_step(client, learner, module):
    sequence = next(b for b in module.body if b.block_type == "sequence")
    steps = sequence.value["steps"]
    client.force_login(learner)
    html = client.get(module.url).content.decode()
    assert html.count(f'id="step-{sequence.id}-') == len(steps)
    client.post(save_url(module, sequence.id), {f"cell:{steps[0]}": "Kollegaen svarede ikke"})
    entry = JournalEntry.objects.get(learner=learner, block_id=sequence.id)
    assert entry.cells == {steps[0]: "Kollegaen svarede ikke"}
    assert "Kollegaen svarede ikke</textarea>" in client.get(module.url).content.decode()
    with pytest.raises(journal.JournalError):
        journal.save_entry(
            learner=learner, module=module, block_id=sequence.id, cells={"F – Ekstra": "x"}
        )
    response = client.get(reverse("learners:worksheet-blank", args=[module.pk, sequence.id]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


# --- the rating wheel -------------------------------------------------------------------


def test_a_learner_rates_the_life_balance_wheel_in_a_table_and_sees_the_wheel(
    client, learner, module
):
    wheel = next(b for b in module.body if b.block_type == "rating_wheel")
    areas = wheel.value["areas"]
    client.force_login(learner)
    html = client.get(module.url).content.decode()
    assert html.count(f'id="rate-{wheel.id}-') == len(areas) == 8
    assert 'type="number"' in html and "<path" not in html.split(f'id="entry-{wheel.id}"')[1]

    client.post(save_url(module, wheel.id), {f"cell:{areas[0]}": "7", f"cell:{areas[1]}": " 3 "})
    entry = JournalEntry.objects.get(learner=learner, block_id=wheel.id)
    assert entry.cells == {areas[0]: "7", areas[1]: "3"}
    section = client.get(module.url).content.decode().split(f'id="entry-{wheel.id}"')[1]
    section = section.split("</section>")[0]
    assert section.count("<path") == 2 and 'value="7"' in section


@pytest.mark.parametrize("value", ["11", "-1", "sju", "2.5"])
def test_a_rating_outside_the_scale_is_refused_and_nothing_changes(learner, module, value):
    wheel = next(b for b in module.body if b.block_type == "rating_wheel")
    with pytest.raises(journal.JournalError):
        journal.save_entry(
            learner=learner, module=module, block_id=wheel.id,
            cells={wheel.value["areas"][0]: value},
        )  # fmt: skip
    assert not JournalEntry.objects.filter(learner=learner).exists()


def test_the_blank_wheel_prints(client, learner, module):
    wheel = next(b for b in module.body if b.block_type == "rating_wheel")
    client.force_login(learner)
    response = client.get(reverse("learners:worksheet-blank", args=[module.pk, wheel.id]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
