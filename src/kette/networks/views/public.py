"""The public list of a municipality's networks under ``/<municipality>/netzwerke/``.

Only bodies marked public and not dissolved, with what the public may know:
type, scope, topics, target groups and the body's own contact, never
members or internal data. Another body's id (internal, dissolved, of another
municipality) is a 404.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from kette.core.tenancy import municipality_view

from ..models import Body
from ..selectors import registry as selectors


@municipality_view()
@require_safe
def public_body_list(request: HttpRequest) -> HttpResponse:
    bodies = selectors.public_body_list(municipality=request.municipality)
    return render(request, "kette_networks/public_list.html", {"bodies": bodies})


@municipality_view()
@require_safe
def public_body_detail(request: HttpRequest, body_id: int) -> HttpResponse:
    try:
        body = selectors.public_body_get(municipality=request.municipality, pk=body_id)
    except Body.DoesNotExist as exc:
        raise Http404(_("No such network here.")) from exc
    return render(request, "kette_networks/public_detail.html", {"body": body})
