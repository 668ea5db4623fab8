"""The organisation's brand colour as a Designsystemet colour scale.

Designsystemet themes describe each colour as sixteen tokens (backgrounds, surfaces,
borders, text, and the "base" a primary button is filled with). Its theme builder derives
them from one base colour; `color_scale` does the same for the light colour scheme, so a
brand colour set in the site settings restyles every component (buttons, links, focus
rings, tags, the header) through the theme's own `--ds-color-accent-*` tokens. The tokens
are served as a small stylesheet (`/brand.css`, see `cms.views.brand_css`): the content
security policy allows no inline styles.

The rules a colour must pass are in `validate_brand_colour`: readable text on the colour
and its hover and active shades (4.5:1), and the colour visible against the page (3:1).
The scale's other text tokens always pass: their luminance is fixed by the scale.
"""

from __future__ import annotations

import math
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
AA_TEXT = 4.5
AA_NON_TEXT = 3.0
WHITE = (255, 255, 255)
# Bumped when the generated CSS changes, so browsers fetch it again (it is cached a year).
CSS_VERSION = "1"

RGB = tuple[float, float, float]

# Relative luminance of each step in Designsystemet's light scheme (its theme builder's
# colorMetadata). The base steps are derived from the colour itself, below.
LIGHT_LUMINANCE = {
    "background-default": 1,
    "background-tinted": 0.9,
    "surface-default": 1,
    "surface-tinted": 0.81,
    "surface-hover": 0.7,
    "surface-active": 0.59,
    "border-subtle": 0.5,
    "border-default": 0.19,
    "border-strong": 0.11,
    "text-subtle": 0.11,
    "text-default": 0.0245,
}
TOKENS = (
    *LIGHT_LUMINANCE,
    "base-default",
    "base-hover",
    "base-active",
    "base-contrast-subtle",
    "base-contrast-default",
)


def parse_hex(value: str) -> RGB:
    if not HEX.match(value or ""):
        raise ValueError(f"not a #rrggbb colour: {value!r}")
    return tuple(int(value[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def to_hex(rgb: RGB) -> str:
    return "#" + "".join(f"{js_round(channel):02x}" for channel in rgb)


def js_round(value: float) -> int:
    """JavaScript's Math.round (halves round up), clamped to a byte."""
    return min(255, max(0, math.floor(value + 0.5)))


def luminance(rgb: RGB) -> float:
    """WCAG relative luminance of an sRGB colour given in 0–255 channels."""

    def linear(channel: float) -> float:
        channel /= 255
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: RGB, second: RGB) -> float:
    """WCAG contrast ratio between two colours (1 to 21)."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def with_luminance(rgb: RGB, target: float) -> RGB:
    """The colour moved towards black or white until it has the target luminance, found
    by bisection in RGB as chroma-js's `color.luminance(target)` does (the theme builder's
    method), rounded to whole channels."""
    if target <= 0:
        return (0, 0, 0)
    if target >= 1:
        return (255, 255, 255)
    low, high = ((0.0, 0.0, 0.0), rgb) if luminance(rgb) > target else (rgb, (255.0,) * 3)
    budget = 20
    while True:
        middle = tuple((a + b) / 2 for a, b in zip(low, high, strict=True))
        found = luminance(middle)
        if abs(target - found) < 1e-7 or budget == 0:
            return tuple(js_round(channel) for channel in middle)  # type: ignore[return-value]
        budget -= 1
        low, high = (low, middle) if found > target else (middle, high)


def lightness(rgb: RGB) -> float:
    """CIE lightness L* (0–100), which is HSLuv's lightness."""

    def linear(channel: float) -> float:
        channel /= 255
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in rgb)
    y = 0.21263900587151 * red + 0.71516867876775 * green + 0.072192315360733 * blue
    return y * 903.2962962962963 if y <= 0.0088564516790356 else 116 * y ** (1 / 3) - 16


def luminance_of_lightness(value: float) -> float:
    """The relative luminance of the grey with lightness L*, through its hex form as the
    theme builder computes it."""
    value = min(100.0, max(0.0, value))
    y = ((value + 16) / 116) ** 3 if value > 8 else value / 903.2962962962963
    encoded = 12.92 * y if y <= 0.0031308 else 1.055 * y ** (1 / 2.4) - 0.055
    grey = float(js_round(encoded * 255))
    return luminance((grey, grey, grey))


