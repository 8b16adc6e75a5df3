"""Reads of offers: filtering, facets and the search entry point."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Prefetch, Q, QuerySet

from kette.core.models import (
    AgeBand,
    District,
    FieldOfAction,
    Language,
    LifePhase,
    Municipality,
    TargetGroup,
)

from .filters import OfferQuery, SearchPage
from .models import Offer, OfferLocation, OfferStatus

VOCABULARY_FACETS = {
    "life_phase": ("life_phases", LifePhase),
    "field": ("fields_of_action", FieldOfAction),
    "language": ("languages", Language),
    "target_group": ("target_groups", TargetGroup),
}


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


def district_codes_below(*, municipality: Municipality, code: str) -> list[str]:
    """The code and the codes of every district below it."""
    children = defaultdict(list)
    for district_code, parent_code in District.objects.for_municipality(
        municipality
    ).values_list("code", "parent__code"):
        children[parent_code].append(district_code)
    found, todo = [], [code]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def age_overlap(low: int, high: int) -> Q:
    """Offers whose age range overlaps [low, high) months; open ends match."""
    return (Q(min_age_months__isnull=True) | Q(min_age_months__lt=high)) & (
        Q(max_age_months__isnull=True) | Q(max_age_months__gt=low)
    )


def _filter_conditions(municipality: Municipality, query: OfferQuery) -> dict[str, Q]:
    """One condition per active filter, so facets can leave their own one out."""
    conditions: dict[str, Q] = {}
    if query.age_months is not None:
        conditions["age_months"] = age_overlap(query.age_months, query.age_months + 1)
    if query.age_band:
        band = AgeBand.objects.filter(code=query.age_band).first()
        conditions["age_band"] = (
            age_overlap(band.min_months, band.max_months) if band else Q(pk__in=[])
        )
    for facet, (relation, _model) in VOCABULARY_FACETS.items():
        code = getattr(query, facet)
        if code:
            conditions[facet] = Q(
                pk__in=Offer.objects.filter(**{f"{relation}__code": code}).values("pk")
            )
    if query.district:
        codes = district_codes_below(municipality=municipality, code=query.district)
        conditions["district"] = Q(
            pk__in=OfferLocation.objects.filter(
                district__municipality=municipality, district__code__in=codes
            ).values("offer_id")
        )
    if query.free is not None:
        conditions["free"] = Q(cost="free") if query.free else ~Q(cost="free")
    return conditions


def _apply(
    offers: QuerySet[Offer], conditions: dict[str, Q], skip: str = ""
) -> QuerySet:
    for name, condition in conditions.items():
        if name != skip:
            offers = offers.filter(condition)
    return offers


def offer_facets(
    *, municipality: Municipality, base: QuerySet[Offer], query: OfferQuery
) -> dict:
    """Counts per facet value; each facet counts with the other filters applied."""
    from .filters import FacetValue

    conditions = _filter_conditions(municipality, query)
    facets: dict[str, list[FacetValue]] = {}
    for facet, (relation, model) in VOCABULARY_FACETS.items():
        offers = _apply(base, conditions, skip=facet)
        counts = dict(
            offers.values_list(f"{relation}__code")
            .annotate(n=Count("pk", distinct=True))
            .exclude(**{f"{relation}__code": None})
            .values_list(f"{relation}__code", "n")
        )
        selected = getattr(query, facet)
        facets[facet] = [
            FacetValue(
                term.code, term.label, counts.get(term.code, 0), term.code == selected
            )
            for term in model.objects.filter(is_active=True)
            if counts.get(term.code) or term.code == selected
        ]
    offers = _apply(base, conditions, skip="age_band")
    facets["age_band"] = [
        FacetValue(
            band.code,
            band.label,
            offers.filter(age_overlap(band.min_months, band.max_months)).count(),
            band.code == query.age_band,
        )
        for band in AgeBand.objects.filter(is_active=True)
    ]
    offers = _apply(base, conditions, skip="district")
    district_counts = dict(
        OfferLocation.objects.filter(offer__in=offers, district__isnull=False)
        .values_list("district__code")
        .annotate(n=Count("offer_id", distinct=True))
        .values_list("district__code", "n")
    )
    facets["district"] = [
        FacetValue(
            d.code, d.name, district_counts.get(d.code, 0), d.code == query.district
        )
        for d in District.objects.for_municipality(municipality).order_by(
            "level", "code"
        )
        if district_counts.get(d.code) or d.code == query.district
    ]
    offers = _apply(base, conditions, skip="free")
    free_count = offers.filter(cost="free").count()
    facets["free"] = [FacetValue("true", "free", free_count, query.free is True)]
    return facets


def match_text(offers: QuerySet[Offer], text: str) -> QuerySet[Offer]:
    """The naive scan: every word somewhere in title, summary or description.

    Not used by the directory (see :func:`search_offers`); kept as the
    baseline the search benchmark compares with.
    """
    for word in text.split():
        offers = offers.filter(
            Q(title__icontains=word)
            | Q(summary__icontains=word)
            | Q(description__icontains=word)
        )
    return offers


def search_offers(*, municipality: Municipality, query: OfferQuery) -> SearchPage:
    """Offers matching ``query``, ranked, one page of ids, with facet counts.

    The German full-text search of ``kette.offers.search`` (see
    docs/search.md): words match inflected, in compounds, with ae/oe/ue/ss,
    with small typos and through synonyms; filters and facets are counted on
    an in-memory table of the municipality's index. ``query.public`` limits
    the results to published offers.
    """
    from .search.directory import run_search

    return run_search(municipality=municipality, query=query)
