"""The front-end packages: pages link Designsystemet and Inter from node_modules as static
files, the site refuses to start without them, and the manifest storage production uses
rewrites the vendor CSS's relative url()s to hashed files that exist."""

import json
import re

from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import override_settings

from cms.frontend import VENDOR_STYLESHEETS, check_front_end_packages


def test_every_vendor_stylesheet_is_found_by_staticfiles():
    for path in VENDOR_STYLESHEETS:
        assert finders.find(path), path
    assert check_front_end_packages(None) == []


def test_pages_link_the_vendor_stylesheets_after_our_layer_order(client, db):
    html = client.get("/").content.decode()
    positions = [html.index(f'href="/static/{path}"') for path in VENDOR_STYLESHEETS]
    assert positions == sorted(positions)
    assert html.index('href="/static/css/praksis.css"') < positions[0]


def test_without_node_modules_the_site_refuses_to_start_and_says_what_to_run(tmp_path):
    missing = tmp_path / "node_modules"
    with override_settings(
        STATICFILES_DIRS=[
            ("vendor/designsystemet", missing / "@digdir/designsystemet-css/dist"),
            ("vendor/inter", missing / "@fontsource-variable/inter"),
        ]
    ):
        errors = check_front_end_packages(None)
    assert [error.id for error in errors] == ["cms.E001"]
    assert "vendor/designsystemet/src/index.css" in errors[0].msg
    assert "make setup" in errors[0].hint


def test_only_machine_strings_may_break_anywhere():
    """Running text never breaks inside words; hashes and codes people copy may."""
    with open(finders.find("css/praksis.css"), encoding="utf-8") as handle:
        css = handle.read()
    rules = re.findall(r"([^{}]+)\{([^{}]*)\}", css)
    breaking = [
        selector.strip()
        for selector, body in rules
        if re.search(r"overflow-wrap:\s*anywhere|word-break:\s*break-(all|word)", body)
    ]
    assert breaking == [".hash, .break-anywhere"]


def test_collectstatic_with_the_manifest_rewrites_vendor_font_urls(tmp_path):
    with override_settings(
        STATIC_ROOT=tmp_path,
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {
                "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
            },
        },
    ):
        call_command(
            "collectstatic",
            interactive=False,
            verbosity=0,
            ignore_patterns=["wagtail*", "admin", "django_htmx", "table_block"],
        )
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    for path in VENDOR_STYLESHEETS:
        assert (tmp_path / manifest[path]).exists(), path
    fonts_css = (tmp_path / manifest["vendor/inter/opsz.css"]).read_text()
    hashed = fonts_css.split('url("')[1:]
    assert hashed, "the Inter stylesheet names its font files"
    for url in hashed:
        relative = url.split('"')[0]
        assert relative.startswith("./files/") and relative.count(".") >= 3, relative
        assert (tmp_path / "vendor/inter" / relative).exists(), relative
