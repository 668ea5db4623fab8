"""``cms.pdf.html_to_pdf`` pauses the cyclic garbage collector while WeasyPrint renders
and always leaves it as it found it."""

import gc

import pytest
from weasyprint import HTML

from cms.pdf import html_to_pdf


@pytest.fixture
def collector():
    was = gc.isenabled()
    yield
    gc.enable() if was else gc.disable()


def test_the_collector_is_paused_while_rendering_and_back_after(collector, monkeypatch):
    seen = []
    write_pdf = HTML.write_pdf
    monkeypatch.setattr(
        HTML, "write_pdf", lambda self: seen.append(gc.isenabled()) or write_pdf(self)
    )
    gc.enable()
    assert html_to_pdf("<p>Praksis</p>").startswith(b"%PDF")
    assert seen == [False] and gc.isenabled()


def test_a_failed_render_turns_the_collector_back_on(collector, monkeypatch):
    monkeypatch.setattr(HTML, "write_pdf", lambda self: 1 / 0)
    gc.enable()
    with pytest.raises(ZeroDivisionError):
        html_to_pdf("<p>Praksis</p>")
    assert gc.isenabled()


def test_a_paused_collector_stays_paused(collector):
    gc.disable()
    html_to_pdf("<p>Praksis</p>")
    assert not gc.isenabled()
