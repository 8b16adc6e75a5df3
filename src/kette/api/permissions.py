"""Permission checks of the API: the named rules of ``kette/core/rules.py``.

Views call :func:`require` with a rule name and the object it is about; the
rules decide, this module only turns a "no" into the right HTTP answer.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.request import Request


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
