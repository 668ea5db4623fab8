"""Page type rules: a module lives only under a programme, a programme only in the catalogue."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, streamfield

from assessments.models import ExamPage
from cms.models import ContentPage, HomePage
from courses.models import ModulePage, ProgrammeIndexPage, ProgrammePage


class PageTypeRulesTests(WagtailPageTestCase):
    def test_a_module_can_only_be_created_under_a_programme(self):
        self.assertAllowedParentPageTypes(ModulePage, {ProgrammePage})
        self.assertCanNotCreateAt(HomePage, ModulePage)
        self.assertCanNotCreateAt(ProgrammeIndexPage, ModulePage)
        self.assertCanNotCreateAt(ContentPage, ModulePage)

    def test_a_programme_lives_in_the_catalogue(self):
        self.assertAllowedParentPageTypes(ProgrammePage, {ProgrammeIndexPage})
        self.assertAllowedSubpageTypes(ProgrammePage, {ModulePage, ExamPage})

    def test_a_module_has_only_exams_as_children(self):
        self.assertAllowedSubpageTypes(ModulePage, {ExamPage})


class ModuleAuthoringTests(WagtailPageTestCase):
    def setUp(self):
        self.user = self.login()
        self.programme = ProgrammePage.objects.get(content_key="rusradgiver")

    def module_form(self, prerequisites=(), **overrides):
        data = {
            "title": "Motiverende samtaler",
            "slug": "motiverende-samtaler",
            "order": 7,
            "estimated_minutes": 45,
            "outcomes": "Bruke åpne spørsmål",
            "body": streamfield(
                [("markdown", "## Åpne spørsmål\n\nEt åpent spørsmål inviterer til å fortelle.")]
            ),
            "content_key": "",
            "completion_rule": "marked_done",
        }
        data.update(overrides)
        form_data = nested_form_data(data)
        form_data["prerequisites"] = [str(pk) for pk in prerequisites]
        return form_data

    def test_an_editor_can_create_a_module_under_a_programme(self):
        self.assertCanCreate(self.programme, ModulePage, self.module_form())
        created = ModulePage.objects.get(slug="motiverende-samtaler")
        assert created.get_parent().pk == self.programme.pk

    def test_a_prerequisite_from_another_programme_is_refused(self):
        foreign = ModulePage.objects.get(content_key="avholdt-01")
        before = Page.objects.count()
        response = self.client.post(
            f"/admin/pages/add/courses/modulepage/{self.programme.pk}/",
            self.module_form(prerequisites=[foreign.pk]),
        )
        assert response.status_code == 200
        assert Page.objects.count() == before

    def test_a_prerequisite_that_comes_later_is_refused(self):
        later = ModulePage.objects.get(content_key="rusradgiver-06")
        before = Page.objects.count()
        response = self.client.post(
            f"/admin/pages/add/courses/modulepage/{self.programme.pk}/",
            self.module_form(prerequisites=[later.pk], order=2, slug="tidlig"),
        )
        assert response.status_code == 200
        assert "does not come before" in response.content.decode()
        assert Page.objects.count() == before

    def test_an_earlier_prerequisite_is_accepted(self):
        earlier = ModulePage.objects.get(content_key="rusradgiver-02")
        self.assertCanCreate(
            self.programme, ModulePage, self.module_form(prerequisites=[earlier.pk])
        )
        created = ModulePage.objects.get(slug="motiverende-samtaler")
        assert list(created.prerequisites.all()) == [earlier]
