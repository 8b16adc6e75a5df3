"""Provider self-service under ``/<municipality>/intern/angebote/``.

Provider editors keep the offers of their own organisations, coordinators
and state admins every offer of the municipality. Each view checks the
named rules of offers/rules.py on the offer; offers are looked up within
the request's municipality first, so another municipality's offer is a 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
)
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from kette.core.pagination import paginate
from kette.core.tenancy import municipality_view

from ..display import content_diff, content_rows
from ..forms.staff import OfferEditOptions, OfferEditor, OfferFilter
from ..models import Offer, OfferStatus, RevisionState
from ..selectors import staff as selectors
from ..services import workflow
from ..services.content import offer_content

PAGE_SIZE = 25
Outcome = workflow.SaveOutcome
# What the editor is told after a save: (outcome, the offer was public before).
SAVED_MESSAGES = {
    (Outcome.PUBLISHED, False): gettext_lazy("The offer is published as it is now."),
    (Outcome.PUBLISHED, True): gettext_lazy("The offer is published as it is now."),
    (Outcome.SUBMITTED, False): gettext_lazy(
        "The offer has been submitted for review."
    ),
    (Outcome.SUBMITTED, True): gettext_lazy(
        "Your changes have been submitted for review."
    ),
    (Outcome.PENDING, True): gettext_lazy(
        "Your changes have been saved. The published version stays "
        "visible until they are submitted and approved."
    ),
    (Outcome.SAVED, False): gettext_lazy("The offer has been saved."),
}


def _offer(request: HttpRequest, offer_id: Any, *, for_update: bool = False) -> Offer:
    get = selectors.staff_offer_for_update if for_update else selectors.staff_offer_get
    try:
        return get(municipality=request.municipality, pk=offer_id)
    except Offer.DoesNotExist as exc:
        raise Http404(_("No such offer here.")) from exc


def _require(request: HttpRequest, rule: str, obj: Any) -> None:
    if not request.user.has_perm(rule, obj):
        raise PermissionDenied


def public_offer_url(offer: Offer) -> str:
    """The offer's public page, once it is published (and the page exists)."""
    if offer.status != OfferStatus.PUBLISHED:
        return ""
    try:
        return reverse(
            "offers:detail",
            kwargs={"municipality": offer.municipality.slug, "offer_id": offer.pk},
        )
    except NoReverseMatch:
        return ""


def _detail(offer: Offer) -> HttpResponse:
    return redirect("offers_staff:offer_detail", offer.municipality.slug, offer.pk)


@municipality_view("offers.view_own_offers")
@require_safe
def offer_list(request: HttpRequest) -> HttpResponse:
    municipality, user = request.municipality, request.user
    organisations = selectors.offer_organisations_for_user(
        municipality=municipality, user=user
    )
    offers = OfferFilter(
        request.GET or None,
        queryset=selectors.staff_offer_list(municipality=municipality, user=user),
        organisations=organisations,
    )
    context = {
        "filter_form": offers.form,
        "page": paginate(request, offers.qs, PAGE_SIZE),
        "can_add": organisations.exists(),
        "sees_all": selectors.sees_all_offers(municipality=municipality, user=user),
    }
    return render(request, "kette_offers/staff/offer_list.html", context)


@municipality_view("offers.view_own_offers")
@require_safe
def offer_detail(request: HttpRequest, offer_id: Any) -> HttpResponse:
    offer = _offer(request, offer_id)
    user = request.user
    _require(request, "offers.change_offer", offer)
    revision = selectors.open_revision(offer)
    content = offer_content(offer)
    published = offer.status == OfferStatus.PUBLISHED
    in_review = offer.status == OfferStatus.IN_REVIEW or (
        revision is not None and revision.state == RevisionState.IN_REVIEW
    )
    context = {
        "offer": offer,
        "revision": revision,
        "rows": content_rows(content),
        "changes": [r for r in content_diff(content, revision.data) if r.changed]
        if revision
        else [],
        "public_url": public_offer_url(offer),
        "can_edit": True,
        "can_submit": workflow.submittable(offer)
        and user.has_perm("offers.submit_offer", offer),
        "can_archive": offer.status != OfferStatus.ARCHIVED
        and user.has_perm("offers.archive_offer", offer),
        "can_delete": user.has_perm("offers.delete_offer", offer),
        "can_verify": published and user.has_perm("offers.change_offer", offer),
        "can_review": in_review and user.has_perm("offers.review_offer", offer),
    }
    return render(request, "kette_offers/staff/offer_detail.html", context)


def _organisations(request: HttpRequest) -> list:
    return list(
        selectors.offer_organisations_for_user(
            municipality=request.municipality, user=request.user
        )
    )


@municipality_view("offers.view_own_offers")
@require_http_methods(["GET", "POST"])
def offer_create(request: HttpRequest) -> HttpResponse:
    return _edit(request, None, _organisations(request))


