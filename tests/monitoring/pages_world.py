"""A small city with published and unpublished monitoring data, for the page tests."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from kette.core.models import District, Municipality
from kette.monitoring.models import IndexDefinition, Indicator
from kette.monitoring.services.indices import index_save
from tests.monitoring.factories import (
    IndicatorFactory,
    ObservationFactory,
    index_spec,
    two_level_city,
)

#: Numerators of the six Stadtteile (denominator 200 each); 3 is a small count.
NUMERATORS = [3, 41, 57, 63, 77, 89]


@dataclass
class World:
    municipality: Municipality
    tops: list[District]
    leaves: list[District]
    poverty: Indicator  # published, higher is worse
    checkups: Indicator  # published, higher is better
    secret: Indicator  # not published
    index: IndexDefinition  # published


def build_world() -> World:
    municipality, tops, leaves = two_level_city()
    poverty = IndicatorFactory(
        municipality=municipality,
        key="poverty",
        name_de="Armutsquote",
        name_en="Poverty rate",
    )
    checkups = IndicatorFactory(
        municipality=municipality,
        key="checkups",
        name_de="Vorsorgequote",
        name_en="Check-up rate",
        polarity="higher_is_better",
    )
    secret = IndicatorFactory(
        municipality=municipality,
        key="secret",
        name_de="Vertrauliche Quote",
        name_en="Confidential rate",
        is_published=False,
    )
    for period, shift in (("2023", 0), ("2024", 2)):
        for leaf, numerator in zip(leaves, NUMERATORS, strict=True):
            count = numerator + (shift if numerator > 5 else 0)
            # check-ups are rare where poverty is high: both point the same way
            for indicator, value in (
                (poverty, count),
                (checkups, 200 - count),
                (secret, count),
            ):
                ObservationFactory(
                    indicator=indicator,
                    district=leaf,
                    period=period,
                    numerator=value,
                    denominator=200,
                )
    index_save(
        municipality=municipality, spec=index_spec("poverty", "checkups"), actor=None
    )
    index = IndexDefinition.objects.get(municipality=municipality, key="need")
    index.is_published = True
    index.save()
    return World(municipality, tops, leaves, poverty, checkups, secret, index)


def csv_rows(response) -> list[list[str]]:
    """The rows of a CSV download (BOM, semicolons), the header row first."""
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def number(text: str) -> float | None:
    return float(text.replace(",", ".")) if text else None
