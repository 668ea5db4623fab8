"""The brand colour: Designsystemet's colour scale for it, the contrast rules a colour must
pass in the site settings, and the /brand.css stylesheet every page links."""

import re
from io import BytesIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from wagtail.images.models import Image
from wagtail.models import Site

from cms.brand import (
    AA_NON_TEXT,
    AA_TEXT,
    WHITE,
    base_shades,
    color_scale,
    contrast,
    parse_hex,
    text_on,
    validate_brand_colour,
)
from cms.models import SiteSettings

THEME = (
    Path(__file__).resolve().parents[2]
    / "node_modules/@digdir/designsystemet-css/dist/theme/designsystemet.css"
)


def shipped_light_scales() -> dict[str, dict[str, str]]:
    """Designsystemet's default theme, light scheme: {colour: {token: #rrggbb}}."""
    css = THEME.read_text(encoding="utf-8")
    start = css.index("@layer ds.theme.color-scheme.light")
    block = css[start : css.index("}}", start)]
    scales: dict[str, dict[str, str]] = {}
    for colour, token, value in re.findall(r"--ds-color-([a-z0-9]+)-([a-z-]+):(#[0-9a-f]+)", block):
        if len(value) == 4:
            value = "#" + "".join(digit * 2 for digit in value[1:])
        scales.setdefault(colour, {})[token] = value
    return {name: scale for name, scale in scales.items() if "base-default" in scale}


def test_the_scale_is_the_one_designsystemets_theme_builder_makes():
    scales = shipped_light_scales()
    assert {"accent", "neutral", "danger", "success", "warning", "info"} <= scales.keys()
    for name, shipped in scales.items():
        assert color_scale(shipped["base-default"]) == shipped, name


def test_a_colour_too_light_for_a_white_page_is_refused_with_its_ratio():
    with pytest.raises(ValidationError) as refused:
        validate_brand_colour("#ffcc00")
    assert refused.value.messages == [
        "#ffcc00 has a contrast of only 1.5:1 with the white page; buttons and the header "
        "need 3:1 (WCAG AA). Choose a darker shade."
    ]


@pytest.mark.parametrize("value", ["red", "#12345", "#gggggg", "0b5d6b", "#0b5d6b "])
def test_a_colour_that_is_not_six_hex_digits_is_refused(value):
    with pytest.raises(ValidationError, match="six hexadecimal digits"):
        validate_brand_colour(value)


def test_every_accepted_colour_gives_readable_buttons_and_visible_shapes():
    accepted = refused = 0
    for red in range(0, 256, 0x11):
        for green in range(0, 256, 0x11):
            for blue in range(0, 256, 0x22):
                value = f"#{red:02x}{green:02x}{blue:02x}"
                try:
                    validate_brand_colour(value)
                except ValidationError:
                    refused += 1
                    continue
                accepted += 1
                rgb = parse_hex(value)
                assert contrast(rgb, WHITE) >= AA_NON_TEXT, value
                for shade in base_shades(rgb):
                    assert contrast(shade, text_on(rgb)) >= AA_TEXT, value
    assert accepted > 500 and refused > 500


def test_the_site_settings_refuse_a_poor_brand_colour_and_keep_the_old_one(db):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.brand_colour = "#ffcc00"
    with pytest.raises(ValidationError) as refused:
        settings.full_clean()
    assert "brand_colour" in refused.value.message_dict
    assert SiteSettings.objects.get(pk=settings.pk).brand_colour == "#0b5d6b"


def test_brand_css_sets_the_accent_tokens_and_is_cached_by_version(
    client, db, django_assert_max_num_queries
):
    version = SiteSettings.for_site(Site.objects.get(is_default_site=True)).brand_stylesheet_version
    with django_assert_max_num_queries(3):
        response = client.get(f"/brand.css?v={version}")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/css; charset=utf-8"
    body = response.content.decode()
    assert "--ds-color-accent-base-default: #0b5d6b;" in body
    assert "--ds-color-accent-text-subtle:" in body
    assert "max-age=31536000" in response["Cache-Control"]
    assert "immutable" in response["Cache-Control"]
    again = client.get(f"/brand.css?v={version}", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    stale = client.get("/brand.css?v=old")
    assert "max-age=300" in stale["Cache-Control"]
    assert "immutable" not in stale["Cache-Control"]


def test_pages_link_the_brand_stylesheet_at_the_colours_version(client, db):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.brand_colour = "#5b3fa0"
    settings.save()
    html = client.get("/").content.decode()
    assert f'href="/brand.css?v={settings.brand_stylesheet_version}"' in html
    assert "5b3fa0" in settings.brand_stylesheet_version
    assert "--ds-color-accent-base-default: #5b3fa0;" in client.get("/brand.css").content.decode()


def test_without_a_brand_colour_no_brand_stylesheet_is_linked(client, db):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.brand_colour = ""
    settings.save()
    assert "/brand.css" not in client.get("/").content.decode()
    assert "--ds-color" not in client.get("/brand.css").content.decode()


def test_the_header_shows_the_logo_named_after_the_organisation(client, db):
    buffer = BytesIO()
    PillowImage.new("RGB", (240, 96), "#0b5d6b").save(buffer, format="PNG")
    logo = Image.objects.create(title="Logo", file=ImageFile(buffer, name="logo.png"))
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.organisation_name = "Rusklinikken Loland"
    settings.logo = logo
    settings.save()
    header = client.get("/").content.decode().split('<header class="site-header">')[1]
    header = header.split("</header>")[0]
    assert 'alt="Rusklinikken Loland"' in header and 'class="brand__logo"' in header
    assert "brand__mark" not in header
