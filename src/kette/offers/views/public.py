"""The public offer directory (Wegweiser) under ``/<municipality>/angebote/``.

Search with facets and a map, the offer page with its calendar file and
JSON-LD, and print views of both. Only published offers are public: anything
else is a 404 here, whoever asks. The search is ``selectors.search_offers``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from kette.core.fragments import remembered, request_parts
from kette.core.tenancy import municipality_view

from ..ages import age_in_words
from ..directory import (
    active_filters,
    count_text,
    directory_context,
    link,
    offer_times,
    result_cards,
)
from ..forms.public import PRINT_LIMIT, DirectorySearch, parse_search
from ..ical import offer_calendar
from ..jsonld import as_script, offer_jsonld
from ..map import location_places, municipality_map, place_map
from ..models import Offer
from ..search.loading import search_token
from ..selectors import public as selectors


def _search_path(request: HttpRequest) -> str:
    return reverse("offers:search", kwargs={"municipality": request.municipality.slug})


@municipality_view()
@require_safe
def offer_search(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality
    search = parse_search(request.GET, municipality=municipality)
    token = search_token(municipality)
    if token is None:
        directory = _directory(request, search)
    else:
        directory = remembered(
            "offers:directory",
            (municipality.pk, token, *request_parts(request)),
            lambda: _directory(request, search),
        )
    return render(
        request, "kette_offers/public/search.html", {"search": search, **directory}
    )


def _directory(request: HttpRequest, search: DirectorySearch) -> dict[str, Any]:
    """The directory's content for one search: the same for every visitor."""
    context = directory_context(
        municipality=request.municipality,
        search=search,
        path=_search_path(request),
        print_path=reverse(
            "offers:print", kwargs={"municipality": request.municipality.slug}
        ),
    )
    return {
        "directory": render_to_string(
            "kette_offers/public/includes/directory.html", context, request=request
        ),
        "result_page": context["result"].page,
        "canonical_url": request.build_absolute_uri(context["canonical_path"]),
    }


@municipality_view()
@require_safe
def offer_print_list(request: HttpRequest) -> HttpResponse:
    """Any search result as a compact A4 list, up to PRINT_LIMIT offers."""
    municipality = request.municipality
    search = parse_search(request.GET, municipality=municipality)
    query = search.with_page(1, PRINT_LIMIT)
    result = selectors.search_offers(municipality=municipality, query=query)
    offers = selectors.offers_in_order(
        municipality=municipality, ids=result.offer_ids, details=True
    )
    today = timezone.localdate()
    entries = []
    for card in result_cards(offers, start=1):
        weekly, dated, _past = offer_times(card.offer, today=today)
        entries.append({"card": card, "weekly": weekly, "dated": dated[:3]})
    filters = active_filters(result=result, search=search, path=_search_path(request))
    context = {
        "entries": entries,
        "result": result,
        "count_text": count_text(result.count),
        "shortened": result.count > len(entries),
        "filters": filters,
        "notes": search.notes,
        "printed": timezone.localtime(),
        "search_url": request.build_absolute_uri(
            link(_search_path(request), search.params())
        ),
    }
    return render(request, "kette_offers/public/print_list.html", context)


def _public_offer(request: HttpRequest, offer_id: Any) -> Offer:
    """A published offer of the request's municipality, or 404."""
    try:
        offer = selectors.offer_get(
            municipality=request.municipality, pk=offer_id, public=True
        )
    except Offer.DoesNotExist as exc:
        raise Http404(_("No such offer here.")) from exc
    if not request.user.has_perm("offers.view_offer", offer):
        raise PermissionDenied
    offer.municipality = request.municipality
    return offer


def _offer_url(request: HttpRequest, offer: Offer) -> str:
    return request.build_absolute_uri(
        reverse(
            "offers:detail",
            kwargs={"municipality": request.municipality.slug, "offer_id": offer.pk},
        )
    )


@municipality_view()
@require_safe
def offer_detail(request: HttpRequest, offer_id: Any) -> HttpResponse:
    offer = _public_offer(request, offer_id)
    municipality = request.municipality
    today = timezone.localdate()
    weekly, dated, past = offer_times(offer, today=today)
    url = _offer_url(request, offer)
    locations = list(offer.locations.all())
    context = {
        "offer": offer,
        "age": age_in_words(offer.min_age_months, offer.max_age_months),
        "locations": locations,
        "weekly": weekly,
        "dated": dated,
        "past_sessions": past,
        "offer_url": url,
        "jsonld": as_script(offer_jsonld(offer, url=url, municipality=municipality)),
        "offer_map": place_map(
            municipality_map(municipality), location_places(offer, locations)
        ),
        "districts": list(
            dict.fromkeys(loc.district.name for loc in locations if loc.district)
        ),
        "search_url": _search_path(request),
        "printed": timezone.localtime(),
    }
    template = (
        "kette_offers/public/print_detail.html"
        if request.GET.get("druck") or request.GET.get("print")
        else "kette_offers/public/detail.html"
    )
    return render(request, template, context)


@municipality_view()
@require_safe
def offer_calendar_file(request: HttpRequest, offer_id: Any) -> HttpResponse:
    """The offer's times as an iCalendar file."""
    offer = _public_offer(request, offer_id)
    calendar = offer_calendar(
        offer, url=_offer_url(request, offer), host=request.get_host().split(":")[0]
    )
    response = HttpResponse(
        calendar.to_ical(), content_type="text/calendar; charset=utf-8"
    )
    name = slugify(offer.title) or "angebot"
    response["Content-Disposition"] = f'attachment; filename="{name}.ics"'
    return response
