"""The ranked list, decision steps and plan: written in content/ where the method is taught,
refused with file and line when malformed, answered and autosaved into the journal,
shown in the journal and its exports, and printable blank."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.blocks.struct_block import StructBlockValidationError

from courses.blocks import ModuleBodyBlock
from courses.content.format import ContentError, read_module, render_module
from courses.content.format.body import parse_body
from courses.content.format.writing import render_blocks
from courses.models import ModulePage
from learners.journey import journal, progress, worksheets
from learners.models import JournalEntry

CONTENT = Path(settings.BASE_DIR) / "content"
DILEMMAS = CONTENT / "rusmiddelprotokol" / "04-dilemmaer.md"
IMPLEMENTATION = CONTENT / "rusmiddelprotokol" / "06-inddragelse-og-implementering.md"
COUNSELLOR = CONTENT / "rusradgiver" / "06-sertifisering-og-levd-erfaring.md"


@pytest.mark.parametrize(
    ("path", "kind", "title"),
    [
        (DILEMMAS, "decision_steps", "Dilemma i seks trin"),
        (IMPLEMENTATION, "plan", "Implementeringsplan for rusmiddelprotokollen"),
        (COUNSELLOR, "ranked_list", "Det som holder deg oppe i arbeidet"),
        (COUNSELLOR, "plan", "Plan for sertifisering og egenomsorg"),
    ],
)
def test_each_method_has_its_worksheet_and_the_file_round_trips(path, kind, title):
    source = read_module(path)
    assert any(b["type"] == kind and b["value"]["title"] == title for b in source.blocks)
    assert render_module(source) == path.read_text(encoding="utf-8")


def test_the_dilemma_method_has_its_six_named_steps_in_order():
    block = next(b for b in read_module(DILEMMAS).blocks if b["type"] == "decision_steps")
    names = [step["name"] for step in block["value"]["steps"]]
    assert names[0] == "Hvad ved vi?" and len(names) == 6
    assert all(step["prompt"] for step in block["value"]["steps"])


BAD_BLOCKS = [
    ("ranked-list R", "items:\n- A\n- A", "must differ"),
    ("ranked-list R", "items:\n- A", "two places or more"),
    ("ranked-list R", "own: 11", "whole number 0–10"),
    ("ranked-list R", "items: A", "a list of labels"),
    ("decision-steps D", "steps:\n- name: A\n  prompt: x", "two or more"),
    ("decision-steps D", "steps:\n- name: A\n  prompt: x\n- name: A\n  prompt: y", "must differ"),
    ("decision-steps D", "steps:\n- name: A\n- name: B\n  prompt: y", "'name' and 'prompt'"),
    ("plan P", "columns:\n- Hvem", "holds only 'instructions'"),
    ("plan P", "instructions: [a", "not valid YAML"),
    ("plan", "instructions: x", "needs a title"),
]


@pytest.mark.parametrize(("opening", "body", "words"), BAD_BLOCKS)
def test_a_malformed_block_is_refused_with_file_and_line(opening, body, words):
    text = f"Tekst først.\n\n::: {opening}\n{body}\n:::\n"
    with pytest.raises(ContentError) as refused:
        parse_body(text, Path("modul.md"), 10, module_key="m")
    assert refused.value.path == Path("modul.md") and words in refused.value.message
    assert refused.value.line in (12, 13)


def test_a_ranked_list_of_own_items_only_and_a_plan_without_instructions_round_trip():
    text = "::: ranked-list Mine verdier\nown: 3\n:::\n\n::: plan Endringsplan\n\n:::"
    blocks = parse_body(text, Path("m.md"), 1, module_key="m")
    assert blocks[0]["value"] == {
        "title": "Mine verdier",
        "instructions": "",
        "items": [],
        "own": 3,
    }
    assert render_blocks(blocks) == text


def learner_in(learner, key: str) -> ModulePage:
    """Enrol ``learner`` and complete every module before the one with ``key``."""
    module = ModulePage.objects.get(content_key=key)
    programme = module.get_parent().specific
    progress.enrol(learner=learner, programme=programme, actor=learner)
    for earlier in programme.modules():
        if earlier.order < module.order:
            progress.mark_done(learner=learner, module=earlier)
    progress.acknowledge_content_note(learner=learner, module=module)
    return module


def block_of(module, kind: str, number: int = 0):
    return [b for b in module.body if b.block_type == kind][number]


def save_url(module, block):
    return reverse("learners:journal-save", args=[module.pk, block.id])


def blank_pdf(client, module, block):
    response = client.get(reverse("learners:worksheet-blank", args=[module.pk, block.id]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def section_of(html: str, block) -> str:
    return html.split(f'id="entry-{block.id}"')[1].split("</section>")[0]


# --- the ranked list ------------------------------------------------------------------


@pytest.fixture
def counsellor(learner):
    return learner_in(learner, "rusradgiver-06")


def test_a_ranked_list_is_ordered_with_move_buttons_without_js(client, learner, counsellor):
    block = block_of(counsellor, "ranked_list")
    items = list(block.value["items"])
    client.force_login(learner)
    section = section_of(client.get(counsellor.url).content.decode(), block)
    assert "<fieldset" in section and "<legend" in section
    assert section.count('name="move"') == 2 * (len(items) + 2) - 2
    assert section.count('type="text"') == 2 and "Your own item, number 6" in section

    cells = {f"cell:{n}": item for n, item in enumerate(items, start=1)}
    response = client.post(
        save_url(counsellor, block), {**cells, "cell:6": "Turer", "move": "2:up"}
    )
    assert response.status_code == 302
    entry = JournalEntry.objects.get(learner=learner, block_id=block.id)
    assert entry.cells["1"] == items[1] and entry.cells["2"] == items[0]
    assert entry.cells["6"] == "Turer" and len(entry.cells) == 6
    page = client.get(response["Location"]).content.decode()
    assert f"“{items[1]}” is now number 1 of 7." in page


def test_a_move_with_htmx_returns_the_list_with_focus_and_an_announcement(
    client, learner, counsellor
):
    block = block_of(counsellor, "ranked_list")
    items = list(block.value["items"])
    client.force_login(learner)
    cells = {f"cell:{n}": item for n, item in enumerate(items, start=1)}
    response = client.post(
        save_url(counsellor, block),
        {**cells, "move": "1:down", "seq": "10"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200 and f'id="entry-{block.id}"' in html
    moved = html.split(f'id="place-{block.id}-2"')[1].split("</li>")[0]
    assert 'value="2:down" class="button button--secondary" data-focus' in moved
    assert moved.count("data-focus") == 1
    assert f"“{items[0]}” is now number 2 of 7." in moved and "data-announce" in moved
    # A save that arrives late (lower counter) changes nothing.
    journal.save_entry(
        learner=learner, module=counsellor, block_id=block.id,
        cells={str(n): item for n, item in enumerate(items, start=1)}, seq=5,
    )  # fmt: skip
    assert JournalEntry.objects.get(learner=learner, block_id=block.id).cells["2"] == items[0]


def test_a_ranked_list_that_loses_or_doubles_an_item_is_refused_in_the_learners_language(
    learner, counsellor
):
    block = block_of(counsellor, "ranked_list")
    items = list(block.value["items"])
    doubled = {str(n): items[0] for n in range(1, len(items) + 1)}
    with translation.override("nb"), pytest.raises(journal.JournalError) as refused:
        journal.save_entry(learner=learner, module=counsellor, block_id=block.id, cells=doubled)
    assert "Behold" in str(refused.value)
    with pytest.raises(journal.JournalError):
        journal.save_entry(learner=learner, module=counsellor, block_id=block.id, cells={"8": "x"})
    assert not JournalEntry.objects.filter(learner=learner).exists()


# --- decision steps -------------------------------------------------------------------


@pytest.fixture
def dilemmas(learner):
    return learner_in(learner, "rusmiddelprotokol-04")


def test_decision_steps_are_fieldsets_answered_in_order(client, learner, dilemmas):
    block = block_of(dilemmas, "decision_steps")
    names = [step["name"] for step in block.value["steps"]]
    client.force_login(learner)
    section = section_of(client.get(dilemmas.url).content.decode(), block)
    assert section.count("<fieldset>") == 6 and "Step 1 of 6: Hvad ved vi?" in section
    assert f'aria-describedby="ask-{block.id}-1"' in section

    response = client.post(
        save_url(dilemmas, block), {f"cell:{names[0]}": "Posen lå på bordet", "seq": "3"},
        HTTP_HX_REQUEST="true",
    )  # fmt: skip
    assert "Saved at" in response.content.decode()
    entry = JournalEntry.objects.get(learner=learner, block_id=block.id)
    assert entry.cells == {names[0]: "Posen lå på bordet"}

    # Step 3 before step 2: refused with the step named, in the learner's language.
    with translation.override("da"):
        response = client.post(
            save_url(dilemmas, block),
            {f"cell:{names[0]}": "Posen", f"cell:{names[2]}": "Loven", "seq": "4"},
            HTTP_HX_REQUEST="true",
            HTTP_ACCEPT_LANGUAGE="da",
        )
    assert response.status_code == 422
    assert names[1] in response.content.decode()
    entry.refresh_from_db()
    assert entry.cells == {names[0]: "Posen lå på bordet"}
    blank_pdf(client, dilemmas, block)


def test_a_step_out_of_order_is_refused_in_danish(learner, dilemmas):
    block = block_of(dilemmas, "decision_steps")
    names = [step["name"] for step in block.value["steps"]]
    with translation.override("da"), pytest.raises(journal.JournalError) as refused:
        journal.save_entry(
            learner=learner, module=dilemmas, block_id=block.id, cells={names[1]: "x"}
        )
    assert str(refused.value).startswith("Besvar trinnet")


# --- the plan -------------------------------------------------------------------------


@pytest.fixture
def implementation(learner):
    return learner_in(learner, "rusmiddelprotokol-06")


def test_a_plan_is_filled_row_by_row_with_a_date_per_locale(client, learner, implementation):
    block = block_of(implementation, "plan")
    client.force_login(learner)
    section = section_of(client.get(implementation.url).content.decode(), block)
    assert 'type="date" name="cell:1|due"' in section and 'name="cell:1|status"' in section
    assert 'aria-label="1 – Owner"' in section and 'name="cell:2|action"' not in section

    with translation.override("nb"):
        response = client.post(
            save_url(implementation, block),
            {"cell:1|action": "Temadag", "cell:1|owner": "Leder", "cell:1|due": "31.01.2027",
             "cell:1|status": "started", "add_row": "1"},
        )  # fmt: skip
    assert response.status_code == 302
    entry = JournalEntry.objects.get(learner=learner, block_id=block.id)
    assert entry.cells == {
        "1|action": "Temadag", "1|owner": "Leder", "1|due": "2027-01-31", "1|status": "started",
    }  # fmt: skip
    section = section_of(client.get(implementation.url).content.decode(), block)
    assert 'value="2027-01-31"' in section and 'name="cell:2|action"' in section
    assert '<option value="started" selected>' in section
    blank_pdf(client, implementation, block)


@pytest.mark.parametrize(
    ("cells", "language", "words"),
    [
        ({"1|due": "31.13.2027"}, "de", "Fälligkeitsdatum in Zeile 1"),
        ({"1|due": "i morgen"}, "nb", "fristen i rad 1"),
        ({"1|status": "kanskje"}, "da", "status"),
        ({"1|hvem": "x"}, "en", "no such cell"),
    ],
)
def test_a_bad_date_or_status_is_refused_in_the_learners_language(
    learner, implementation, cells, language, words
):
    block = block_of(implementation, "plan")
    with translation.override(language), pytest.raises(journal.JournalError) as refused:
        journal.save_entry(learner=learner, module=implementation, block_id=block.id, cells=cells)
    assert words in str(refused.value)
    assert not JournalEntry.objects.filter(learner=learner).exists()


# --- the journal shows and exports them -----------------------------------------------


def test_the_journal_entry_and_exports_show_each_worksheet_as_it_reads(
    client, learner, dilemmas, implementation
):
    steps = block_of(dilemmas, "decision_steps")
    names = [step["name"] for step in steps.value["steps"]]
    journal.save_entry(
        learner=learner, module=dilemmas, block_id=steps.id,
        cells={names[0]: "Fakta", names[1]: "Retningslinje 3"},
    )  # fmt: skip
    plan = block_of(implementation, "plan")
    entry = journal.save_entry(
        learner=learner, module=implementation, block_id=plan.id,
        cells={"1|action": "Temadag", "1|due": "2027-01-31", "1|status": "done"},
    )  # fmt: skip
    client.force_login(learner)
    listing = client.get(reverse("learners:journal")).content.decode()
    assert plan.value["title"] in listing and steps.value["title"] in listing
    html = client.get(reverse("learners:journal-entry", args=[entry.pk])).content.decode()
    assert "<dt>1 – Due date</dt><dd>31 Jan 2027</dd>" in html
    assert "<dt>1 – Status</dt><dd>Done</dd>" in html

    markdown = journal.export_markdown(learner=learner)
    assert f"- **{names[0]}**: Fakta\n- **{names[1]}**: Retningslinje 3" in markdown
    assert "- **1 – Action**: Temadag" in markdown and "- **1 – Due date**: 31 Jan 2027" in markdown
    assert journal.export_pdf(learner=learner).startswith(b"%PDF")


def test_the_ranked_list_exports_by_place_and_prints_blank(client, learner, counsellor):
    block = block_of(counsellor, "ranked_list")
    items = list(block.value["items"])
    cells = {str(n): item for n, item in enumerate(reversed(items), start=1)}
    journal.save_entry(learner=learner, module=counsellor, block_id=block.id, cells=cells)
    markdown = journal.export_markdown(learner=learner)
    assert f"- **1.**: {items[-1]}\n- **2.**: {items[-2]}" in markdown
    client.force_login(learner)
    blank_pdf(client, counsellor, block)


# --- the admin refuses what the loader refuses ----------------------------------------


@pytest.mark.parametrize(
    ("kind", "data", "field"),
    [
        ("ranked_list", {"title": "T", "items": ["Helse", "Helse"], "own": 0}, "items"),
        ("ranked_list", {"title": "T", "items": ["Helse"], "own": 0}, "own"),
        ("decision_steps", {"title": "D", "steps": [{"name": "A", "prompt": "a"}] * 2}, "steps"),
    ],
)
def test_the_admin_refuses_a_worksheet_the_loader_would_refuse(kind, data, field):
    block = ModuleBodyBlock().child_blocks[kind]
    with translation.override("de"):
        with pytest.raises(StructBlockValidationError) as refused:
            block.clean(block.to_python({"instructions": "", **data}))
        message = refused.value.block_errors[field].messages[0]
    assert message.startswith(("Die", "Eine")), message


@pytest.mark.parametrize("move", ["²:up", "x:down", "3:left", "", ":up"])
def test_a_move_that_is_not_a_place_and_a_direction_is_refused(move):
    with pytest.raises(worksheets.JournalError):
        worksheets.parse_move(move, 7)


def test_a_move_off_either_end_of_the_list_moves_nothing():
    assert worksheets.parse_move("1:up", 7) is None and worksheets.parse_move("7:down", 7) is None
    assert worksheets.parse_move("7:up", 7) == (7, 6)
