"""Team documents in the personal download and in erasure: a person's own revisions are
exported; erasure keeps the revisions and the history then names the anonymised account."""

from django.urls import reverse

from cms.privacy import erase_person, export_contents
from learners.teamwork import rules
from learners.teamwork.models import DocumentRevision

PROTOCOL = "workplace-protocol"


def test_the_download_holds_the_persons_own_revisions(cohort, learner, colleagues, lead):
    rules.save_revision(cohort=cohort, kind=PROTOCOL, text="Lenes tekst", base=0, author=learner)
    rules.save_revision(
        cohort=cohort, kind=PROTOCOL, text="Kollegaens tekst", base=1, author=colleagues[1]
    )
    files = dict(export_contents(learner))
    data = files["data/learners.DocumentRevision.json"].decode()
    assert "Lenes tekst" in data and "Kollegaens tekst" not in data


def test_erasure_replaces_the_authors_name_and_keeps_the_document(
    client, cohort, learner, lead, administrator
):
    rules.save_revision(cohort=cohort, kind=PROTOCOL, text="Felles tekst", base=0, author=learner)
    name = learner.get_full_name()
    erase_person(learner, actor=administrator, confirmation=learner.get_username())
    assert DocumentRevision.objects.get().text == "Felles tekst"
    client.force_login(lead)
    history = client.get(reverse("learners:team-document-history", args=[cohort.pk, PROTOCOL]))
    page = history.content.decode()
    assert name not in page and "Erased person" in page
