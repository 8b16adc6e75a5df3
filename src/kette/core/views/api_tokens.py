"""A person's own API tokens: created on the account pages (shown once), revoked.

The token list is part of the account page (``accounts/includes/api_tokens.html``).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from .. import selectors
from ..forms import ApiTokenForm
from ..models import ApiToken
from ..services import accounts


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def api_token_create(request: HttpRequest) -> HttpResponse:
    """A form for a new token; its value is shown on the answer, and only there."""
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token, raw = accounts.api_token_create(
            actor=request.user,
            user=request.user,
            name=form.cleaned_data["name"],
            scope=form.cleaned_data["scope"],
            valid_days=form.cleaned_data["valid_days"] or None,
        )
        return render(
            request,
            "kette_core/accounts/api_token_created.html",
            {"token": token, "raw": raw},
        )
    return render(request, "kette_core/accounts/api_token_form.html", {"form": form})


@login_required
@require_POST
def api_token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    """Revoke one of the person's own tokens (anyone else's is not found)."""
    try:
        token = selectors.api_token_get_for_user(user=request.user, pk=token_id)
    except ApiToken.DoesNotExist as exc:
        raise Http404 from exc
    accounts.api_token_revoke(actor=request.user, token=token)
    messages.success(
        request,
        _("The token “%(name)s” is revoked: it no longer works.")
        % {"name": token.name},
    )
    return redirect("core:account")
