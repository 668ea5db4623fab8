"""Language of parts (WCAG 3.1.2) on the pages that mix the interface's language with a
programme's: on an English page about a Norwegian (nb) programme, the programme's words
are marked nb wherever they are shown, and interface words inside its content are not."""

from django.urls import reverse
from django.utils import translation

from assessments.models import ExamPage
from cms.templatetags.langs import in_lang, interface_lang, lang, language_of
from courses.models import ProgrammePage
from learners.certification.results import RequirementResult
from learners.journey import journal, progress
from learners.journey.models import JournalEntry
from tests.lang_checks import assert_content_in, assert_interface_not_in


def reflect(learner, modules):
    module, block = next((m, b) for m in modules for b in m.body if b.block_type == "reflection")
    return journal.save_entry(learner=learner, module=module, block_id=block.id, text="Tekst")


def test_the_learners_dashboard_and_journal_mark_the_programmes_words(client, learner):
    # The counsellor programme has no English translation, so the dashboard shows it in
    # Norwegian (a programme translated into the reader's language is shown in it:
    # tests/learners/journey/test_translated_progress.py).
    counsellor = ProgrammePage.objects.get(content_key="rusradgiver")
    modules = list(counsellor.modules())
    assert counsellor.language == "nb"
    progress.enrol(learner=learner, programme=counsellor, actor=learner)
    entry = reflect(learner, modules)
    client.force_login(learner)
    html = client.get(reverse("learners:dashboard")).content.decode()
    content = [counsellor.title, modules[0].title, entry.prompt_title, entry.module.title]
    assert_content_in(html, content, "nb")
    assert_interface_not_in(html, ["Continue", "Recent journal entries"], "nb")
    html = client.get(reverse("learners:journal")).content.decode()
    assert_content_in(html, [entry.prompt_title, entry.module.title], "nb")
    assert_interface_not_in(html, ["shared", "Your journal"], "nb")


def test_a_module_marks_the_interfaces_words_inside_the_programmes(
    client, learner, avholdt, avholdt_modules
):
    progress.enrol(learner=learner, programme=avholdt, actor=learner)
    client.force_login(learner)
    module = next(m for m in avholdt_modules if any(b.block_type == "reflection" for b in m.body))
    html = client.get(module.url + "?continue=1").content.decode()
    assert_content_in(html, [module.title], "nb")
    interface = ["Reflection", "Save", "Module", "In this module you will", "Builds on:"]
    assert_interface_not_in(html, interface, "nb")
    with translation.override("en"):
        assert f'lang="{translation.get_language()}"' in interface_lang()
    html = client.get(avholdt.url).content.decode()
    assert_content_in(html, [avholdt.title, avholdt_modules[0].title], "nb")
    assert_interface_not_in(html, ["Estimated time", "Modules", "Language", "For"], "nb")


def test_the_cohort_report_marks_module_titles(client, lead, cohort, avholdt_modules):
    client.force_login(lead)
    html = client.get(reverse("learners:cohort-report", args=[cohort.pk])).content.decode()
    titles = [cohort.programme.title, *(module.title for module in avholdt_modules)]
    assert_content_in(html, titles, "nb")
    assert_interface_not_in(html, ["Learner", "Department", "Modules completed"], "nb")


def test_journal_entries_know_their_programmes_language(learner, avholdt, avholdt_modules):
    progress.enrol(learner=learner, programme=avholdt, actor=learner)
    entry = reflect(learner, avholdt_modules)
    annotated = JournalEntry.objects.with_language().get(pk=entry.pk)
    assert annotated.content_language == "nb"
    assert language_of(annotated) == "nb"


def test_the_checklist_marks_the_names_and_escapes_them():
    result = RequirementResult(kind="module", key="etikk", name="Etikk <i>og</i> deg", met=False)
    html = result.message_in("nb")
    assert '<span lang="nb">Etikk &lt;i&gt;og&lt;/i&gt; deg</span>' in html
    assert "<i>" not in html
    ratio = RequirementResult(kind="supervision_ratio", key="r", name="10", met=True)
    assert "lang=" not in ratio.message_in("nb")


def test_the_helpers_escape_and_say_nothing_for_an_unknown_language():
    assert lang("nb") == ' lang="nb"' and lang(None) == ""
    assert in_lang("<b>", "da") == '<span lang="da">&lt;b&gt;</span>'
    assert in_lang("Tittel", object()) == "Tittel"


def test_an_exam_page_marks_its_title_not_its_facts(client, learner, avholdt):
    exam = ExamPage.objects.live().descendant_of(avholdt).first()
    progress.enrol(learner=learner, programme=avholdt, actor=learner)
    client.force_login(learner)
    html = client.get(exam.url).content.decode()
    assert_content_in(html, [exam.title], "nb")
    assert_interface_not_in(html, ["Pass mark", "Time limit", "Attempts allowed", "Exam"], "nb")
