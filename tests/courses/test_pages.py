"""What people see: catalogue and programme pages are public, modules need a login."""

import pytest
from django.urls import reverse


def test_the_home_page_lists_the_programmes(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "AvHoldt" in html and "SMART Recovery" in html


def test_the_catalogue_is_public_and_lists_all_five(client, db, django_assert_max_num_queries):
    # +3: Wagtail's localisation finds the active language's page tree (locale, its home,
    # the site's root paths per locale), and the catalogue reads every locale's programmes.
    with django_assert_max_num_queries(17):
        response = client.get("/programmer/")
    assert response.status_code == 200
    assert response.content.decode().count('class="ds-card"') == 5


def test_a_programme_page_is_public_and_lists_its_modules_in_order(
    client, avholdt, avholdt_modules, django_assert_max_num_queries
):
    # +5: the active language's page tree (as above) and the programme's other languages.
    with django_assert_max_num_queries(21):
        response = client.get(avholdt.url)
    html = response.content.decode()
    assert response.status_code == 200
    positions = [html.index(module.title) for module in avholdt_modules]
    assert positions == sorted(positions)
    assert 'lang="nb"' in html
    assert "Log in to read the modules." in html


def test_an_anonymous_visitor_is_sent_to_log_in_before_reading_a_module(client, avholdt_modules):
    module = avholdt_modules[0]
    response = client.get(module.url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert response["Location"].endswith("next=" + module.url)


def enrol_through(learner, module):
    """Enrol ``learner`` in the module's programme and complete the modules before it."""
    from learners.journey import progress

    programme = module.get_parent().specific
    progress.enrol(learner=learner, programme=programme, actor=learner)
    for earlier in programme.modules().filter(order__lt=module.order):
        progress.mark_done(learner=learner, module=earlier)


def test_a_logged_in_learner_reads_a_module(
    client, learner, avholdt_modules, django_assert_max_num_queries
):
    client.force_login(learner)
    module = avholdt_modules[1]
    enrol_through(learner, module)
    # A first visit records progress too; nothing here grows with the module's blocks.
    # +1: header notification badge; +2: the active language's page tree.
    with django_assert_max_num_queries(43):
        response = client.get(module.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert module.title in html
    assert 'class="reflection"' in html and 'class="task"' in html
    assert avholdt_modules[0].title in html  # previous-module link


def test_a_content_note_is_shown_before_the_material(client, learner, avholdt_modules):
    client.force_login(learner)
    enrol_through(learner, avholdt_modules[2])
    html = client.get(avholdt_modules[2].url + "?continue=1").content.decode()
    assert html.index("callout--content_note") < html.index('class="prose"')


def test_the_cost_benefit_worksheet_renders_as_a_grid(client, learner):
    from courses.models import ModulePage

    client.force_login(learner)
    module = ModulePage.objects.get(content_key="smart-facilitator-05")
    enrol_through(learner, module)
    html = client.get(module.url).content.decode()
    grid = next(block for block in module.body if block.block_type == "worksheet")
    section = html.split(f'id="entry-{grid.id}"', 1)[1].split("</section>", 1)[0]
    assert section.count('<textarea name="cell:') == 4
    assert 'scope="col"' in section and 'scope="row"' in section


@pytest.mark.parametrize("name", ["login", "password_reset"])
def test_account_pages_render_with_labelled_fields(client, db, name):
    html = client.get(reverse(name)).content.decode()
    assert '<label for="id_' in html


def test_a_wrong_password_gives_a_clear_error_and_no_session(client, learner):
    response = client.post(reverse("login"), {"username": "lene", "password": "wrong"})
    assert response.status_code == 200
    assert "did not match" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logging_in_and_out(client, learner):
    response = client.post(
        reverse("login"), {"username": "lene", "password": "correct horse battery staple"}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(learner.pk)
    client.post(reverse("logout"))
    assert "_auth_user_id" not in client.session


def test_search_finds_a_module_by_its_words(client, db, django_assert_max_num_queries):
    with django_assert_max_num_queries(15):
        response = client.get(reverse("search"), {"q": "NMT"})
    assert response.status_code == 200
    assert "Konsultasjoner og NMT" in response.content.decode()


def test_an_unknown_address_is_a_plain_404(client, db):
    response = client.get("/programmer/finnes-ikke/")
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("language", "words"),
    [("nb", "Logg inn"), ("da", "Log ind"), ("de", "Anmelden"), ("en", "Log in")],
)
def test_the_interface_speaks_the_browsers_language(client, db, language, words):
    # The front page sends a first visit to its language's front page (/da/, …).
    response = client.get(reverse("home"), headers={"accept-language": language}, follow=True)
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert words in html
