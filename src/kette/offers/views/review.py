"""The coordinators' review queue under ``/<municipality>/intern/angebote/pruefung/``.

New offers and changes to published offers wait here; the coordinator sees
what would change (published → proposed) and approves or returns with a
comment. Approving goes through services/workflow.py, which re-indexes.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from kette.core.forms import add_service_errors
from kette.core.tenancy import municipality_view

from ..display import content_diff
from ..forms.staff import ReturnForm
from ..models import Offer, OfferStatus, RevisionState
from ..selectors import staff as selectors
from ..services import workflow
from ..services.content import offer_content
from .staff import _offer, _require, public_offer_url


@municipality_view("offers.view_review_queue")
@require_safe
def review_queue(request: HttpRequest) -> HttpResponse:
    items = selectors.review_queue(municipality=request.municipality)
    return render(request, "kette_offers/staff/review_queue.html", {"items": items})


def _submission(offer: Offer) -> tuple[str, Any, list]:
    """What waits for review: ("new" | "change" | "", revision, diff rows)."""
    revision = selectors.open_revision(offer)
    if (
        offer.status == OfferStatus.PUBLISHED
        and revision is not None
        and revision.state == RevisionState.IN_REVIEW
    ):
        return "change", revision, content_diff(offer_content(offer), revision.data)
    if offer.status == OfferStatus.IN_REVIEW:
        return "new", None, content_diff(None, offer_content(offer))
    return "", revision, []


def _render_review(
    request: HttpRequest, offer: Offer, form: ReturnForm, status: int = 200
) -> HttpResponse:
    kind, revision, rows = _submission(offer)
    context = {
        "offer": offer,
        "kind": kind,
        "revision": revision,
        "changed": [row for row in rows if row.changed],
        "unchanged": [row for row in rows if not row.changed],
        "form": form,
        "public_url": public_offer_url(offer),
    }
    return render(
        request, "kette_offers/staff/review_detail.html", context, status=status
    )


@municipality_view("offers.view_review_queue")
@require_safe
def review_detail(request: HttpRequest, offer_id: Any) -> HttpResponse:
    offer = _offer(request, offer_id)
    _require(request, "offers.review_offer", offer)
    return _render_review(request, offer, ReturnForm())


@municipality_view("offers.view_review_queue")
def review_approve(request: HttpRequest, offer_id: Any) -> HttpResponse:
    offer = _offer(request, offer_id, for_update=True)
    _require(request, "offers.review_offer", offer)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    changes = offer.status == OfferStatus.PUBLISHED
    try:
        workflow.offer_approve(actor=request.user, offer=offer)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(
            "offers_staff:review_detail", request.municipality.slug, offer.pk
        )
    message = (
        _("The changes to %(title)s are published.")
        if changes
        else _("%(title)s is published.")
    )
    messages.success(request, message % {"title": offer.title})
    return redirect("offers_staff:review_queue", request.municipality.slug)


@municipality_view("offers.view_review_queue")
def review_return(request: HttpRequest, offer_id: Any) -> HttpResponse:
    offer = _offer(request, offer_id, for_update=True)
    _require(request, "offers.review_offer", offer)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            workflow.offer_return(
                actor=request.user, offer=offer, comment=form.cleaned_data["comment"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(title)s has been returned to its editors.")
                % {"title": offer.title},
            )
            return redirect("offers_staff:review_queue", request.municipality.slug)
    display = selectors.staff_offer_get(municipality=request.municipality, pk=offer.pk)
    return _render_review(request, display, form)
