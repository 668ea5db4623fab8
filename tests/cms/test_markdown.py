"""Markdown from authors and learners is rendered, then sanitised: table-driven."""

import pytest

from cms.markdown import render_markdown

REMOVED = [
    # (name, markdown, text that must not appear in the output)
    ("script tag", "Hello <script>alert(1)</script>", "<script"),
    ("event handler attribute", '<img src="x.png" onerror="alert(1)">', "onerror"),
    ("onclick on a link", '<a href="/ok" onclick="steal()">x</a>', "onclick"),
    ("javascript: link", "[click](javascript:alert(1))", "javascript:"),
    ("javascript: in raw html", '<a href="JavaScript:alert(1)">x</a>', "alert(1)"),
    ("iframe", '<iframe src="https://evil.example"></iframe>', "<iframe"),
    ("style attribute", '<p style="position:fixed">x</p>', "style="),
    ("form", '<form action="/steal"><input name="pw"></form>', "<form"),
    ("data: url", "[x](data:text/html;base64,PHNjcmlwdD4=)", "data:"),
]

KEPT = [
    # (name, markdown, html that must appear in the output)
    ("heading, shifted below the page title", "# Trinn", "<h2>Trinn</h2>"),
    ("second-level heading", "## Mål", "<h3>Mål</h3>"),
    ("bullet list", "- en\n- to", "<ul>\n<li>en</li>\n<li>to</li>\n</ul>"),
    ("numbered list", "1. en\n2. to", "<ol>\n<li>en</li>"),
    (
        "emphasis",
        "*viktig* og **svært viktig**",
        "<em>viktig</em> og <strong>svært viktig</strong>",
    ),
    ("table", "| a | b |\n|---|---|\n| 1 | 2 |", "<td>1</td>"),
    ("table header", "| a | b |\n|---|---|\n| 1 | 2 |", "<th>a</th>"),
    ("https link", "[RVTS](https://rvts.example)", 'href="https://rvts.example"'),
    ("mailto link", "[mail](mailto:hjelp@klinikk.example)", 'href="mailto:hjelp@klinikk.example"'),
    ("blockquote", "> sitat", "<blockquote>"),
]


@pytest.mark.parametrize(("name", "source", "forbidden"), REMOVED, ids=[r[0] for r in REMOVED])
def test_it_removes_dangerous_markup(name, source, forbidden):
    html = render_markdown(source, heading_offset=1)
    assert forbidden.lower() not in html.lower()


@pytest.mark.parametrize(("name", "source", "expected"), KEPT, ids=[k[0] for k in KEPT])
def test_it_keeps_ordinary_formatting(name, source, expected):
    assert expected in render_markdown(source, heading_offset=1)


def test_links_get_a_safe_rel():
    html = render_markdown("[x](https://example.org)")
    assert 'rel="noopener noreferrer"' in html


def test_the_text_around_removed_markup_survives():
    html = render_markdown("Før <script>alert(1)</script> etter")
    assert "Før" in html and "etter" in html


def test_a_table_scrolls_in_a_focusable_region_named_by_its_columns():
    html = render_markdown("| Rolle & Aufgabe | <b>Stärke</b> |\n|---|---|\n| 1 | 2 |")
    start = '<div class="table-region" role="region" tabindex="0" aria-label="'
    assert html.startswith(start + 'Table: Rolle &amp; Aufgabe, Stärke"><table>')
    assert html.endswith("</table></div>") and html.count("table-region") == 1


def test_a_tables_region_name_carries_no_markup_from_its_headings():
    html = render_markdown('| <img src=x onerror=alert(1)>"> | b |\n|---|---|\n| 1 | 2 |')
    assert "onerror" not in html and "<img" not in html
    assert 'aria-label="Table: &quot;&gt;, b"' in html
