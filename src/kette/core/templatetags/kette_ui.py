"""Small template helpers of the web shell."""

from __future__ import annotations

from typing import Any

from django import template
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag(takes_context=True)
def aria_current(context: template.Context, url: str, section: bool = False) -> str:
    """``aria-current="page"`` on the link to the page being shown.

    With ``section`` a link also counts as current for pages below it.
    """
    request = context.get("request")
    if request is None:
        return ""
    path = request.path
    if path == url:
        return format_html('aria-current="{}"', "page")
    if section and path.startswith(url):
        return format_html('aria-current="{}"', "true")
    return ""


def _field_label(object_type: str, name: str) -> str:
    try:
        field = apps.get_model(object_type)._meta.get_field(name)
    except (LookupError, ValueError, FieldDoesNotExist):
        return name
    label = getattr(field, "verbose_name", name)
    return str(label)[:1].upper() + str(label)[1:]


@register.filter
def audit_value(value: Any) -> str:
    """An old or new value of an audit entry, readable for people."""
    if value is None or value == "" or value == []:
        return "–"
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    return str(value)


@register.filter
def audit_changes(entry: Any) -> list[dict[str, Any]]:
    """The changed fields of an audit entry as rows: label, old value, new value."""
    rows = []
    for name, pair in sorted((entry.changes or {}).items()):
        old, new = pair if isinstance(pair, list | tuple) and len(pair) == 2 else (None, pair)
        rows.append(
            {
                "name": name,
                "label": _field_label(entry.object_type, name),
                "old": old,
                "new": new,
            }
        )
    return rows


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    try:
        return mapping[key]
    except (KeyError, IndexError, TypeError):
        return None


@register.simple_tag
def can_use_admin(user: Any) -> bool:
    """The admin link: the rule itself, not ``user.has_perm`` (superusers pass that)."""
    from ..adminsite import may_use_admin

    return may_use_admin(user) if hasattr(user, "is_authenticated") else False
