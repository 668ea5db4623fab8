"""Markdown renders ordinary text exactly as before, and hostile text fast, sanitised and
without an error: beyond a limit it is shown as plain paragraphs with a note, and the
validator refuses it at save time naming the limit. Table-driven."""

import time
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from cms import markdown
from cms.markdown import markdown_limit, render_markdown, validate_markdown
from cms.pdf import html_to_pdf

LINKS = " ".join(f"[lenke {i}](https://example.org/{i})" for i in range(40))

ORDINARY = [
    # (name, markdown, heading_offset, the exact HTML it rendered as before the limits)
    ("heading shifted", "# Trinn 1\n\nTekst.", 1, "<h2>Trinn 1</h2>\n<p>Tekst.</p>"),
    (
        "paragraphs and a line break",
        "Første linje  \nandre linje\n\nNytt avsnitt.",
        0,
        "<p>Første linje<br>\nandre linje</p>\n<p>Nytt avsnitt.</p>",
    ),
    (
        "emphasis",
        "*kursiv*, _også kursiv_, **fet** og ***begge***",
        0,
        "<p><em>kursiv</em>, <em>også kursiv</em>, <strong>fet</strong> og "
        "<strong><em>begge</em></strong></p>",
    ),
    (
        "nested list",
        "- en\n    - en.en\n    - en.to\n- to",
        0,
        "<ul>\n<li>en<ul>\n<li>en.en</li>\n<li>en.to</li>\n</ul>\n</li>\n<li>to</li>\n</ul>",
    ),
    ("ordered list", "3. tre\n4. fire", 0, '<ol start="3">\n<li>tre</li>\n<li>fire</li>\n</ol>'),
    (
        "code",
        "Bruk `ls -la`.\n\n```python\nprint('<hei>')\n```",
        0,
        "<p>Bruk <code>ls -la</code>.</p>\n<pre><code>print('&lt;hei&gt;')\n</code></pre>",
    ),
    (
        "table",
        "| Tiltak | Timer |\n|:--|--:|\n| Samtale | 1,5 |",
        0,
        '<div class="table-region" role="region" tabindex="0" aria-label="Table: Tiltak, Timer">'
        "<table>\n<thead>\n<tr>\n<th>Tiltak</th>\n<th>Timer</th>\n</tr>\n</thead>\n<tbody>\n"
        "<tr>\n<td>Samtale</td>\n<td>1,5</td>\n</tr>\n</tbody>\n</table></div>",
    ),
    (
        "links",
        '[RVTS](https://rvts.example "Senter") og <https://example.org>',
        0,
        '<p><a href="https://rvts.example" title="Senter" rel="noopener noreferrer">RVTS</a> og '
        '<a href="https://example.org" rel="noopener noreferrer">https://example.org</a></p>',
    ),
    (
        "three quotation levels",
        "> nivå 1\n>\n> > nivå 2\n> >\n> > > nivå 3",
        0,
        "<blockquote>\n<p>nivå 1</p>\n<blockquote>\n<p>nivå 2</p>\n<blockquote>\n"
        "<p>nivå 3</p>\n</blockquote>\n</blockquote>\n</blockquote>",
    ),
    (
        "definition list",
        "Craving\n:   Sterkt ønske om rusmiddel",
        0,
        "<dl>\n<dt>Craving</dt>\n<dd>Sterkt ønske om rusmiddel</dd>\n</dl>",
    ),
    (
        "abbreviation",
        "SMART er et program.\n\n*[SMART]: Self-Management and Recovery Training",
        0,
        '<p><abbr title="Self-Management and Recovery Training">SMART</abbr> er et program.</p>',
    ),
    (
        "details",
        "<details><summary>Mer</summary>\n\nSkjult tekst\n\n</details>",
        0,
        "<details><summary>Mer</summary>\n\nSkjult tekst\n\n</details>",
    ),
    ("rule", "Før\n\n---\n\nEtter", 0, "<p>Før</p>\n<hr>\n<p>Etter</p>"),
    ("escapes", "Et \\[ tegn og \\* stjerne", 0, "<p>Et [ tegn og * stjerne</p>"),
    ("a stray bracket", "Pris [ca. 200 kr.", 0, "<p>Pris [ca. 200 kr.</p>"),
    (
        "forty links in one paragraph",
        LINKS,
        0,
        "<p>"
        + " ".join(
            f'<a href="https://example.org/{i}" rel="noopener noreferrer">lenke {i}</a>'
            for i in range(40)
        )
        + "</p>",
    ),
]


@pytest.mark.parametrize(
    ("name", "source", "offset", "expected"), ORDINARY, ids=[row[0] for row in ORDINARY]
)
def test_ordinary_markdown_renders_as_before(name, source, offset, expected):
    assert markdown_limit(source) is None
    validate_markdown(source)
    assert render_markdown(source, heading_offset=offset) == expected


def test_every_programme_file_is_within_the_limits():
    # The programmes' files (content/<programme>/…), not content/README.md, which
    # documents the format and is never loaded.
    files = sorted(Path(__file__).resolve().parents[2].glob("content/*/**/*.md"))
    assert files
    assert [str(f) for f in files if markdown_limit(f.read_text()) is not None] == []


