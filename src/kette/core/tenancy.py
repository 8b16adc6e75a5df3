"""Resolving the municipality of a request and checking the user may act there."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from . import selectors
from .models import Municipality


def resolve_municipality(slug: str) -> Municipality:
    try:
        return selectors.municipality_get(slug=slug)
    except Municipality.DoesNotExist as exc:
        raise Http404("unknown municipality") from exc


def municipality_view(
    permission: str | None = None,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Decorate a view under ``/<municipality>/``.

    Sets ``request.municipality``; with a permission, anonymous users are sent
    to the login and members without it get 403.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, municipality: str, *args: Any, **kwargs: Any):
            request.municipality = resolve_municipality(municipality)
            if permission is not None:
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                if not request.user.has_perm(permission, request.municipality):
                    raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
