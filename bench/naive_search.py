"""The directory search done the naive way, the baseline of bench_search.py:
``icontains`` on title, summary and description, filters as SQL conditions,
each facet counted with a GROUP BY over the other filters.
"""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from kette.core.models import (
    AgeBand,
    District,
    FieldOfAction,
    Language,
    LifePhase,
    Municipality,
    TargetGroup,
)
from kette.offers.filters import FacetValue, OfferQuery
from kette.offers.models import Offer, OfferLocation
from kette.offers.selectors.public import district_codes_below, offer_list

VOCABULARY_FACETS = {
    "life_phase": ("life_phases", LifePhase),
    "field": ("fields_of_action", FieldOfAction),
    "language": ("languages", Language),
    "target_group": ("target_groups", TargetGroup),
}


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
    """The naive scan: every word somewhere in title, summary or description."""
    for word in text.split():
        offers = offers.filter(
            Q(title__icontains=word)
            | Q(summary__icontains=word)
            | Q(description__icontains=word)
        )
    return offers


def naive_search(city: Municipality, query: OfferQuery) -> None:
    """Count, first page and facets, as a plain scan."""
    base = match_text(offer_list(municipality=city, public=True), query.text)
    matching = _apply(base, _filter_conditions(city, query))
    matching.count()
    list(matching.order_by("-last_verified", "title").values_list("pk")[:20])
    offer_facets(municipality=city, base=base, query=query)
