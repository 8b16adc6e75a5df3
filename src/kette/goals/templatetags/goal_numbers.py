"""``{{ value|figure }}``: a target or actual as people write it, in the
active language (25,5 and 26 in German; up to two decimals, none trailing)."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def figure(value: float | None) -> str:
    if value is None:
        return ""
    rounded = round(float(value), 2)
    if rounded.is_integer():
        return number_format(int(rounded), use_l10n=True)
    decimals = 1 if round(rounded, 1) == rounded else 2
    return number_format(rounded, decimal_pos=decimals, use_l10n=True)
