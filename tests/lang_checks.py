"""Language of parts (WCAG 3.1.2) in rendered HTML: which language each piece of text is
in, judged as browsers and screen readers do, by the nearest ``lang`` attribute."""

import re

import lxml.html


def _text_nodes(html: str):
    """Every text node of the page's body with the language it is read in."""
    document = lxml.html.document_fromstring(html)
    for element in document.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style", "title"):
            continue
        language = _language(element)
        if element.text and element.text.strip():
            yield " ".join(element.text.split()), language
        for child in element:
            if child.tail and child.tail.strip():
                yield " ".join(child.tail.split()), language


def _language(element) -> str:
    for node in (element, *element.iterancestors()):
        if node.get("lang") is not None:
            return node.get("lang")
    return ""


def assert_content_in(html: str, texts, language: str) -> None:
    """Each of ``texts`` (the content's own words) is on the page, and wherever it is
    shown it is read in ``language``."""
    nodes = list(_text_nodes(html))
    for text in texts:
        found = [lang for node, lang in nodes if text in node]
        assert found, f"“{text}” is not on the page"
        wrong = [lang for lang in found if lang != language]
        assert not wrong, f"“{text}” is read as {wrong}, not {language!r}"


def assert_interface_not_in(html: str, words, language: str) -> None:
    """No text node read in the content's ``language`` contains one of the interface's
    ``words`` (which must then carry the interface's language)."""
    for node, lang in _text_nodes(html):
        if lang != language:
            continue
        for word in words:
            assert not re.search(rf"(^|\W){re.escape(word)}($|\W)", node), (
                f"the interface's “{word}” is read as {language!r}: “{node}”"
            )
