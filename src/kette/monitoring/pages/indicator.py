"""The page of one indicator: map, ranking and time series, each with its table."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from kette.core.models import District

from .. import selectors
from ..charts import (
    Cell,
    DataTable,
    LineSeries,
    MapValue,
    RankItem,
    chart_id,
    choropleth,
    line_chart,
    ranking_chart,
    value_classes,
)
from ..figures import CITY, Figure, FigureSet
from ..models import Indicator, Polarity
from .blocks import Block, count_text, decimals_of, shown
from .scope import Scope, choose, figure_note

#: Series of the time series besides the city, at most.
MAX_SERIES = 6


@dataclass
class IndicatorPage:
    indicator: Indicator
    periods: list[str]
    period: str
    level: int
    figures: FigureSet | None
    chosen: list[District] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    city_text: str = ""
    #: what the page ignored of its address, in words
    notes: list[str] = field(default_factory=list)


def _need_order(indicator: Indicator):
    """Sort key: the districts with the most need first."""
    sign = 1 if indicator.polarity == Polarity.HIGHER_IS_BETTER else -1

    def key(item: RankItem):
        return (item.value is None, sign * (item.value or 0), item.name)

    return key


def indicator_page(
    scope: Scope,
    indicator: Indicator,
    *,
    period: str | None,
    level: str | None,
    chosen_codes: list[str],
) -> IndicatorPage:
    # every period's figures in one read: the map's period is one of them
    history = selectors.figure_history(
        indicator=indicator, public=scope.public, hierarchy=scope.hierarchy
    )
    periods = list(history)
    notes: list[str] = []
    period = choose(period, periods, label=_("Period"), notes=notes)
    level = scope.choose_level(level, notes)
    districts = [d for c in chosen_codes if (d := scope.district_by_code(c))]
    page = IndicatorPage(
        indicator, periods, period, level, None, districts[:MAX_SERIES], notes=notes
    )
    if not period:
        return page
    page.figures = history[period]
    page.city_text = shown(indicator, page.figures.city.shown)
    page.blocks = [
        *_map_and_ranking(scope, page),
        _time_series(scope, page, history),
    ]
    return page


def _map_and_ranking(scope: Scope, page: IndicatorPage) -> list[Block]:
    indicator, figures = page.indicator, page.figures
    districts = scope.hierarchy.at_level(page.level)
    values = [figures.of(d.pk).shown for d in districts]
    bands, numbers = value_classes(
        values,
        decimals=decimals_of(indicator),
        reverse=indicator.polarity == Polarity.HIGHER_IS_BETTER,
    )
    colours = {band.number: band.colour for band in bands}
    labels = {band.number: band.label for band in bands}
    level_name = scope.level_name(page.level)
    title = _("%(indicator)s, %(period)s, by %(level)s") % {
        "indicator": indicator.name,
        "period": page.period,
        "level": level_name,
    }
    table = DataTable(
        caption=title,
        columns=[
            _("District"),
            _("Code"),
            _("Value"),
            _("Numerator"),
            _("Denominator"),
            _("Class"),
            _("Note"),
        ],
    )
    chosen = {d.code for d in page.chosen}
    for district, number in zip(districts, numbers, strict=True):
        figure = figures.of(district.pk)
        table.add(
            Cell(district.name),
            Cell(district.code),
            *_figure_cells(indicator, figure),
            Cell(labels.get(number, ""), colour=colours.get(number, "")),
            Cell(figure_note(figure)),
            current=district.code in chosen,
        )
    city = figures.of(CITY)
    table.add(
        Cell(_("Whole municipality")),
        Cell(""),
        *_figure_cells(indicator, city),
        Cell(""),
        Cell(figure_note(city)),
    )
    if indicator.polarity != Polarity.NEUTRAL:
        table.notes.append(indicator.get_polarity_display())
    frame = scope.frame(page.level)
    svg = None
    if frame is not None:
        svg = choropleth(
            ident=chart_id("map", indicator.key),
            frame=frame,
            bands=bands,
            values={
                d.code: MapValue(n, shown(indicator, v))
                for d, v, n in zip(districts, values, numbers, strict=True)
            },
            title=title,
            description=_(
                "Map of the districts coloured by class; darker means more need."
            ),
            legend_title=(
                f"{indicator.name} ({indicator.unit})"
                if indicator.unit
                else indicator.name
            ),
            highlight=page.chosen[0].code if page.chosen else "",
        )
    items = sorted(
        (
            RankItem(
                code=d.code,
                name=d.name,
                value=v,
                text=shown(indicator, v) or _("no figure"),
                colour=colours.get(n, ""),
                current=d.code in chosen,
            )
            for d, v, n in zip(districts, values, numbers, strict=True)
        ),
        key=_need_order(indicator),
    )
    ranking_title = _("Ranking: %(indicator)s, %(period)s") % {
        "indicator": indicator.name,
        "period": page.period,
    }
    ranking = DataTable(
        caption=ranking_title,
        columns=[_("Rank"), _("District"), _("Value")],
    )
    for rank, item in enumerate(items, start=1):
        ranking.add(
            Cell(
                str(rank) if item.value is not None else "–",
                rank if item.value is not None else None,
            ),
            Cell(item.name),
            Cell(item.text if item.value is not None else "", item.value),
            current=item.current,
        )
    return [
        Block("map", _("Map") if svg else _("Table"), svg, table),
        Block(
            "ranking",
            _("Ranking"),
            ranking_chart(
                ident=chart_id("ranking", indicator.key),
                items=items,
                title=ranking_title,
                description=_("The districts ordered from the most need to the least."),
            ),
            ranking,
        ),
    ]


def _figure_cells(indicator: Indicator, figure: Figure) -> tuple[Cell, Cell, Cell]:
    """Value, numerator and denominator as they may be shown."""
    numerator, denominator = figure.shown_numerator, figure.shown_denominator
    return (
        Cell(shown(indicator, figure.shown), figure.shown),
        Cell(count_text(numerator), numerator),
        Cell(count_text(denominator), denominator),
    )


def _series_districts(scope: Scope, page: IndicatorPage) -> list[District]:
    if page.chosen:
        return page.chosen
    top = (
        scope.hierarchy.at_level(scope.hierarchy.levels[0])
        if scope.hierarchy.levels
        else []
    )
    return top if len(top) <= MAX_SERIES else []


def _time_series(
    scope: Scope, page: IndicatorPage, history: dict[str, FigureSet]
) -> Block:
    indicator = page.indicator
    periods = list(history)
    districts = _series_districts(scope, page)
    series = [
        LineSeries(
            name=_("Whole municipality"),
            values=tuple(history[p].city.shown for p in periods),
            reference=True,
        )
    ]
    series += [
        LineSeries(
            name=d.name, values=tuple(history[p].of(d.pk).shown for p in periods)
        )
        for d in districts
    ]
    title = _("%(indicator)s over time") % {"indicator": indicator.name}
    table = DataTable(
        caption=title,
        columns=[_("Period"), *(s.name for s in series)],
    )
    keys = [CITY, *(d.pk for d in districts)]
    for period in periods:
        cells = []
        for key in keys:
            figure = history[period].of(key)
            cells.append(
                Cell(
                    shown(indicator, figure.shown) or "–",
                    figure.shown,
                    title=figure_note(figure),
                )
            )
        table.add(Cell(period), *cells, current=period == page.period)
    svg = line_chart(
        ident=chart_id("series", indicator.key),
        periods=periods,
        series=series,
        title=title,
        description=_("One line per area; a gap means no figure for that period."),
        unit=indicator.unit,
    )
    return Block("series", _("Time series"), svg, table)
