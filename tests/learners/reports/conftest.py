"""Fixtures for the report tests, and the parser that reads the report's matrix off the
page (the tests import ``page_matrix`` and ``row_names``)."""

import re
from html.parser import HTMLParser

import pytest

from courses.models import ModulePage


@pytest.fixture
def ten_modules(avholdt, avholdt_modules):
    for order in range(len(avholdt_modules) + 1, 11):
        avholdt.add_child(
            instance=ModulePage(
                title=f"Ekstra modul {order}",
                slug=f"ekstra-{order}",
                order=order,
                estimated_minutes=30,
                outcomes="Et mål",
            )
        )
    modules = list(avholdt.modules())
    assert len(modules) == 10
    return modules


class MatrixParser(HTMLParser):
    """The matrix on the page as ``{learner_id: [status, ...]}``."""

    def __init__(self):
        super().__init__()
        self.rows: dict[int, list[str]] = {}
        self.current = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr" and "data-learner" in attrs:
            self.current = int(attrs["data-learner"])
            self.rows[self.current] = []
        elif tag == "td" and self.current and "data-status" in attrs:
            self.rows[self.current].append(attrs["data-status"])

    def handle_endtag(self, tag):
        if tag == "tr":
            self.current = None


def page_matrix(html: str) -> dict[int, list[str]]:
    parser = MatrixParser()
    parser.feed(html)
    return parser.rows


def row_names(html: str) -> list[str]:
    # The name links to the learner's dates (``?learner=``).
    return re.findall(r'<tr data-learner="\d+">\s*<th scope="row">(?:<a [^>]*>)?([^<]+)<', html)
