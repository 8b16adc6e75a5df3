"""Small filters for the monitoring's analysis tables."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def index(sequence, position: int):
    """``sequence[position]`` ("" when out of range)."""
    try:
        return sequence[int(position)]
    except (IndexError, TypeError, ValueError):
        return ""


@register.filter
def get(mapping, key):
    return mapping.get(key, "") if hasattr(mapping, "get") else ""


@register.filter
def absolute(value):
    try:
        return abs(value)
    except TypeError:
        return value


@register.filter
def percent(share: float) -> str:
    """0.5 → "50 %" in the active language."""
    return f"{number_format(round(share * 100), use_l10n=True)} %"
