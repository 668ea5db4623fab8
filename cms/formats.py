"""Numbers as people read them, in the active language."""

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _


def format_hours(value) -> str:
    """Hours with as few decimals as the number needs, in the active locale: 12.5 reads
    "12,5" in nb, da and de and "12.5" in en; 3 reads "3"; 0.25 reads "0,25"/"0.25"."""
    value = Decimal(value or 0).normalize()
    places = max(0, -value.as_tuple().exponent)
    return number_format(value, decimal_pos=places)


def format_hours_unit(value) -> str:
    """Hours with the unit, as the active language abbreviates it: "7,5 t" in nb and da,
    "7,5 Std." in de, "7.5 h" in en."""
    return _("%(hours)s h") % {"hours": format_hours(value)}
