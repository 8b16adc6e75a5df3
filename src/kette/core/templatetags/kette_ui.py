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


def _field(object_type: str, name: str) -> Any:
    try:
        return apps.get_model(object_type)._meta.get_field(name)
    except (LookupError, ValueError, FieldDoesNotExist):
        return None


def _readable(field: Any, value: Any) -> Any:
    """Choice codes as their labels, related ids as the related object's name."""
    if field is None or value is None or value == "":
        return value
    choices = dict(getattr(field, "flatchoices", None) or ())
    if choices and not isinstance(value, list):
        return choices.get(value, value)
    related = getattr(field, "related_model", None)
    if related is not None:
        ids = value if isinstance(value, list) else [value]
        names = {
            obj.pk: str(obj) for obj in related._default_manager.filter(pk__in=ids)
        }
        shown = [names.get(pk, f"#{pk}") for pk in ids]
        return shown if isinstance(value, list) else shown[0]
    return value


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
        if name == "id":
            continue
        if isinstance(pair, list | tuple) and len(pair) == 2:
            old, new = pair
        else:
            old, new = None, pair
        field = _field(entry.object_type, name)
        label = str(getattr(field, "verbose_name", name))
        rows.append(
            {
                "name": name,
                "label": label[:1].upper() + label[1:],
                "old": _readable(field, old),
                "new": _readable(field, new),
            }
        )
    rows.sort(key=lambda row: row["label"])
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
