"""Exam pages and bank questions from exam files, and back; and the assessments app's
content handler, registered with ``courses.content.handlers`` in
``AssessmentsConfig.ready()``."""

import uuid
from decimal import Decimal
from pathlib import Path

from wagtail.models import Page

from courses.content.format import ContentError, ProgrammeSource
from courses.content.format.structure import same_structure
from courses.content.handlers import LoadReport
from courses.models import ModulePage, ProgrammePage
from courses.translation import canonical, locale_for, mark_synced

from ..models import (
    ExamPage,
    ExamPoolQuestion,
    ExamQuestion,
    ExamRandomRule,
    Question,
    QuestionTranslation,
)
from .files import (
    CHOICE_ID_NAMESPACE,
    ExamSource,
    exam_filename,
    read_exam,
    read_exams,
    render_exam,
)


def question_data(question: Question, language: str | None = None) -> dict:
    """A question as its exam file has it; in ``language``, its translation's wording."""
    worded = question.snapshot(language) if language else None
    data = {
        "key": question.content_key,
        "type": question.kind,
        "points": question.points,
        "tags": sorted(tag.name for tag in question.tags.all()),
        "text": (worded or {}).get("text", question.text).strip(),
        "explanation": (worded or {}).get("explanation", question.explanation).strip(),
    }
    if question.kind in Question.CHOICE_KINDS:
        choices = worded["choices"] if worded else question.choice_list()
        data["choices"] = [{"text": c["text"], "correct": c["correct"]} for c in choices]
    if question.kind == Question.Kind.MULTIPLE:
        data["scoring"] = question.scoring
    if question.kind == Question.Kind.TRUE_FALSE:
        data["answer"] = question.true_false_answer
    if question.kind == Question.Kind.SHORT_ANSWER:
        data["accepted"] = worded["accepted"] if worded else question.accepted_answer_list
    if question.kind == Question.Kind.ESSAY:
        data["rubric"] = (worded or {}).get("rubric", question.rubric).strip()
    return data


def exam_source_from_page(page: ExamPage) -> ExamSource:
    """An exam file from its page; a translation takes the keys from its source and the
    questions' wording from their translations into its language."""
    source = page if page.content_key else canonical(page)
    language = None if source is page else page.locale.language_code
    parent = source.get_parent().specific
    data = {
        "key": source.content_key,
        "title": page.title,
        "module": parent.content_key if parent.__class__.__name__ == "ModulePage" else None,
        "covers": sorted(
            module.content_key for module in source.covers.all() if module.content_key
        ),
        "intro": page.intro.strip(),
        "pass_mark": page.pass_mark,
        "time_limit_minutes": page.time_limit_minutes,
        "attempts_allowed": page.attempts_allowed,
        "cooldown_minutes": page.cooldown_minutes,
        "opens_at": page.opens_at,
        "closes_at": page.closes_at,
        "shuffle_questions": page.shuffle_questions,
        "shuffle_choices": page.shuffle_choices,
        "feedback": page.feedback_policy,
        "layout": page.layout,
        "random": [
            {"tag": r.tag, "count": r.count} for r in page.random_rules.order_by("sort_order", "pk")
        ],
        "questions": [
            question_data(link.question, language)
            for link in page.exam_questions.order_by("sort_order", "pk")
            .select_related("question")
            .prefetch_related("question__tags")
        ],
        "pool": [
            question_data(link.question, language)
            for link in page.pool_questions.order_by("sort_order", "pk")
            .select_related("question")
            .prefetch_related("question__tags")
        ],
    }
    return ExamSource(path=Path(exam_filename(page.slug)), data=data)


def _sort_tags(data: dict) -> dict:
    return {
        **data,
        **{
            name: [{**q, "tags": sorted(q["tags"])} for q in data.get(name) or []]
            for name in ("questions", "pool")
        },
    }


