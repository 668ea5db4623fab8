"""Sessions on the dashboard and as iCalendar (RFC 5545)."""

from django.urls import reverse

from learners.cohorts.sessions import _fold, to_ics


def test_sessions_appear_on_the_learners_dashboard(client, learner, session):
    client.force_login(learner)
    html = client.get(reverse("learners:dashboard")).content.decode()
    assert session.title in html
    assert reverse("learners:session-ics", args=[session.pk]) in html


def test_the_ics_file_is_rfc_5545(client, learner, session):
    session.title = "Teori; del 1, med\nspørsmål\\svar"
    session.save(update_fields=["title"])
    client.force_login(learner)
    response = client.get(reverse("learners:session-ics", args=[session.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert "\n" not in body.replace("\r\n", "")
    assert "SUMMARY:Teori\\; del 1\\, med\\nspørsmål\\\\svar\r\n" in body
    assert f"UID:session-{session.pk}@testserver\r\n" in body
    again = client.get(reverse("learners:sessions-ics")).content.decode()
    assert f"UID:session-{session.pk}@testserver\r\n" in again
    assert "DTSTART:" in body and body.count("BEGIN:VEVENT") == 1


def test_long_lines_are_folded_at_75_octets_without_splitting_characters():
    line = "DESCRIPTION:" + "æøå" * 60
    folded = _fold(line)
    parts = folded.split("\r\n ")
    assert all(len(part.encode()) <= 75 for part in parts)
    assert "".join(parts) == line


def test_someone_outside_the_cohort_cannot_download_a_session(client, other_supervisor, session):
    client.force_login(other_supervisor)
    assert client.get(reverse("learners:session-ics", args=[session.pk])).status_code == 404


def test_an_empty_calendar_is_valid():
    body = to_ics([], domain="example.org")
    assert body == (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Praksis//Sessions//EN\r\n"
        "CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nEND:VCALENDAR\r\n"
    )


def test_members_hear_when_a_session_moves_once_per_change(
    learner, session, django_capture_on_commit_callbacks
):
    import datetime

    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        session.description = "Ta med notatbok."
        session.save()  # nothing a member plans by changed
    assert not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        session.starts_at += datetime.timedelta(hours=2)
        session.save()
        session.save()  # saved again unchanged: no second message
    assert len(mail.outbox) == session.cohort.members.count() == 5
    message = next(m for m in mail.outbox if m.to == [learner.email])
    assert "Møterom 2" in message.body and session.title in message.subject
