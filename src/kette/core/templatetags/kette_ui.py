"""Small template helpers of the web shell."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html

from ..adminsite import may_use_admin
from ..audit_display import change_rows

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


@register.filter
def audit_changes(entry: Any) -> list[dict[str, Any]]:
    """The changed fields of an audit entry as rows: label, old value, new value."""
    return change_rows(entry)


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    try:
        return mapping[key]
    except (KeyError, IndexError, TypeError):
        return None


@register.simple_tag
def can_use_admin(user: Any) -> bool:
    """The admin link: the rule itself, not ``user.has_perm`` (superusers pass that)."""
    return may_use_admin(user) if hasattr(user, "is_authenticated") else False
