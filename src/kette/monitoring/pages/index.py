"""The page of a composite index: class map, ranking and the full table."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ..analysis import RankSpread, sensitivity
from ..charts import (
    Cell,
    ClassBand,
    DataTable,
    MapValue,
    RankItem,
    chart_id,
    choropleth,
    fmt,
    rank_text,
    ranking_chart,
)
from ..index_export import index_labels, index_rows
from ..indices import (
    IndexDataError,
    IndexTable,
    compute_table,
    incomplete_note,
    period_coverage,
)
from ..models import IndexDefinition
from .blocks import Block
from .scope import Scope, choose


@dataclass
class IndexPage:
    definition: IndexDefinition
    name: str
    periods: list[str]
    period: str
    level: int
    table: IndexTable | None = None
    problem: str = ""
    blocks: list[Block] = field(default_factory=list)
    #: what the page ignored of its address, in words
    notes: list[str] = field(default_factory=list)
    #: periods short of the coverage rule (offered to staff only, marked)
    incomplete: list[str] = field(default_factory=list)


def _classification(table: IndexTable):
    rules = table.engine.classifications
    return next((c for c in rules if c.of == "index"), rules[0] if rules else None)


def _period(
    scope: Scope, coverage: dict[str, list], wanted: str | None, notes: list[str]
) -> tuple[list[str], str]:
    """The periods offered and the one shown. The public sees complete periods
    only; staff see every period, the newest complete one first."""
    complete = [period for period, gaps in coverage.items() if not gaps]
    newest = complete[-1] if complete else ""
    label = _("Period")
    if scope.public:
        wanted = (wanted or "").strip()
        if wanted in coverage and wanted not in complete:
            notes.append(incomplete_note(wanted, newest))
            wanted = None
        return complete, choose(wanted, complete, label=label, notes=notes)
    periods = list(coverage)
    fallback = newest or (periods[-1] if periods else "")
    return periods, choose(wanted, periods, label=label, notes=notes, fallback=fallback)


def index_page(
    scope: Scope, definition: IndexDefinition, *, period: str | None, level: str | None
) -> IndexPage:
    notes: list[str] = []
    coverage = period_coverage(definition)
    periods, period = _period(scope, coverage, period, notes)
    level = scope.choose_level(level, notes)
    page = IndexPage(definition, definition.name, periods, period, level, notes=notes)
    page.incomplete = [p for p in periods if coverage[p]]
    if not period:
        return page
    try:
        table = compute_table(
            definition=definition,
            period=period,
            level=level,
            hierarchy=scope.hierarchy,
            public=scope.public,
            allow_incomplete=scope.staff,
        )
    except IndexDataError as error:
        page.problem = str(error)
        return page
    page.table = table
    page.blocks = _blocks(scope, page, table)
    header, lines = _public_columns(scope, index_labels(table), *index_rows(table))
    results = DataTable(
        caption=_("All values of %(index)s, %(period)s")
        % {"index": page.name, "period": page.period},
        columns=header,
    )
    for line in lines:
        results.add(
            Cell(str(line[0])),
            *(Cell(fmt(v, 3) if isinstance(v, float) else str(v), v) for v in line[1:]),
        )
    page.blocks.append(Block("results", _("All values"), None, results, collapsed=True))
    return page


def _public_columns(
    scope: Scope, labels: list[str], keys: list[str], rows: list[list]
) -> tuple[list[str], list[list]]:
    """The readable header and the rows. Public pages show the index,
    sub-indices and classes, not the figures behind them (raw or normalised:
    they may belong to unpublished indicators)."""
    keep = [
        at
        for at, key in enumerate(keys)
        if scope.staff or not key.startswith(("value_", "normalised_"))
    ]
    return [labels[at] for at in keep], [[row[at] for at in keep] for row in rows]


def _blocks(scope: Scope, page: IndexPage, table: IndexTable) -> list[Block]:
    rule = _classification(table)
    rows = table.ranked_rows()
    bands: list[ClassBand] = []
    if rule is not None:
        counts = [
            sum(1 for r in rows if r.classes[rule.key] == n)
            for n in range(len(rule.labels))
        ]
        bands = [
            ClassBand(number=n, label=label, colour=rule.colours[n], count=counts[n])
            for n, label in enumerate(rule.labels)
        ]

    def class_number(row) -> int | None:
        number = row.classes.get(rule.key, -1) if rule else -1
        return None if number < 0 else number

    title = _("%(index)s, %(period)s, by %(level)s") % {
        "index": page.name,
        "period": page.period,
        "level": scope.level_name(page.level),
    }
    names = table.subindex_names
    overview = DataTable(
        caption=title,
        columns=[_("District"), _("Code"), _("Index"), _("Rank"), _("Class"), *names],
    )
    for row in rows:
        number = class_number(row)
        overview.add(
            Cell(row.district.name),
            Cell(row.district.code),
            Cell(fmt(row.index, 2), row.index),
            Cell(rank_text(row.rank) if row.rank else "–", row.rank or None),
            Cell(
                table.class_label(rule.key, number) if number is not None else "",
                colour=rule.colours[number] if number is not None else "",
            ),
            *(Cell(fmt(v, 2), v) for v in row.subindices),
        )
    highest_first = table.engine.rank_first == "highest_value"
    overview.notes.append(
        _("Rank 1 is the district with the highest value.")
        if highest_first
        else _("Rank 1 is the district with the most need.")
    )
    blocks = []
    frame = scope.frame(page.level)
    if frame is not None:
        svg = choropleth(
            ident=chart_id("index-map", page.definition.key),
            frame=frame,
            bands=bands,
            values={
                r.district.code: MapValue(class_number(r), fmt(r.index, 2))
                for r in rows
            },
            title=title,
            description=_("Map of the districts coloured by the class of the index."),
            legend_title=_("Class"),
        )
        blocks.append(Block("map", _("Map"), svg, overview))
    else:
        blocks.append(Block("map", _("Table"), None, overview))
    colours = {
        r.district.pk: rule.colours[n]
        for r in rows
        if rule and (n := class_number(r)) is not None
    }
    blocks.append(_ranking(scope, page, table, colours))
    return blocks


def _ranking(
    scope: Scope, page: IndexPage, table: IndexTable, colours: dict[int, str]
) -> Block:
    """The ranking chart and its table; for staff with each district's rank
    interval: which rank differences mean something, the 5th–95th percentile
    of its ranks under random weights (as on the analysis page)."""
    rows = table.ranked_rows()
    title = _("Ranking: %(index)s, %(period)s") % {
        "index": page.name,
        "period": page.period,
    }
    highest_first = table.engine.rank_first == "highest_value"
    description = (
        _("The districts ordered from the highest value to the lowest.")
        if highest_first
        else _("The districts ordered from the most need to the least.")
    )
    columns = [_("Rank"), _("District"), _("Index")]
    intervals: dict[int, RankSpread] = {}
    if scope.staff:
        columns.append(_("Rank interval (5th–95th percentile)"))
        found = sensitivity(table)
        intervals = {spread.district.pk: spread for spread in found.rows}
        description += " " + _(
            "Right of the bars, each district's rank (dot) and rank interval "
            "(line): the 5th to 95th percentile of its ranks in %(runs)d runs "
            "with the weights varied at random. A short line means a firm "
            "rank; where the lines of two districts overlap, their order is "
            "not certain."
        ) % {"runs": found.runs}
    items = []
    ranking = DataTable(caption=title, columns=columns)
    for row in rows:
        spread = intervals.get(row.district.pk)
        items.append(
            RankItem(
                code=row.district.code,
                name=row.district.name,
                value=row.index,
                text=fmt(row.index, 2) if row.index is not None else _("no figure"),
                colour=colours.get(row.district.pk, ""),
                rank=row.rank or None,
                low=spread.low if spread else None,
                high=spread.high if spread else None,
            )
        )
        cells = [
            Cell(rank_text(row.rank) if row.rank else "–", row.rank or None),
            Cell(row.district.name),
            Cell(fmt(row.index, 2), row.index),
        ]
        if scope.staff:
            cells.append(Cell(f"{spread.low}–{spread.high}" if spread else "–"))
        ranking.add(*cells)
    svg = ranking_chart(
        ident=chart_id("index-ranking", page.definition.key),
        items=items,
        title=title,
        description=description,
    )
    return Block("ranking", _("Ranking"), svg, ranking)
