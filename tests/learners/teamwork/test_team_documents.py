"""A cohort's shared team documents: members write, a cohort leader approves, every save
is a revision, concurrent saves do not overwrite, and nobody outside sees them."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from cms.models import AuditEvent
from learners.teamwork import rules
from learners.teamwork.models import DocumentRevision, TeamDocument

PROTOCOL = TeamDocument.Kind.WORKPLACE_PROTOCOL.value


def url(name, cohort, *args):
    return reverse(f"learners:{name}", args=[cohort.pk, *args])


def save(client, cohort, text, base):
    return client.post(url("team-document-edit", cohort, PROTOCOL), {"text": text, "base": base})


def test_a_cohort_edits_and_a_leader_approves_the_workplace_protocol(
    client, cohort, learner, colleagues, ward_leader
):
    client.force_login(learner)
    response = save(client, cohort, "# Arbeidsplassprotokoll\n\nVi møter alle med ro.", 0)
    assert response.status_code == 302
    client.force_login(colleagues[1])
    assert (
        save(
            client, cohort, "# Arbeidsplassprotokoll\n\nVi møter alle med ro og respekt.", 1
        ).status_code
        == 302
    )

    # A member without the leader role cannot approve.
    client.force_login(learner)
    assert (
        client.post(url("team-document-approve", cohort, PROTOCOL), {"number": 2}).status_code
        == 404
    )

    client.force_login(ward_leader)
    response = client.post(url("team-document-approve", cohort, PROTOCOL), {"number": 2})
    assert response.status_code == 302
    document = TeamDocument.objects.get(cohort=cohort, kind=PROTOCOL)
    approved = document.approved
    assert (approved.number, approved.version, approved.approved_by) == (2, 1, ward_leader)

    page = client.get(url("team-document", cohort, PROTOCOL)).content.decode()
    day = date_format(timezone.localtime(approved.approved_at), "SHORT_DATE_FORMAT")
    assert f"Version 1, approved {day} by {ward_leader.get_full_name()}" in page
    assert "og respekt" in page

    # Editing after approval starts a new draft; the approved version stays shown.
    client.force_login(learner)
    assert save(client, cohort, "# Arbeidsplassprotokoll\n\nNy tekst.", 2).status_code == 302
    document.refresh_from_db()
    assert document.is_draft and document.approved.number == 2 and document.latest.number == 3
    page = client.get(url("team-document", cohort, PROTOCOL)).content.decode()
    assert f"Version 1, approved {day}" in page and "Draft: revision 3" in page

    client.force_login(ward_leader)
    client.post(url("team-document-approve", cohort, PROTOCOL), {"number": 3})
    document.refresh_from_db()
    assert document.approved.version == 2 and not document.is_draft
    actions = list(
        AuditEvent.objects.filter(action__startswith="team_document.").values_list(
            "action", flat=True
        )
    )
    assert actions.count("team_document.created") == 1
    assert actions.count("team_document.saved") == 3
    assert actions.count("team_document.approved") == 2


def test_the_programme_lead_approves_too_and_the_team_page_shows_the_version(
    client, cohort, learner, lead
):
    revision = rules.save_revision(
        cohort=cohort, kind=PROTOCOL, text="Tekst", base=0, author=learner
    )
    client.force_login(lead)
    client.post(url("team-document-approve", cohort, PROTOCOL), {"number": 1})
    revision.refresh_from_db()
    assert revision.version == 1 and revision.approved_by == lead
    page = client.get(url("team", cohort)).content.decode()
    assert "Version 1, approved" in page
    # Every kind is listed, translatable labels included.
    for kind in TeamDocument.Kind:
        assert str(kind.label) in page


def test_a_second_save_from_an_old_revision_is_refused_and_the_text_kept(
    client, cohort, learner, colleagues
):
    rules.save_revision(cohort=cohort, kind=PROTOCOL, text="Første utkast", base=0, author=learner)
    client.force_login(colleagues[1])
    assert save(client, cohort, "Kollegaens tekst", 1).status_code == 302
    client.force_login(learner)
    response = save(client, cohort, "Min tekst, skrevet samtidig", 1)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Someone else saved revision 2 while you were editing" in page
    assert "Min tekst, skrevet samtidig</textarea>" in page
    assert 'name="base" value="2"' in page
    assert list(DocumentRevision.objects.values_list("text", flat=True)) == [
        "Kollegaens tekst",
        "Første utkast",
    ]
    # Saving again from the revision they have now seen goes through.
    assert save(client, cohort, "Min tekst, skrevet samtidig", 2).status_code == 302
    assert DocumentRevision.objects.count() == 3


def test_approving_a_revision_that_is_no_longer_the_latest_is_refused(cohort, learner, lead):
    rules.save_revision(cohort=cohort, kind=PROTOCOL, text="En", base=0, author=learner)
    rules.save_revision(cohort=cohort, kind=PROTOCOL, text="To", base=1, author=learner)
    document = TeamDocument.objects.get()
    with pytest.raises(rules.StaleRevision):
        rules.approve(document=document, number=1, actor=lead)
    rules.approve(document=document, number=2, actor=lead)
    with pytest.raises(rules.NothingToApprove):
        rules.approve(document=document, number=2, actor=lead)


def test_text_beyond_the_markdown_limits_is_refused(client, cohort, learner):
    client.force_login(learner)
    response = save(client, cohort, "> " * 40 + "dypt", 0)
    assert response.status_code == 200
    assert "too complex to format" in response.content.decode()
    assert not DocumentRevision.objects.exists()


def test_history_lists_every_revision_and_an_older_one_shows_with_its_changes(
    client, cohort, learner
):
    rules.save_revision(
        cohort=cohort, kind=PROTOCOL, text="linje en\nlinje to", base=0, author=learner
    )
    rules.save_revision(
        cohort=cohort, kind=PROTOCOL, text="linje en\nlinje tre", base=1, author=learner
    )
    client.force_login(learner)
    history = client.get(url("team-document-history", cohort, PROTOCOL)).content.decode()
    assert "Revision 1" in history and "Revision 2" in history
    older = client.get(url("team-document-revision", cohort, PROTOCOL, 2)).content.decode()
    assert "- linje to</del>" in older and "+ linje tre</ins>" in older
    assert client.get(url("team-document-revision", cohort, PROTOCOL, 3)).status_code == 404


@pytest.mark.parametrize(
    "name, args",
    [
        ("team", ()),
        ("team-roles", ()),
        ("team-document", (PROTOCOL,)),
        ("team-document-edit", (PROTOCOL,)),
        ("team-document-history", (PROTOCOL,)),
        ("team-document-revision", (PROTOCOL, 1)),
    ],
)
def test_another_cohorts_member_and_another_programmes_lead_get_404(
    client, cohort, learner, outsider, other_lead, name, args
):
    rules.save_revision(cohort=cohort, kind=PROTOCOL, text="Intern", base=0, author=learner)
    for person in (outsider, other_lead):
        client.force_login(person)
        assert client.get(url(name, cohort, *args)).status_code == 404
        assert client.post(url(name, cohort, *args), {"text": "x", "base": 1}).status_code in (
            404,
            405,
        )
    assert (
        client.post(url("team-document-approve", cohort, PROTOCOL), {"number": 1}).status_code
        == 404
    )
    assert DocumentRevision.objects.count() == 1


def test_an_unknown_kind_is_a_404(client, cohort, learner):
    client.force_login(learner)
    assert client.get(url("team-document", cohort, "shopping-list")).status_code == 404


def test_members_find_their_team_on_the_dashboard(client, cohort, learner, outsider):
    client.force_login(learner)
    page = client.get(reverse("learners:dashboard")).content.decode()
    assert url("team", cohort) in page
    client.force_login(outsider)
    assert url("team", cohort) not in client.get(reverse("learners:dashboard")).content.decode()


def test_saving_the_same_text_again_makes_no_revision(client, cohort, learner):
    client.force_login(learner)
    save(client, cohort, "Samme tekst", 0)
    response = save(client, cohort, "Samme tekst", 1)
    assert response.status_code == 302
    assert DocumentRevision.objects.count() == 1
    assert AuditEvent.objects.filter(action="team_document.saved").count() == 1
