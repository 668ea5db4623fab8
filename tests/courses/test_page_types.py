"""Page type rules: a module lives only under a programme, a programme only in the catalogue."""

import re

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, streamfield

from assessments.models import ExamPage
from cms.models import ContentPage, HomePage
from courses.blocks import ModuleBodyBlock
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

    def test_the_editor_offers_only_earlier_modules_as_a_named_group(self):
        module = ModulePage.objects.get(content_key="rusradgiver-03")
        siblings = ModulePage.objects.child_of(self.programme)
        response = self.client.get(f"/admin/pages/{module.pk}/edit/")
        html = response.content.decode()
        group = re.search(r'<div id="id_prerequisites"([^>]*)>(.*?)</div>\s*</div>', html, re.S)
        assert group, "the prerequisites field is missing from the editor"
        assert 'role="group"' in group.group(1) and 'aria-label="Prerequisites"' in group.group(1)
        offered = set(map(int, re.findall(r'name="prerequisites" value="(\d+)"', html)))
        assert offered == set(siblings.filter(order__lt=module.order).values_list("pk", flat=True))
        assert offered


def test_every_markdown_textarea_in_the_editor_has_a_label():
    """A Markdown block straight in a stream shows its label only as the block's heading;
    its textarea is named by it (axe: label, critical). In a struct block the textarea's
    accessible name stays its visible label."""
    stream = ModuleBodyBlock()
    top_level = stream.child_blocks["markdown"].field.widget.render("body-0-value", "")
    assert 'aria-label="Markdown"' in top_level
    in_struct = stream.child_blocks["callout"].child_blocks["body"]
    assert f'aria-label="{in_struct.label}"' in in_struct.field.widget.render("x", "")


def test_a_callout_without_a_title_is_named_by_its_kind_in_words():
    """Its landmark name was the raw key ("content_note")."""
    callout = ModuleBodyBlock().child_blocks["callout"]
    value = callout.to_python({"kind": "content_note", "title": "", "body": "Om vold."})
    html = callout.render(value)
    assert 'aria-label="Content note"' in html
    assert 'aria-label="content_note"' not in html
