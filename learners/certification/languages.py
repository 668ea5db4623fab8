"""The one rule for the language a certificate is written in."""

from cms.languages import stored_language

from .models import Certificate


def certificate_language(certificate: Certificate, person=None) -> str:
    """The language ``certificate`` is written in for ``person``: the programme's own
    language (copied onto the certificate when it was issued), unless ``person`` has
    chosen another language and the programme has a published translation in it — then
    theirs, since it is the same programme in words they read. Without a person (a
    verifier, an export) it is the programme's."""
    own = certificate.language or certificate.programme.language
    wanted = stored_language(person)
    if not wanted or wanted == own:
        return own
    translated = certificate.programme.get_translations().filter(
        locale__language_code=wanted, live=True
    )
    return wanted if translated.exists() else own
