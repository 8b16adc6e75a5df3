"""Permission checks of the API: the named rules of ``kette/core/rules.py``.

Views call :func:`require` with a rule name and the object it is about; the
rules decide, this module only turns a "no" into the right HTTP answer.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, permissions
from rest_framework.request import Request

from kette.core.models import ApiToken


def require(request: Request, permission: str, obj: Any) -> None:
    """Raise 401 for anonymous callers and 403 for others lacking ``permission``."""
    user = request.user
    if user.has_perm(permission, obj):
        return
    if not user.is_authenticated:
        raise exceptions.NotAuthenticated()
    raise exceptions.PermissionDenied(
        _("You do not have permission to do this in this municipality.")
    )


class TokenScope(permissions.BasePermission):
    """A read-only token may read, nothing else (403 for unsafe methods)."""

    message = _(
        "This token may only read. Create a token with the scope 'read and write' "
        "to change data."
    )

    def has_permission(self, request: Request, view) -> bool:
        token = request.auth
        if isinstance(token, ApiToken) and token.is_read_only:
            return request.method in permissions.SAFE_METHODS
        return True