HOSTILE = [
    # (name, markdown, the limit that catches it)
    ("links nested in link text", "[a [b](c) " * 2000, "link_nesting"),
    ("deeply nested brackets", "[" * 50 + "x" + "]" * 50, "link_nesting"),
    ("unclosed brackets", "[" * 10_000, "link_nesting"),
    ("unclosed brackets on their own lines", "[\n" * 10_000, "link_nesting"),
    ("unclosed link targets", "[a](" * 2500, "open_brackets"),
    ("many links", "[a](b) " * 2000, "inline_marks"),
    (
        "a few unclosed brackets in a long paragraph",
        ("[" + "lorem ipsum " * 300 + "\n") * 5,
        "open_brackets",
    ),
    ("list markers on one line", "- " * 1000 + "x", "nesting"),
    ("numbered markers on one line", "1. " * 1000 + "x", "nesting"),
    ("deep quotation", ">" * 5000 + " x", "nesting"),
    ("deep indentation", "".join("    " * i + "- x\n" for i in range(40)), "nesting"),
    ("emphasis runs", "*a _b " * 3000, "inline_marks"),
    ("backslashes", "\\" * 10_000, "inline_marks"),
    ("setext headings", "a\n=\n" * 3000, "block_lines"),
    ("definition list", "a\n: b\n" * 600, "block_lines"),
    ("code fences", "~~~\n" * 5000, "block_lines"),
    ("unclosed tags", "<a " * 5000, "html_tags"),
    ("CDATA openers", "<![CDATA[" * 2000, "html_tags"),
    ("empty paragraphs", "a\n\n" * 6000, "paragraphs"),
    ("half a megabyte", "ord " * 125_000, "length"),
]


def _cpu_seconds(function, *args) -> tuple[float, object]:
    """CPU time of this process, so other work on a shared machine does not count."""
    started = time.process_time()
    result = function(*args)
    return time.process_time() - started, result


@pytest.mark.parametrize(("name", "source", "code"), HOSTILE, ids=[row[0] for row in HOSTILE])
def test_hostile_markdown_is_shown_plain_within_100_ms(name, source, code):
    limit = markdown_limit(source)
    assert limit is not None and limit.code == code
    seconds, html = _cpu_seconds(render_markdown, source)
    assert seconds < 0.1, f"{name}: {seconds * 1000:.0f} ms"
    assert html.startswith("<p><em>Shown without formatting because ")
    assert str(limit.limit) in html.split("</em>")[0]


@pytest.mark.parametrize(("name", "source", "code"), HOSTILE, ids=[row[0] for row in HOSTILE])
def test_hostile_markdown_is_refused_at_save_time_naming_the_limit(name, source, code):
    with pytest.raises(ValidationError) as error:
        validate_markdown(source)
    assert error.value.code == f"markdown_{code}"
    message = error.value.messages[0]
    assert message.startswith("This text is too complex to format: ")
    assert f"{markdown_limit(source).limit}" in message


def test_plain_text_keeps_every_character_escaped_and_sanitised():
    source = '<script>alert(1)</script> <img src=x onerror="x()">\n' + "[" * 3000 + "\n\nslutt"
    html = render_markdown(source)
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "[" * 3000 in html and "<p>slutt</p>" in html


def test_a_recursion_error_in_the_parser_is_shown_plain(monkeypatch):
    def recurse(*args, **kwargs):
        raise RecursionError

    monkeypatch.setattr(markdown.markdown_lib, "markdown", recurse)
    html = render_markdown("**fet**")
    note = "<p><em>Shown without formatting because it is nested too deeply.</em></p>"
    assert html == f"{note}\n<p>**fet**</p>"


def test_the_limits_are_just_above_ordinary_text():
    assert markdown_limit("x" * markdown.MAX_LENGTH) is None
    assert markdown_limit("x" * (markdown.MAX_LENGTH + 1)).code == "length"
    nested = "".join("    " * i + "- x\n" for i in range(markdown.MAX_NESTING))
    assert markdown_limit(nested) is None
    assert markdown_limit(nested + "    " * markdown.MAX_NESTING + "- x\n").code == "nesting"
    links = "[" * markdown.MAX_LINK_NESTING + "x" + "](y)" * markdown.MAX_LINK_NESTING
    assert markdown_limit(links) is None
    assert markdown_limit("[" + links + "](y)").code == "link_nesting"
    assert markdown_limit("- - - - - - - - - - - - - - - - - - - - -") is None  # a rule


def test_a_pdf_of_a_flattened_hostile_entry_renders_within_a_second():
    # 20,000 characters of links nested in link text: 25 s to parse before the limits.
    entry = render_markdown("[a [b](c) " * 2000)
    document = (
        '<!doctype html><html lang="nb"><head><meta charset="utf-8"></head>'
        f"<body><h1>Journal</h1><section><h2>Oppføring</h2>{entry}</section></body></html>"
    )
    html_to_pdf("<p>warm-up</p>")  # loads the fonts once per process; not what we measure
    seconds, pdf = _cpu_seconds(html_to_pdf, document)
    assert pdf.startswith(b"%PDF")
    assert seconds < 1.0, f"{seconds:.2f} s"
