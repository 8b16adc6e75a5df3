"""Reads the API needs beyond ``kette.core.selectors``."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from kette.core import selectors
from kette.core.models import District, DistrictPopulation, Municipality
from kette.core.models.vocabulary import (
    VOCABULARIES,
    StationStandard,
    VocabularyTerm,
)


class UnknownVocabulary(LookupError):
    pass


def vocabulary_model(*, kind: str) -> type[VocabularyTerm]:
    try:
        return VOCABULARIES[kind]
    except KeyError as exc:
        raise UnknownVocabulary(kind) from exc


def vocabulary_terms(*, kind: str) -> QuerySet[VocabularyTerm]:
    """The active terms of one vocabulary in their order."""
    model = vocabulary_model(kind=kind)
    terms = model.objects.filter(is_active=True)
    if model is StationStandard:
        terms = terms.select_related("station")
    return terms


def vocabulary_counts() -> dict[str, int]:
    """{kind: number of active terms} for every vocabulary."""
    return {
        kind: model.objects.filter(is_active=True).count()
        for kind, model in VOCABULARIES.items()
    }


def district_features(
    *,
    municipality: Municipality,
    level: int | None = None,
    with_population: bool = False,
) -> QuerySet[District]:
    """Districts of a municipality, optionally one level, with their parents."""
    districts = selectors.district_list(municipality=municipality)
    if level is not None:
        districts = districts.filter(level=level)
    if with_population:
        districts = districts.prefetch_related(
            Prefetch(
                "populations",
                queryset=DistrictPopulation.objects.select_related("age_band").order_by(
                    "year", "age_band__position", "age_band__code"
                ),
            )
        )
    return districts