def base_shades(rgb: RGB) -> tuple[RGB, RGB, RGB]:
    """The base colour and its hover and active shades (lighter for very dark and
    mid-light colours, darker otherwise, in steps of 8 L*)."""
    light = lightness(rgb)
    step = -8 if light <= 30 or 49 <= light <= 65 else 8
    hover = with_luminance(rgb, luminance_of_lightness(light - step))
    active = with_luminance(rgb, luminance_of_lightness(light - 2 * step))
    return rgb, hover, active


def text_on(rgb: RGB) -> RGB:
    """White or black, whichever contrasts more with the colour."""
    black = (0, 0, 0)
    return WHITE if contrast(rgb, WHITE) >= contrast(rgb, black) else black


def color_scale(value: str) -> dict[str, str]:
    """Designsystemet's sixteen light-scheme tokens for a base colour, as hex strings."""
    rgb = parse_hex(value)
    scale = {name: to_hex(with_luminance(rgb, target)) for name, target in LIGHT_LUMINANCE.items()}
    default, hover, active = base_shades(rgb)
    scale["base-default"] = to_hex(default)
    scale["base-hover"] = to_hex(hover)
    scale["base-active"] = to_hex(active)
    on_base = text_on(default)
    light = lightness(default)
    subtle_step = 60 if light <= 40 or light >= 60 else 50
    subtle_target = light + subtle_step if on_base == WHITE else light - subtle_step
    scale["base-contrast-subtle"] = to_hex(
        with_luminance(default, luminance_of_lightness(subtle_target))
    )
    scale["base-contrast-default"] = to_hex(on_base)
    return {name: scale[name] for name in TOKENS}


def validate_brand_colour(value: str) -> None:
    """A brand colour is #rrggbb; the text the scale puts on it (white or black) reaches
    4.5:1 on its base, hover and active shades (WCAG 1.4.3, button text); and the colour
    itself reaches 3:1 against the white page (WCAG 1.4.11, the shape of a button and the
    header band)."""
    if not HEX.match(value or ""):
        raise ValidationError(
            _("Enter the colour as # and six hexadecimal digits, for example #0b5d6b."),
            code="invalid",
        )
    rgb = parse_hex(value)
    on_base = text_on(rgb)
    lowest = min(contrast(shade, on_base) for shade in base_shades(rgb))
    errors = []
    if lowest < AA_TEXT:
        errors.append(
            ValidationError(
                _(
                    "Button text on %(colour)s would have a contrast of only %(ratio)s:1 "
                    "(%(text)s text); WCAG AA needs 4.5:1. Choose a darker or lighter shade."
                ),
                code="text_contrast",
                params={
                    "colour": value,
                    "ratio": ratio_text(lowest),
                    "text": _("white") if on_base == WHITE else _("black"),
                },
            )
        )
    against_page = contrast(rgb, WHITE)
    if against_page < AA_NON_TEXT:
        errors.append(
            ValidationError(
                _(
                    "%(colour)s has a contrast of only %(ratio)s:1 with the white page; "
                    "buttons and the header need 3:1 (WCAG AA). Choose a darker shade."
                ),
                code="page_contrast",
                params={"colour": value, "ratio": ratio_text(against_page)},
            )
        )
    if errors:
        raise ValidationError(errors)


def ratio_text(ratio: float) -> str:
    """A ratio rounded down to one decimal, so 4.47 never reads as a passing 4.5."""
    return f"{math.floor(ratio * 10) / 10:.1f}"


def brand_stylesheet(value: str) -> str:
    """The CSS that makes the colour the theme's accent (unlayered, so it wins over the
    theme's `ds.theme` layer); empty for no colour."""
    if not value:
        return "/* No brand colour set: Designsystemet's own accent colour applies. */\n"
    tokens = "".join(
        f"  --ds-color-accent-{name}: {hex_value};\n"
        for name, hex_value in color_scale(value).items()
    )
    return (
        f"/* Brand colour {value.lower()}: Designsystemet's accent scale, light scheme. */\n"
        f":root {{\n  --praksis-brand: {value.lower()};\n{tokens}}}\n"
    )


def stylesheet_version(value: str) -> str:
    """Changes whenever the brand stylesheet's content would change (cache busting)."""
    return f"{CSS_VERSION}-{(value or 'none').lstrip('#').lower()}"