@municipality_view("offers.view_own_offers")
@require_http_methods(["GET", "POST"])
def offer_update(request: HttpRequest, offer_id: Any) -> HttpResponse:
    offer = _offer(request, offer_id, for_update=True)
    _require(request, "offers.change_offer", offer)
    organisations = _organisations(request)
    if offer.organisation not in organisations:
        organisations.append(offer.organisation)
    return _edit(request, offer, organisations)


def _edit(
    request: HttpRequest, offer: Offer | None, organisations: list
) -> HttpResponse:
    """The offer form: "add another" re-renders, saving is one service call."""
    user = request.user
    archived = offer is not None and offer.status == OfferStatus.ARCHIVED
    can_publish = not archived and user.has_perm(
        "offers.edit_offer_directly", offer or request.municipality
    )
    revision = selectors.open_revision(offer) if offer else None
    if revision is not None and offer.status != OfferStatus.PUBLISHED:
        revision = None
    content = workflow.editable_content(offer) if offer else {}
    options = OfferEditOptions(request.POST or None) if can_publish else None
    if request.method == "POST":
        add = request.POST.get("add", "")
        editor = OfferEditor(
            request.POST, content=content, organisations=organisations, add=add
        )
        if not add and editor.is_valid() and (options is None or options.is_valid()):
            try:
                saved = workflow.offer_save(
                    actor=user,
                    municipality=request.municipality,
                    offer=offer,
                    content=editor.content(),
                    submit="submit" in request.POST,
                    publish=bool(options and options.cleaned_data["publish"]),
                )
            except ValidationError as error:
                editor.add_service_errors(error)
            else:
                messages.success(
                    request, SAVED_MESSAGES[saved.outcome, saved.was_published]
                )
                return _detail(saved.offer)
    else:
        editor = OfferEditor(content=content, organisations=organisations)
    context = {
        "offer": offer,
        "editor": editor,
        "form": editor.form,
        "options": options,
        "revision": revision,
        "errors": editor.error_summary(),
        "can_submit": offer is None
        or (
            offer.status in (OfferStatus.DRAFT, OfferStatus.PUBLISHED)
            and (revision is None or revision.state != RevisionState.IN_REVIEW)
            and user.has_perm("offers.submit_offer", offer)
        ),
        "no_organisation": not organisations,
    }
    return render(request, "kette_offers/staff/offer_form.html", context)


@municipality_view("offers.view_own_offers")
def offer_submit(request: HttpRequest, offer_id: Any) -> HttpResponse:
    offer = _offer(request, offer_id, for_update=True)
    _require(request, "offers.submit_offer", offer)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        workflow.offer_submit(actor=request.user, offer=offer)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The offer has been submitted for review."))
    return _detail(offer)


@municipality_view("offers.view_own_offers")
def offer_verify(request: HttpRequest, offer_id: Any) -> HttpResponse:
    offer = _offer(request, offer_id, for_update=True)
    _require(request, "offers.change_offer", offer)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if offer.status == OfferStatus.PUBLISHED:
        workflow.offer_verify(actor=request.user, offer=offer)
        messages.success(request, _("The offer is confirmed as up to date."))
    return _detail(offer)


@municipality_view("offers.view_own_offers")
@require_http_methods(["GET", "POST"])
def offer_archive(request: HttpRequest, offer_id: Any) -> HttpResponse:
    offer = _offer(request, offer_id, for_update=True)
    _require(request, "offers.archive_offer", offer)
    if request.method == "POST":
        workflow.offer_archive(actor=request.user, offer=offer)
        messages.success(
            request, _("%(title)s has been archived.") % {"title": offer.title}
        )
        return _detail(offer)
    return render(
        request,
        "kette_offers/staff/offer_confirm.html",
        {"offer": offer, "action": "archive"},
    )


@municipality_view("offers.view_own_offers")
@require_http_methods(["GET", "POST"])
def offer_delete(request: HttpRequest, offer_id: Any) -> HttpResponse:
    offer = _offer(request, offer_id, for_update=True)
    _require(request, "offers.change_offer", offer)
    if request.method == "POST":
        title = offer.title
        try:
            workflow.offer_delete(actor=request.user, offer=offer)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return _detail(offer)
        messages.success(request, _("%(title)s has been deleted.") % {"title": title})
        return redirect("offers_staff:offer_list", request.municipality.slug)
    context = {
        "offer": offer,
        "action": "delete",
        "refusal": workflow.delete_refusal(actor=request.user, offer=offer),
        "can_archive": offer.status != OfferStatus.ARCHIVED
        and request.user.has_perm("offers.archive_offer", offer),
    }
    return render(request, "kette_offers/staff/offer_confirm.html", context)
