"""The reflection journal: autosave, privacy, sharing with a supervisor, comments, export."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cms.models import AuditEvent, PreparedDocument
from cms.pdf import data_only_fetcher
from courses.models import ModulePage
from learners.journey import journal, progress
from learners.models import JournalComment, JournalEntry, Supervision
from tests.factories import UserFactory


@pytest.fixture
def first_module(avholdt_modules):
    return avholdt_modules[0]


@pytest.fixture
def prompt_id(first_module):
    return next(b.id for b in first_module.body if b.block_type == "reflection")


@pytest.fixture
def entry(learner, enrolled, first_module, prompt_id):
    return journal.save_entry(
        learner=learner, module=first_module, block_id=prompt_id, text="Min **refleksjon**"
    )


@pytest.fixture
def supervision(learner, supervisor, avholdt):
    return Supervision.objects.create(learner=learner, supervisor=supervisor, programme=avholdt)


def save_url(module, block_id):
    return reverse("learners:journal-save", args=[module.pk, block_id])


def test_autosave_answers_htmx_with_a_saved_time(
    client, learner, enrolled, first_module, prompt_id
):
    client.force_login(learner)
    response = client.post(
        save_url(first_module, prompt_id), {"text": "Første tanke", "seq": "1"},
        headers={"HX-Request": "true"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "Saved at" in response.content.decode()
    assert JournalEntry.objects.get(learner=learner).text == "Første tanke"


def test_two_quick_autosaves_keep_the_last_text(client, learner, enrolled, first_module, prompt_id):
    client.force_login(learner)
    url = save_url(first_module, prompt_id)
    client.post(url, {"text": "Jeg tenker", "seq": "100"}, headers={"HX-Request": "true"})
    client.post(url, {"text": "Jeg tenker at", "seq": "101"}, headers={"HX-Request": "true"})
    assert JournalEntry.objects.get(learner=learner).text == "Jeg tenker at"
    # A save that arrives late, after the newer one, does not overwrite it.
    client.post(url, {"text": "Jeg", "seq": "99"}, headers={"HX-Request": "true"})
    assert JournalEntry.objects.get(learner=learner).text == "Jeg tenker at"
    assert JournalEntry.objects.count() == 1


def test_saving_without_javascript_redirects_back_to_the_prompt(
    client, learner, enrolled, first_module, prompt_id
):
    client.force_login(learner)
    response = client.post(save_url(first_module, prompt_id), {"text": "Uten JS"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#entry-{prompt_id}")
    page = client.get(first_module.url).content.decode()
    assert "Uten JS" in page


def test_a_failed_save_says_so_and_changes_nothing(client, learner, enrolled, first_module, entry):
    client.force_login(learner)
    response = client.post(
        save_url(first_module, "not-a-prompt"), {"text": "x"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 422
    assert "not part of the module" in response.content.decode()
    entry.refresh_from_db()
    assert entry.text == "Min **refleksjon**"


def test_a_worksheet_saves_its_cells_and_renders_as_a_grid(client, learner):
    module = ModulePage.objects.get(content_key="smart-facilitator-05")
    programme = module.get_parent().specific
    progress.enrol(learner=learner, programme=programme, actor=learner)
    for earlier in programme.modules()[:4]:
        progress.mark_done(learner=learner, module=earlier)
    block = next(b for b in module.body if b.block_type == "worksheet")
    row, column = block.value["rows"][0], block.value["columns"][0]
    client.force_login(learner)
    client.post(save_url(module, block.id), {f"cell:{row}|{column}": "Ro i hovedet"})
    entry = JournalEntry.objects.get(learner=learner)
    assert entry.kind == "worksheet" and entry.cells == {f"{row}|{column}": "Ro i hovedet"}
    html = client.get(module.url).content.decode()
    assert "Ro i hovedet</textarea>" in html
    response = client.post(save_url(module, block.id), {"cell:Ingen|Celle": "x"})
    entry.refresh_from_db()
    assert entry.cells == {f"{row}|{column}": "Ro i hovedet"}
    assert response.status_code == 302


DANGEROUS = [
    ("<script>alert(1)</script>", "<script"),
    ('<img src=x onerror="alert(1)">', "onerror"),
    ("[klikk](javascript:alert(1))", "javascript:"),
]


@pytest.mark.parametrize(("text", "forbidden"), DANGEROUS)
def test_an_entry_renders_sanitised(
    client, learner, enrolled, first_module, prompt_id, text, forbidden
):
    saved = journal.save_entry(learner=learner, module=first_module, block_id=prompt_id, text=text)
    client.force_login(learner)
    html = client.get(reverse("learners:journal-entry", args=[saved.pk])).content.decode()
    body = html.split('<div class="prose">', 1)[1].split("</div>", 1)[0]
    assert forbidden not in body.lower()


def test_entries_are_private_another_learner_gets_404(client, entry):
    client.force_login(UserFactory())
    assert client.get(reverse("learners:journal-entry", args=[entry.pk])).status_code == 404
    assert (
        client.post(reverse("learners:journal-share", args=[entry.pk]), {"shared": "1"}).status_code
        == 404
    )


def test_a_supervisor_cannot_read_an_entry_that_is_not_shared(
    client, supervisor, supervision, entry
):
    client.force_login(supervisor)
    assert client.get(reverse("learners:journal-entry", args=[entry.pk])).status_code == 404


def test_sharing_lets_the_active_supervisor_read_and_comment(
    client, learner, supervisor, supervision, entry
):
    client.force_login(learner)
    client.post(reverse("learners:journal-share", args=[entry.pk]), {"shared": "1"})
    assert AuditEvent.objects.filter(action="journal.shared", actor=learner).exists()
    client.force_login(supervisor)
    url = reverse("learners:journal-entry", args=[entry.pk])
    assert "<strong>refleksjon</strong>" in client.get(url).content.decode()
    assert entry.prompt_title in client.get(reverse("learners:journal-shared")).content.decode()
    client.post(reverse("learners:journal-comment", args=[entry.pk]), {"text": "Godt observert."})
    client.force_login(learner)
    assert "Godt observert." in client.get(url).content.decode()
    assert "Godt observert" not in client.get(reverse("learners:journal")).content.decode()


def test_unsharing_closes_the_entry_again(client, learner, supervisor, supervision, entry):
    journal.share(entry=entry, learner=learner, shared=True)
    journal.share(entry=entry, learner=learner, shared=False)
    assert AuditEvent.objects.filter(action="journal.unshared").count() == 1
    client.force_login(supervisor)
    assert client.get(reverse("learners:journal-entry", args=[entry.pk])).status_code == 404


def test_a_supervisor_of_someone_else_gets_404_on_a_shared_entry(
    client, other_supervisor, entry, learner
):
    journal.share(entry=entry, learner=learner, shared=True)
    client.force_login(other_supervisor)
    assert client.get(reverse("learners:journal-entry", args=[entry.pk])).status_code == 404
    response = client.post(reverse("learners:journal-comment", args=[entry.pk]), {"text": "Hei"})
    assert response.status_code == 404
    assert not JournalComment.objects.exists()


def test_a_supervision_that_has_ended_gives_no_access(
    client, learner, supervisor, supervision, entry
):
    journal.share(entry=entry, learner=learner, shared=True)
    supervision.ends_on = timezone.localdate() - datetime.timedelta(days=1)
    supervision.save()
    client.force_login(supervisor)
    assert client.get(reverse("learners:journal-entry", args=[entry.pk])).status_code == 404


def test_an_empty_comment_is_refused_with_a_message(
    client, learner, supervisor, supervision, entry
):
    journal.share(entry=entry, learner=learner, shared=True)
    client.force_login(supervisor)
    response = client.post(reverse("learners:journal-comment", args=[entry.pk]), {"text": "  "})
    assert response.status_code == 422
    assert not JournalComment.objects.exists()


def test_export_as_markdown_and_pdf_holds_only_the_learners_entries(
    client, learner, entry, django_capture_on_commit_callbacks
):
    other = UserFactory()
    client.force_login(learner)
    md = client.get(reverse("learners:journal-export"), {"format": "md"})
    assert md["Content-Type"].startswith("text/markdown")
    assert "Min **refleksjon**" in md.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(reverse("learners:journal-export"), {"format": "pdf"})
    document = PreparedDocument.objects.get(owner=learner, kind="journal-pdf")
    assert started.url == reverse("document", args=[document.pk])
    pdf = client.get(reverse("document_download", args=[document.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    client.force_login(other)
    assert client.get(reverse("document_download", args=[document.pk])).status_code == 404
    assert (
        "refleksjon"
        not in client.get(reverse("learners:journal-export"), {"format": "md"}).content.decode()
    )


def test_the_pdf_renderer_fetches_nothing(db):
    with pytest.raises(ValueError):
        data_only_fetcher("file:///etc/passwd")


def test_the_journal_list_searches_and_filters_by_programme(
    client, learner, entry, django_assert_max_num_queries
):
    client.force_login(learner)
    with django_assert_max_num_queries(15):  # 14, and the count of the paginated list
        html = client.get(reverse("learners:journal"), {"q": "refleksjon"}).content.decode()
    assert entry.prompt_title in html
    assert (
        entry.prompt_title
        not in client.get(reverse("learners:journal"), {"q": "finnes-ikke"}).content.decode()
    )
    programme = entry.module.get_parent()
    assert (
        entry.prompt_title
        in client.get(reverse("learners:journal"), {"programme": programme.pk}).content.decode()
    )


def test_a_comment_is_announced_to_the_learner_and_a_reply_to_the_supervisor(
    learner, supervisor, supervision, entry, django_capture_on_commit_callbacks
):
    from django.core import mail

    from cms.notifications import Notification

    journal.share(entry=entry, learner=learner, shared=True)
    with django_capture_on_commit_callbacks(execute=True):
        journal.add_comment(entry=entry, author=supervisor, text="Godt observert.")
    [message] = mail.outbox
    assert message.to == [learner.email] and "Godt observert." in message.body
    assert reverse("learners:journal-entry", args=[entry.pk]) in message.body
    with django_capture_on_commit_callbacks(execute=True):
        journal.add_comment(entry=entry, author=learner, text="Takk!")
    assert mail.outbox[-1].to == [supervisor.email] and "Takk!" in mail.outbox[-1].body
    assert Notification.objects.filter(kind="comment_added").count() == 2


@pytest.mark.parametrize("seq", ["9" * 30, str(2**63), "-1", "1e5", "²"])
def test_an_autosave_with_a_seq_that_is_not_a_counter_changes_nothing(
    client, learner, enrolled, first_module, prompt_id, entry, seq
):
    client.force_login(learner)
    response = client.post(
        save_url(first_module, prompt_id), {"text": "Overskrevet", "seq": seq},
        headers={"HX-Request": "true"},
    )  # fmt: skip
    assert response.status_code == 422
    entry.refresh_from_db()
    assert entry.text == "Min **refleksjon**"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("[" * 30 + "x" + "](u)" * 30, "nested more than 8 levels"),
        ("> " * 40 + "deep", "nested more than 16 levels"),
        ("x" * 20_001, "at most 20,000 characters"),
    ],
)
def test_markdown_beyond_the_limits_is_refused_with_the_reason(
    client, learner, enrolled, first_module, prompt_id, entry, text, reason
):
    client.force_login(learner)
    response = client.post(
        save_url(first_module, prompt_id), {"text": text, "seq": "5"},
        headers={"HX-Request": "true"},
    )  # fmt: skip
    assert response.status_code == 422
    assert reason in response.content.decode()
    entry.refresh_from_db()
    assert entry.text == "Min **refleksjon**"


def test_a_comment_beyond_the_markdown_limits_is_refused(
    client, learner, supervisor, supervision, entry
):
    journal.share(entry=entry, learner=learner, shared=True)
    client.force_login(supervisor)
    response = client.post(
        reverse("learners:journal-comment", args=[entry.pk]), {"text": "- " * 40 + "x"}
    )
    assert response.status_code == 422
    assert "too complex to format" in response.content.decode()
    assert not JournalComment.objects.exists()