def apply_exams(exams: list[ExamSource], programme: Page, slug: str) -> dict[str, list[str]]:
    """Create or update each exam page and its questions; leave unchanged ones alone."""
    report: dict[str, list[str]] = {"created": [], "updated": [], "unchanged": []}
    for source in exams:
        label = f"{slug}/{source.path.name}"
        module_key = source.data.get("module")
        parent = ModulePage.objects.get(content_key=module_key) if module_key else programme
        page = ExamPage.objects.filter(content_key=source.key).first()
        if page is not None and not page.is_descendant_of(programme):
            raise ContentError(source.path, 1, f"key '{source.key}' belongs to another programme")
        wanted = render_exam(_sort_tags(source.data))
        if page is not None and render_exam(exam_source_from_page(page).data) == wanted:
            report["unchanged"].append(label)
            continue
        questions = [_save_question(data, programme) for data in source.data["questions"]]
        pool = [_save_question(data, programme) for data in source.data["pool"]]
        if page is None:
            page = ExamPage(content_key=source.key)
            _fill_exam(page, source, questions, pool)
            parent.add_child(instance=page)
            report["created"].append(label)
        else:
            if page.get_parent().pk != parent.pk:
                page.move(parent, pos="last-child")
                page = ExamPage.objects.get(pk=page.pk)
            _fill_exam(page, source, questions, pool)
            report["updated"].append(label)
        page.save_revision(log_action=True).publish()
    return report


def _fill_exam(
    page: ExamPage, source: ExamSource, questions: list[Question], pool: list[Question]
) -> None:
    data = source.data
    page.title = page.draft_title = data["title"]
    page.slug = source.slug
    page.intro = data["intro"]
    page.pass_mark = data["pass_mark"]
    page.time_limit_minutes = data["time_limit_minutes"]
    page.attempts_allowed = data["attempts_allowed"]
    page.cooldown_minutes = data["cooldown_minutes"]
    page.opens_at = data.get("opens_at")
    page.closes_at = data.get("closes_at")
    page.shuffle_questions = data["shuffle_questions"]
    page.shuffle_choices = data["shuffle_choices"]
    page.feedback_policy = data["feedback"]
    page.layout = data["layout"]
    page.covers = list(ModulePage.objects.filter(content_key__in=data["covers"]))
    page.exam_questions = [
        ExamQuestion(question=question, sort_order=order)
        for order, question in enumerate(questions)
    ]
    page.random_rules = [
        ExamRandomRule(tag=rule["tag"], count=rule["count"], sort_order=order)
        for order, rule in enumerate(data.get("random") or [])
    ]
    page.pool_questions = [
        ExamPoolQuestion(question=question, sort_order=order) for order, question in enumerate(pool)
    ]


def _save_question(data: dict, programme) -> Question:
    """Create or update the bank question with this key in ``programme``'s bank; a change
    makes a new revision."""
    question = Question.objects.filter(content_key=data["key"]).first()
    if question is not None and question.programme_id is None:
        question.programme = programme
        question.save(update_fields=["programme"])
    if question is not None and render_exam(
        {"questions": [question_data(question)]}
    ) == render_exam({"questions": [{**data, "tags": sorted(data["tags"])}]}):
        return question
    question = question or Question(content_key=data["key"], programme=programme)
    question.kind = data["type"]
    question.points = Decimal(str(data["points"]))
    question.text = data["text"]
    question.explanation = data["explanation"]
    question.choices = [
        {
            "type": "choice",
            "value": {"text": choice["text"], "correct": choice["correct"]},
            "id": str(uuid.uuid5(CHOICE_ID_NAMESPACE, f"{data['key']}/{index}")),
        }
        for index, choice in enumerate(data.get("choices", []), start=1)
    ]
    question.scoring = data.get("scoring", Question.Scoring.ALL_OR_NOTHING)
    question.true_false_answer = data.get("answer")
    question.accepted_answers = "\n".join(data.get("accepted", []))
    question.rubric = data.get("rubric", "")
    question.save()
    question.tags.set(data["tags"])
    question.save()
    question.save_revision(log_action=True)
    return question


def export_exams(programme: Page, folder: Path) -> list[Path]:
    written = []
    pages = ExamPage.objects.descendant_of(programme).live()
    if programme.content_key:
        pages = pages.exclude(content_key=None)
    for page in pages.order_by("path"):
        source = exam_source_from_page(page)
        path = folder / source.path.name
        path.write_text(render_exam(source.data), encoding="utf-8")
        written.append(path)
    return written


# --- translations (<slug>/<ll>/exam-*.yaml) ---------------------------------------------
# The exam page's translation in Locale ``ll`` and each bank question's wording in ``ll``
# (``QuestionTranslation``). The answer key, points, tags and the exam's rules stay the
# source's, so an attempt at the translation counts against the source exam
# (``assessments.routes.serve_exam``).
def read_translated_exams(folder: Path, exams: list[ExamSource]) -> list[tuple]:
    """Each source exam with its translation in ``folder``, checked to have the source's
    structure (only text translated)."""
    pairs = []
    for source in exams:
        path = folder / source.path.name
        if not path.is_file():
            raise ContentError(path, 1, f"the translation lacks {source.path.name}")
        translated = read_exam(path)
        same_structure(
            source.data, translated.data, path=path, text=path.read_text(encoding="utf-8")
        )
        pairs.append((source, translated))
    return pairs


