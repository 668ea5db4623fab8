"""The page checks themselves: each one finds the fault it exists for, and lets through
what is allowed (a hash may break anywhere; a wide table may scroll in its own box)."""

import pytest

from .checks import PHONE, axe_violations, broken_references, check_page, reflow_problems

pytestmark = pytest.mark.browser

FAULTY = """<!doctype html><html lang="en"><head><title>Faults</title></head><body><main>
<h1>Faults</h1>
<p style="overflow-wrap: anywhere">Letters that may be chopped anywhere</p>
<p style="width: 6rem; overflow-wrap: break-word">Implementeringsanalysen</p>
<div style="width: 600px">Wider than a phone</div>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<input id="name" aria-describedby="name-help"><label for="nowhere">Lost label</label>
<p id="twice">One</p><p id="twice">Two</p><span aria-labelledby="twice">x</span>
</main></body></html>"""

FINE = """<!doctype html><html lang="en"><head><title>Fine</title></head><body><main>
<h1>Fine</h1>
<p class="hash" style="overflow-wrap: anywhere">9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b8</p>
<div role="region" tabindex="0" aria-labelledby="cap" style="overflow-x: auto">
  <table><caption id="cap">Wide</caption><tr><td style="min-width: 900px">cell</td></tr></table>
</div>
<label for="name">Name</label><input id="name" aria-describedby="name-help">
<p id="name-help">Your full name</p>
</main></body></html>"""


def test_each_check_finds_its_fault(page, live_site):
    page.set_content(FAULTY)
    page.set_viewport_size(PHONE)
    reflow = "\n".join(reflow_problems(page))
    assert "the page scrolls sideways" in reflow and "Wider than a phone" in reflow
    assert "may break inside words (overflow-wrap: anywhere" in reflow
    assert 'the word "Implementeringsanalysen"' in reflow and "split over" in reflow
    references = "\n".join(broken_references(page))
    assert 'aria-describedby="name-help": no element has this id' in references
    assert 'for="nowhere": no element has this id' in references
    assert 'aria-labelledby="twice": 2 elements have this id' in references
    assert any(line.startswith("image-alt (critical)") for line in axe_violations(page))
    with pytest.raises(AssertionError, match="image-alt"):
        check_page(page, "checks-faulty")


def test_what_is_allowed_passes(page, live_site):
    page.set_content(FINE)
    check_page(page, "checks-fine")
