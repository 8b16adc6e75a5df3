"""District profiles (Sozialstrukturatlas) and the side-by-side comparison.

Each indicator is shown as the district's figure, the city's figure and the
standard score against the districts of the same level, turned so that a
positive score always means more need. Indicators come in different rhythms
(calendar years, school years, key dates); the page asks for a calendar
year and takes each indicator's period of that year, as the index does.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from kette.core.models import District

from .. import selectors
from ..charts import Cell, DataTable, ProfileSeries, chart_id, fmt, profile_chart
from ..figures import CITY, Figure
from ..indices import (
    incomplete_note,
    indicator_periods,
    period_coverage,
    resolve_period,
)
from ..models import Indicator, Polarity, period_start
from .blocks import Block, shown
from .scope import Scope, choose, figure_note

MAX_COMPARED = 6


@dataclass
class ProfileEntry:
    """One indicator for the districts of the page."""

    indicator: Indicator
    period: str  # the indicator's own period used ("" = none that year)
    figures: dict[int, Figure]  # district pk (and CITY) → figure
    scores: dict[int, float | None]  # district pk → oriented standard score


@dataclass
class ProfilePage:
    years: list[str]
    year: str
    districts: list[District]
    entries: list[ProfileEntry] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    #: what the page ignored of its address, in words
    notes: list[str] = field(default_factory=list)
    #: years in which a published index is incomplete (offered to staff only)
    incomplete: list[str] = field(default_factory=list)
    #: what the published indices lack in the year shown (staff)
    gaps: list[str] = field(default_factory=list)


def years_of(scope: Scope) -> list[str]:
    periods = selectors.all_periods(
        municipality=scope.municipality, public=scope.public
    )
    return sorted({str(period_start(p).year) for p in periods})


def _score(value: float | None, peers: list[float], polarity: str) -> float | None:
    if value is None or len(peers) < 2:
        return None
    mean = sum(peers) / len(peers)
    spread = math.sqrt(sum((v - mean) ** 2 for v in peers) / len(peers))
    if spread == 0:
        return 0.0
    score = (value - mean) / spread
    return -score if polarity == Polarity.HIGHER_IS_BETTER else score


def profile_entries(
    scope: Scope, districts: list[District], year: str
) -> list[ProfileEntry]:
    indicators = list(
        selectors.indicator_list(municipality=scope.municipality, public=scope.public)
    )
    available = indicator_periods(indicators)
    periods = {i.pk: resolve_period(i, available[i.pk], year) for i in indicators}
    indicators = [i for i in indicators if periods[i.pk]]
    results = selectors.figures_of_many(
        wanted=[(i, periods[i.pk]) for i in indicators],
        public=scope.public,
        hierarchy=scope.hierarchy,
    )
    peers_of = {
        level: scope.hierarchy.at_level(level) for level in {d.level for d in districts}
    }
    entries = []
    for indicator in indicators:
        period, result = periods[indicator.pk], results[indicator.pk]
        wanted = {d.pk: result.of(d.pk) for d in districts}
        wanted[CITY] = result.city
        scores = {}
        for district in districts:
            peers = [
                v
                for d in peers_of[district.level]
                if (v := result.of(d.pk).shown) is not None
            ]
            scores[district.pk] = _score(
                wanted[district.pk].shown, peers, indicator.polarity
            )
        entries.append(ProfileEntry(indicator, period, wanted, scores))
    return entries


def index_gaps(scope: Scope, years: list[str]) -> dict[str, list[str]]:
    """Per year what the published indices lack by their coverage rule (no
    entry: every published index is complete in that year)."""
    found: dict[str, list[str]] = {}
    for definition in selectors.index_list(
        municipality=scope.municipality, public=True
    ):
        for year, gaps in period_coverage(definition, years).items():
            for gap in gaps:
                found.setdefault(year, []).append(f"{definition.name}: {gap}")
    return found


def _page(scope: Scope, districts: list[District], year: str | None) -> ProfilePage:
    """The years offered follow the published indices: the public sees the
    years in which they are complete, staff every year, the incomplete ones
    marked, and the newest complete one first."""
    notes: list[str] = []
    years = years_of(scope)
    gaps = index_gaps(scope, years)
    complete = [y for y in years if y not in gaps]
    wanted = (year or "").strip()
    if scope.public:
        if wanted in gaps:
            notes.append(incomplete_note(wanted, complete[-1] if complete else ""))
            wanted = ""
        years = complete
    fallback = complete[-1] if complete else (years[-1] if years else "")
    year = choose(wanted, years, label=_("Year"), notes=notes, fallback=fallback)
    page = ProfilePage(years=years, year=year, districts=districts, notes=notes)
    page.incomplete = [y for y in years if y in gaps]
    page.gaps = gaps.get(year, [])
    if year and districts:
        page.entries = profile_entries(scope, districts, year)
    return page


def _score_text(score: float | None) -> str:
    return "" if score is None else fmt(score, 2)


def district_profile(scope: Scope, district: District, year: str | None) -> ProfilePage:
    page = _page(scope, [district], year)
    if not page.entries:
        return page
    title = _("Profile of %(district)s, %(year)s") % {
        "district": district.name,
        "year": page.year,
    }
    table = DataTable(
        caption=title,
        columns=[
            _("Indicator"),
            _("Period"),
            district.name,
            _("Whole municipality"),
            _("Standard score"),
            _("Note"),
        ],
    )
    for entry in page.entries:
        figure = entry.figures[district.pk]
        city = entry.figures[CITY]
        score = entry.scores[district.pk]
        table.add(
            Cell(entry.indicator.name),
            Cell(entry.period),
            Cell(shown(entry.indicator, figure.shown), figure.shown),
            Cell(shown(entry.indicator, city.shown), city.shown),
            Cell(_score_text(score), None if score is None else round(score, 4)),
            Cell(figure_note(figure)),
        )
    table.notes.append(_score_note())
    svg = profile_chart(
        ident=chart_id("profile", district.code),
        labels=[e.indicator.name for e in page.entries],
        series=[
            ProfileSeries(
                name=district.name,
                values=tuple(e.scores[district.pk] for e in page.entries),
            )
        ],
        title=title,
        description=_(
            "Bars to the right: more need than the average of the districts on "
            "the same level; to the left: less."
        ),
    )
    page.blocks = [Block("profile", _("Profile"), svg, table)]
    return page


def _score_note() -> str:
    return _(
        "Standard score: distance from the average of the districts on the same "
        "level in standard deviations, turned so that a positive score means "
        "more need."
    )


def comparison(
    scope: Scope, districts: list[District], year: str | None
) -> ProfilePage:
    page = _page(scope, districts[:MAX_COMPARED], year)
    districts = page.districts
    if not page.entries:
        return page
    names = ", ".join(d.name for d in districts)
    title = _("Comparison of %(districts)s, %(year)s") % {
        "districts": names,
        "year": page.year,
    }
    table = DataTable(
        caption=title,
        columns=[
            _("Indicator"),
            _("Period"),
            *(d.name for d in districts),
            _("Whole municipality"),
        ],
    )
    for entry in page.entries:
        cells = [
            Cell(
                shown(entry.indicator, entry.figures[d.pk].shown) or "–",
                entry.figures[d.pk].shown,
                title=figure_note(entry.figures[d.pk]),
            )
            for d in districts
        ]
        city = entry.figures[CITY]
        table.add(
            Cell(entry.indicator.name),
            Cell(entry.period),
            *cells,
            Cell(shown(entry.indicator, city.shown), city.shown),
        )
    scores = DataTable(
        caption=_("Standard scores: %(districts)s") % {"districts": names},
        columns=[_("Indicator"), *(d.name for d in districts)],
    )
    for entry in page.entries:
        scores.add(
            Cell(entry.indicator.name),
            *(
                Cell(_score_text(entry.scores[d.pk]), entry.scores[d.pk])
                for d in districts
            ),
        )
    scores.notes.append(_score_note())
    svg = profile_chart(
        ident=chart_id("compare", *(d.code for d in districts)),
        labels=[e.indicator.name for e in page.entries],
        series=[
            ProfileSeries(
                name=d.name, values=tuple(e.scores[d.pk] for e in page.entries)
            )
            for d in districts
        ],
        title=title,
        description=_(
            "One line per district; points to the right of the middle line mean "
            "more need than the average of the districts on the same level."
        ),
    )
    page.blocks = [
        Block("profiles", _("Profiles side by side"), svg, scores),
        Block("figures", _("Figures side by side"), None, table),
    ]
    return page