def apply_translated_exams(pairs: list[tuple], language: str, slug: str) -> LoadReport:
    """Create or update each exam's translation and its questions' wording in
    ``language``; an unchanged file is left alone."""
    report = LoadReport()
    locale = locale_for(language)
    for source, translated in pairs:
        label = f"{slug}/{language}/{source.path.name}"
        original = ExamPage.objects.get(content_key=source.key)
        page = original.get_translation_or_none(locale)
        page = page.specific if page else None
        wanted = render_exam(_sort_tags(translated.data))
        if page is not None and render_exam(exam_source_from_page(page).data) == wanted:
            report.unchanged.append(label)
            continue
        for data in translated.data["questions"] + translated.data["pool"]:
            _save_wording(Question.objects.get(content_key=data["key"]), language, data)
        created = page is None
        page = page or ExamPage(translation_key=original.translation_key, locale=locale)
        _fill_translation(page, original, translated, locale)
        if created:
            original.get_parent().get_translation(locale).add_child(instance=page)
        page.save_revision(log_action=True).publish()
        mark_synced(page, original)
        (report.created if created else report.updated).append(label)
    return report


def _fill_translation(page: ExamPage, original: ExamPage, translated: ExamSource, locale) -> None:
    """The translation's text from its file; its rules, questions and settings from the
    source page (the structure check made them equal)."""
    page.title = page.draft_title = translated.data["title"]
    page.slug = original.slug
    page.intro = translated.data.get("intro", "")
    for name in (
        "pass_mark", "time_limit_minutes", "attempts_allowed", "cooldown_minutes", "opens_at",
        "closes_at", "shuffle_questions", "shuffle_choices", "feedback_policy", "layout",
    ):  # fmt: skip
        setattr(page, name, getattr(original, name))
    page.covers = list(
        ModulePage.objects.filter(
            translation_key__in=[m.translation_key for m in original.covers.all()], locale=locale
        )
    )
    page.exam_questions = [
        ExamQuestion(question_id=link.question_id, sort_order=link.sort_order)
        for link in original.exam_questions.order_by("sort_order", "pk")
    ]
    page.pool_questions = [
        ExamPoolQuestion(question_id=link.question_id, sort_order=link.sort_order)
        for link in original.pool_questions.order_by("sort_order", "pk")
    ]
    page.random_rules = [
        ExamRandomRule(tag=rule.tag, count=rule.count, sort_order=rule.sort_order)
        for rule in original.random_rules.order_by("sort_order", "pk")
    ]


def _save_wording(question: Question, language: str, data: dict) -> None:
    QuestionTranslation.objects.update_or_create(
        question=question,
        language=language,
        defaults={
            "text": data["text"],
            "choice_texts": [choice["text"] for choice in data.get("choices", [])],
            "accepted_answers": "\n".join(data.get("accepted", [])),
            "rubric": data.get("rubric", ""),
            "explanation": data["explanation"],
        },
    )


class ExamHandler:
    """The assessments app's content handler (``exam-*.yaml``), registered with
    ``courses.content.handlers`` in ``AssessmentsConfig.ready()``."""

    def read(self, folder: Path, source: ProgrammeSource) -> list[ExamSource]:
        return read_exams(folder, source)

    def apply(self, exams: list[ExamSource], source: ProgrammeSource) -> LoadReport:
        """Exams go in after the modules they may sit under."""
        programme = ProgrammePage.objects.get(content_key=source.key)
        return LoadReport(**apply_exams(exams, programme, source.slug))

    def export(self, programme: Page, folder: Path) -> list[Path]:
        return export_exams(programme, folder)

    def defines(self, kind: str, key: str) -> bool:
        return kind == "exam" and ExamPage.objects.filter(content_key=key).exists()

    def read_translation(self, folder: Path, translation, exams: list[ExamSource]) -> list:
        return read_translated_exams(folder, exams)

    def apply_translation(self, pairs: list, translation) -> LoadReport:
        return apply_translated_exams(pairs, translation.language, translation.slug)
