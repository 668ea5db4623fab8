"""The admin's exam form keeps the same coverage rule as the loader."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from assessments.models import ExamPage
from courses.models import ModulePage, ProgrammePage


class ExamCoverageFormTests(WagtailPageTestCase):
    def setUp(self):
        self.login()
        self.programme = ProgrammePage.objects.get(content_key="rusradgiver")
        self.module = ModulePage.objects.get(content_key="rusradgiver-03")

    def exam_form(self, rules):
        data = nested_form_data(
            {
                "title": "Gruppequiz",
                "slug": "gruppequiz",
                "intro": "",
                "pass_mark": 60,
                "time_limit_minutes": "",
                "attempts_allowed": 1,
                "cooldown_minutes": 0,
                "feedback_policy": "never",
                "layout": "all_on_one_page",
                "content_key": "",
                "exam_questions": inline_formset([]),
                "random_rules": inline_formset(rules),
                "pool_questions": inline_formset([]),
            }
        )
        data["covers"] = [str(self.module.pk)]
        return data

    def test_a_claim_without_a_rule_for_the_module_is_refused(self):
        before = Page.objects.count()
        response = self.client.post(
            f"/admin/pages/add/assessments/exampage/{self.programme.pk}/",
            self.exam_form([{"tag": "rusradgiver-02", "count": 2}]),
        )
        assert response.status_code == 200
        assert "no fixed question carries it" in response.content.decode()
        assert Page.objects.count() == before

    def test_a_claim_a_rule_keeps_is_saved(self):
        self.assertCanCreate(
            self.programme, ExamPage, self.exam_form([{"tag": "rusradgiver-03", "count": 1}])
        )
        exam = ExamPage.objects.get(slug="gruppequiz")
        assert list(exam.covers.all()) == [self.module]

    def test_only_the_programmes_own_modules_are_offered(self):
        response = self.client.get(f"/admin/pages/add/assessments/exampage/{self.programme.pk}/")
        offered = response.context["form"].fields["covers"].queryset
        assert {m.content_key for m in offered} == {f"rusradgiver-0{n}" for n in range(1, 7)}
