"""Reads of offers: one offer, a page of offers by id, and the search entry point."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Prefetch, QuerySet

from kette.core.districts import district_tree
from kette.core.models import Municipality

from ..filters import OfferQuery, SearchPage
from ..models import Offer, OfferLocation, OfferStatus
from ..search.directory import PageOffer, run_search
from ..search.directory import page_offers as _page_offers


def offer_list(*, municipality: Municipality, public: bool = True) -> QuerySet[Offer]:
    offers = Offer.objects.for_municipality(municipality)
    if public:
        offers = offers.filter(status=OfferStatus.PUBLISHED)
    return offers


def offer_get(*, municipality: Municipality, pk, public: bool = True) -> Offer:
    """One offer with everything its page shows."""
    return (
        offer_list(municipality=municipality, public=public)
        .select_related("organisation", "organisation__sector")
        .prefetch_related(
            "life_phases",
            "fields_of_action",
            "target_groups",
            "prevention_standards",
            "languages",
            Prefetch(
                "locations", queryset=OfferLocation.objects.select_related("district")
            ),
            "schedules",
            "contacts",
        )
        .get(pk=pk)
    )


def offers_by_ids(
    *,
    municipality: Municipality,
    ids: Sequence,
    public: bool = True,
    offers: QuerySet[Offer] | None = None,
) -> dict:
    """Offers of ``ids`` by id, from ``offers`` (default: all, shaped by the
    caller with select/prefetch/only); ids of other municipalities or (with
    ``public``) of offers not published are left out.

    The rows are fetched by primary key alone and the tenant and status are
    checked here: with the tenant in the WHERE clause SQLite (without
    statistics) walks the municipality's index over every offer instead of
    looking up the 20 keys, 30 ms instead of 0.3 at 100,000 offers.
    """
    offers = Offer.objects.all() if offers is None else offers
    found = {}
    for offer in offers.filter(pk__in=list(ids)):
        if offer.municipality_id != municipality.pk:
            continue
        if public and offer.status != OfferStatus.PUBLISHED:
            continue
        offer.municipality = municipality
        found[offer.pk] = offer
    return found


def offers_in_order(
    *,
    municipality: Municipality,
    ids: Sequence,
    details: bool = False,
    public: bool = True,
) -> list[Offer]:
    """The offers of ``ids`` (a search page) in that order, with what a result
    shows, in a fixed number of queries (see ``offers_by_ids``)."""
    prefetch: list = [
        "languages",
        "fields_of_action",
        Prefetch(
            "locations", queryset=OfferLocation.objects.select_related("district")
        ),
    ]
    if details:
        prefetch += ["schedules", "contacts", "target_groups"]
    found = offers_by_ids(
        municipality=municipality,
        ids=ids,
        public=public,
        offers=Offer.objects.select_related("organisation").prefetch_related(*prefetch),
    )
    return [found[pk] for pk in ids if pk in found]


def page_offers(
    *, municipality: Municipality, ids: Sequence, public: bool = True
) -> list[PageOffer]:
    """A search page's offers as plain values, in two queries (the API's
    results; ``kette.offers.search.directory.page_offers``)."""
    return _page_offers(municipality=municipality, ids=ids, public=public)


def district_codes_below(*, municipality: Municipality, code: str) -> list[str]:
    """The code and the codes of every district below it."""
    tree = district_tree(municipality=municipality)
    district = tree.get(code)
    below = tree.descendants(district) if district is not None else []
    return [code, *(d.code for d in below)]


def search_offers(*, municipality: Municipality, query: OfferQuery) -> SearchPage:
    """Offers matching ``query``, ranked, one page of ids, with facet counts.

    The German full-text search of ``kette.offers.search`` (see
    docs/search.md): words match inflected, in compounds, with ae/oe/ue/ss,
    with small typos and through synonyms; filters and facets are counted on
    an in-memory table of the municipality's index. ``query.public`` limits
    the results to published offers.
    """
    return run_search(municipality=municipality, query=query)
