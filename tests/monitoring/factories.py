"""Factories for monitoring models (indicators, observations) and a small city."""

from __future__ import annotations

import factory

from kette.core.models import District, Municipality
from kette.monitoring.models import Indicator, Observation
from tests.core.factories import DistrictFactory, MunicipalityFactory


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    municipality = factory.SubFactory(MunicipalityFactory)
    key = factory.Sequence(lambda n: f"indicator-{n}")
    name_de = factory.Sequence(lambda n: f"Indikator {n}")
    name_en = factory.Sequence(lambda n: f"Indicator {n}")
    kind = "rate"
    unit = "%"
    scale = 100
    is_published = True


class ObservationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Observation

    indicator = factory.SubFactory(IndicatorFactory)
    municipality = factory.LazyAttribute(lambda o: o.indicator.municipality)
    district = factory.SubFactory(
        DistrictFactory, municipality=factory.SelfAttribute("..municipality")
    )
    period = "2024"
    numerator = 10
    denominator = 100
    value = factory.LazyAttribute(
        lambda o: (
            o.numerator / o.denominator * o.indicator.scale
            if o.numerator is not None and o.denominator
            else None
        )
    )


def two_level_city(
    municipality: Municipality | None = None, *, parents: int = 2, children: int = 3
) -> tuple[Municipality, list[District], list[District]]:
    """A city with ``parents`` Stadtbezirke of ``children`` Stadtteile each."""
    municipality = municipality or MunicipalityFactory()
    tops, leaves = [], []
    for p in range(parents):
        top = DistrictFactory(
            municipality=municipality, code=f"B{p + 1}", name=f"Bezirk {p + 1}", level=0
        )
        tops.append(top)
        for c in range(children):
            leaves.append(
                DistrictFactory(
                    municipality=municipality,
                    parent=top,
                    code=f"B{p + 1}-{c + 1}",
                    name=f"Stadtteil {p + 1}.{c + 1}",
                    level=1,
                )
            )
    return municipality, tops, leaves


#: Indicators that are better when higher (the rest: higher is worse).
POLARITY = {"checkups": "higher_is_better"}


def index_spec(*keys: str, **extra) -> dict:
    """A one-sub-index definition "need" over ``keys`` with two quantile classes."""
    return {
        "format": "kette-index/1",
        "key": "need",
        "name": {"de": "Bedarf", "en": "Need"},
        "subindices": [
            {
                "key": "all",
                "indicators": [
                    {"key": key, "polarity": POLARITY.get(key, "higher_is_worse")}
                    for key in keys
                ],
            }
        ],
        "classifications": [
            {"key": "q", "of": "index", "method": "quantiles", "classes": 2}
        ],
        **extra,
    }
