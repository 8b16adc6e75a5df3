"""``kette demo``: Musterstadt's prevention monitoring.

The Gelsenkirchen participation index copied from its template, and six
years of plausible data for its 16 Stadtteile: every Stadtteil has a fixed
social situation (some better, some worse off, alike within a Stadtbezirk),
every indicator follows it with its own strength, a slow trend and noise.
Schlossberg is small, so some of its counts fall under the disclosure
threshold and are withheld on the public pages. A second run writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from random import Random

from django.utils import timezone
from django.utils.translation import gettext as _

from kette.core.demo import DemoContext, register
from kette.core.demo.places import MUSTERSTADT
from kette.core.models import District, Municipality

from .models import IndexDefinition, Indicator, Observation, Periodicity

# registers the builder that writes the fictional screening file (order 70)
from .records import demo as records_demo  # noqa: F401
from .services.indices import template_install

YEARS = range(2020, 2026)
#: Not on the public pages, to show the difference to the staff view.
UNPUBLISHED = {"zuwanderung"}
#: Far fewer children than elsewhere: small counts, suppressed in public.
SMALL = {"0104": 0.06}


@dataclass(frozen=True)
class Shape:
    """How an indicator behaves: city mean (%), strength of the social
    situation, change per year (percentage points), children counted per
    average Stadtteil."""

    mean: float
    strength: float
    trend: float
    base: int


SHAPES = {
    "sozialgeld": Shape(18, 9, 0.2, 1800),
    "sozialgeld-u6": Shape(21, 10, 0.3, 700),
    "migration-u18": Shape(38, 12, 0.6, 2000),
    "deutsch-unzureichend": Shape(14, 7, 0.4, 140),
    "zuwanderung": Shape(2.5, 1.2, 0.1, 2000),
    "uebergewicht": Shape(11, 4, 0.1, 140),
    "u8u9": Shape(88, -6, 0.3, 140),
    "dmft": Shape(0.9, 0.6, -0.02, 140),
    "empfehlung-hauptschule": Shape(12, 6, -0.2, 120),
    "empfehlung-gymnasium": Shape(42, -14, 0.4, 120),
    "entwicklungsdefizite": Shape(17, 7, 0.2, 140),
    "sprachfoerderung": Shape(26, 11, 0.5, 150),
    "kita-kurz": Shape(9, 5, -0.1, 140),
    "wohndauer-kurz": Shape(24, 6, 0.2, 2000),
    "laerm": Shape(16, 8, 0.0, 5000),
    "hitzeinsel": Shape(20, 9, 0.0, 5000),
}
IRREGULAR = {"laerm": [2022], "hitzeinsel": [2021, 2025]}


def _periods(indicator: Indicator) -> list[tuple[int, str]]:
    if indicator.key in IRREGULAR:
        return [(year, str(year)) for year in IRREGULAR[indicator.key]]
    if indicator.periodicity == Periodicity.SCHOOL_YEAR:
        return [(year, f"{year}/{(year + 1) % 100:02d}") for year in YEARS]
    if indicator.periodicity == Periodicity.DATE:
        return [(year, f"{year}-12-31") for year in YEARS]
    return [(year, str(year)) for year in YEARS]


def _situations(leaves: list[District], random: Random) -> dict[int, float]:
    """A social situation per Stadtteil (about −1.5 … 1.5; higher: worse off)."""
    by_parent = {}
    for leaf in leaves:
        if leaf.parent_id not in by_parent:
            by_parent[leaf.parent_id] = random.uniform(-0.9, 0.9)
    return {
        leaf.pk: by_parent[leaf.parent_id] + random.uniform(-0.6, 0.6)
        for leaf in leaves
    }


def _figure(
    shape: Shape, situation: float, size: float, year: int, random: Random
) -> tuple[float, float]:
    """Numerator and denominator of one Stadtteil and year (``situation``
    includes the Stadtteil's own deviation for this indicator)."""
    share = shape.mean + shape.strength * situation + shape.trend * (year - 2020)
    share = min(max(share + random.gauss(0, abs(shape.strength) * 0.1), 0.5), 99.0)
    denominator = max(round(shape.base * size * random.uniform(0.95, 1.05)), 1)
    return round(denominator * share / 100), denominator


def observations_for(
    municipality: Municipality, indicators: list[Indicator], seed: str
) -> list[Observation]:
    leaves = list(
        District.objects.for_municipality(municipality)
        .filter(children__isnull=True)
        .order_by("code")
    )
    random = Random(seed)
    situation = _situations(leaves, random)
    sizes = {leaf.pk: SMALL.get(leaf.code, random.uniform(0.5, 1.6)) for leaf in leaves}
    rows = []
    for indicator in indicators:
        shape = SHAPES[indicator.key]
        # each indicator follows the social situation only in part
        own = {leaf.pk: situation[leaf.pk] + random.gauss(0, 0.45) for leaf in leaves}
        for year, period in _periods(indicator):
            for leaf in leaves:
                numerator, denominator = _figure(
                    shape, own[leaf.pk], sizes[leaf.pk], year, random
                )
                if indicator.kind == "value":
                    # a mean per child (dmft): no numerator and denominator
                    mean = shape.mean + shape.strength * own[leaf.pk]
                    mean += shape.trend * (year - 2020) + random.gauss(0, 0.08)
                    rows.append(
                        Observation(
                            municipality=municipality,
                            indicator=indicator,
                            district=leaf,
                            period=period,
                            value=round(max(mean, 0.05), 2),
                        )
                    )
                    continue
                rows.append(
                    Observation(
                        municipality=municipality,
                        indicator=indicator,
                        district=leaf,
                        period=period,
                        numerator=numerator,
                        denominator=denominator,
                        value=numerator / denominator * indicator.scale,
                        status="provisional" if year == YEARS[-1] else "final",
                    )
                )
    return rows


def _key(observation: Observation) -> tuple:
    return (observation.indicator_id, observation.district_id, observation.period)


def _content(observation: Observation) -> tuple:
    return (
        observation.value,
        observation.numerator,
        observation.denominator,
        observation.status,
    )


@register(order=60)
def build_monitoring(context: DemoContext) -> None:
    municipality = context.municipalities.get(MUSTERSTADT.slug)
    if municipality is None:
        return
    template_install(municipality=municipality, actor=None)
    indicators = list(
        Indicator.objects.for_municipality(municipality).filter(key__in=SHAPES)
    )
    for indicator in indicators:
        context.upsert(
            Indicator,
            lookup={"pk": indicator.pk},
            values={"is_published": indicator.key not in UNPUBLISHED},
        )
    index = IndexDefinition.objects.get(municipality=municipality, key="partizipation")
    context.upsert(
        IndexDefinition, lookup={"pk": index.pk}, values={"is_published": True}
    )
    wanted = observations_for(municipality, indicators, f"{context.seed}:monitoring")
    existing = {_key(o): o for o in Observation.objects.for_municipality(municipality)}
    new, changed = [], []
    now = timezone.now()
    for observation in wanted:
        found = existing.get(_key(observation))
        if found is None:
            observation.clean()  # sets the period's start
            new.append(observation)
        elif _content(found) != _content(observation):
            (found.value, found.numerator, found.denominator, found.status) = _content(
                observation
            )
            found.updated_at = now  # bulk_update leaves auto_now alone
            changed.append(found)
    Observation.objects.bulk_create(new, batch_size=1000)
    # the stamp the pages' figure cache is keyed by (selectors._stamps)
    Observation.objects.bulk_update(
        changed,
        ["value", "numerator", "denominator", "status", "updated_at"],
        batch_size=1000,
    )
    context.say(
        _(
            "Monitoring of Musterstadt: %(indicators)d indicators, %(values)d "
            "values (%(new)d new, %(changed)d changed)"
        )
        % {
            "indicators": len(indicators),
            "values": len(wanted),
            "new": len(new),
            "changed": len(changed),
        }
    )
