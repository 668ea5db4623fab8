"""The certificate's language: the programme's, or the holder's own where the programme
has a published translation in it (``certificate_language``, the one rule)."""

from wagtail.models import Locale

from cms.languages import set_person_language
from learners.certification.languages import certificate_language
from learners.certification.models import Certificate


def test_the_programme_s_language_until_a_translation_exists_in_the_holder_s(avholdt, learner):
    certificate = Certificate(programme=avholdt, language=avholdt.language)
    set_person_language(learner, "de")
    assert certificate_language(certificate, learner) == avholdt.language
    assert certificate_language(certificate) == avholdt.language

    german = avholdt.copy_for_translation(
        Locale.objects.get(language_code="de"),  # created by a migration
        copy_parents=True,
        exclude_fields=["content_key"],  # the content/ folder's key stays the source's
    )
    german.unpublish()
    assert certificate_language(certificate, learner) == avholdt.language  # not published
    german.save_revision().publish()
    assert certificate_language(certificate, learner) == "de"
    set_person_language(learner, avholdt.language)
    assert certificate_language(certificate, learner) == avholdt.language
