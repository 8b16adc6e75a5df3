"""The SVG charts and their tables: classes, colours, escaping, CSV."""

from __future__ import annotations

import re

import pytest
from django.utils import translation
from django.utils.safestring import mark_safe

from kette.monitoring.charts import (
    Cell,
    DataTable,
    MapValue,
    RankItem,
    choropleth,
    map_frame,
    ranking_chart,
    render_table,
    table_csv,
    value_classes,
)
from kette.monitoring.charts.palettes import SERIES, contrast, sequential
from tests.core.factories import square


def test_quantile_classes_put_a_boundary_value_in_the_lower_class():
    bands, numbers = value_classes([1, 2, 3, 4, None], classes=2)
    assert [band.count for band in bands] == [2, 2]
    assert numbers == [0, 0, 1, 1, None]


def test_higher_is_better_turns_the_colours_round():
    worse, _ = value_classes([1.0, 5.0, 9.0], classes=3)
    better, _ = value_classes([1.0, 5.0, 9.0], classes=3, reverse=True)
    assert [b.colour for b in better] == [b.colour for b in reversed(worse)]


def test_equal_values_make_one_class():
    bands, numbers = value_classes([2.0, 2.0, 2.0])
    assert len(bands) == 1 and numbers == [0, 0, 0]


def test_series_colours_stand_out_against_white():
    assert all(contrast(colour, "#ffffff") >= 3 for colour in SERIES)
    assert len(set(sequential(5))) == 5


def test_the_map_names_itself_and_marks_districts_without_a_figure():
    frame = map_frame(
        [
            ("A", "Nord", square(7.0, 51.0)),
            ("B", "Süd <b>", square(7.01, 51.0)),
            ("C", "Ohne Fläche", None),
        ]
    )
    assert [area.code for area in frame.areas] == ["A", "B"]
    bands, _ = value_classes([1.0, 2.0], classes=2)
    svg = choropleth(
        ident="map-x",
        frame=frame,
        bands=bands,
        values={"A": MapValue(0, "1,0 %")},
        title="Quote & mehr",
        description="Karte",
        legend_title="Quote",
    )
    assert 'role="img"' in svg and 'aria-labelledby="map-x-title map-x-desc"' in svg
    assert "Quote &amp; mehr" in svg and "<b>" not in svg
    assert 'data-code="B" data-class=""' in svg  # no figure: hatched


def test_tables_escape_their_text_and_write_german_csv():
    table = DataTable(caption="<Tabelle>", columns=["Gebiet", "Wert"])
    table.add(Cell("<script>"), Cell("12,5 %", 12.5))
    table.add(Cell("Leer"), Cell("", None, title="unterdrückt"))
    html = render_table(table)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "(unterdrückt)" in html  # the reason is read out
    with translation.override("de"):
        text = table_csv(table)
    assert text.startswith("\ufeffGebiet;Wert\r\n")
    assert "&lt;script&gt;;12,5" not in text and "<script>;12,5\r\n" in text
    with translation.override("en"):
        assert "<script>;12.5\r\n" in table_csv(table)


@pytest.mark.parametrize("count", [1, 2, 5, 8])
def test_sequential_palettes_of_any_size(count):
    assert len(sequential(count)) == count


def test_csv_cells_never_start_a_formula():
    table = DataTable(caption="x", columns=["Gebiet", "Wert"])
    table.add(Cell("=1+2"), Cell("-1,5", -1.5))
    table.add(Cell("@SUM(A1)"), Cell("+1", None))
    with translation.override("en"):
        lines = table_csv(table).splitlines()
    assert lines[1] == "'=1+2;-1.5"  # numbers stay numbers
    assert lines[2] == "'@SUM(A1);'+1"


def whiskers(svg: str) -> list[tuple[float, float, float]]:
    """Each interval's line ends and its dot, from the drawn ranking."""
    found = re.findall(
        r'<g><title>[^<]*</title><line x1="([\d.]+)" y1="[\d.]+" x2="([\d.]+)".*?'
        r'<circle cx="([\d.]+)"',
        svg,
    )
    return [tuple(float(n) for n in match) for match in found]


def test_the_ranking_draws_rank_intervals_on_a_rank_axis():
    items = [
        RankItem("A", "Nord", 9.0, "9,0", rank=1, low=1, high=2),
        RankItem("B", "Süd & Ost", 5.0, "5,0", rank=2, low=1, high=4),
        RankItem("C", "West", 4.0, "4,0", rank=3, low=2, high=4),
        RankItem("D", "Mitte", 1.0, "1,0", rank=4, low=4, high=4),
    ]
    with translation.override("de"):
        svg = ranking_chart(ident="r", items=items, title="T", description="D")
    drawn = whiskers(svg)
    assert len(drawn) == 4
    left, right = drawn[1][0], drawn[1][1]  # Süd: ranks 1 to 4, the whole axis
    assert left < right
    assert drawn[0][0] == left and drawn[2][1] == right == drawn[3][0]
    assert left < drawn[1][2] < drawn[2][2] < right  # dots at ranks 2 and 3
    assert "Süd &amp; Ost: Rang 2, Rangintervall 1–4" in svg
    assert "Rangintervall, 5.–95. Perzentil" in svg  # the legend


def test_a_ranking_without_intervals_has_no_interval_panel():
    items = [RankItem("A", "Nord", 9.0, "9,0", rank=1)]
    svg = ranking_chart(ident="r", items=items, title="T", description="D")
    assert "chart__intervals" not in svg and whiskers(svg) == []


def test_a_table_drawn_again_is_drawn_for_its_own_text_and_language():
    # drawn markup is kept per content: a safe text and a plain one with the
    # same characters, or another language, are other content
    plain = DataTable(caption="x", columns=["Gebiet"])
    plain.add(Cell("<b>"), current=True)
    trusted = DataTable(caption="x", columns=["Gebiet"])
    trusted.add(Cell(mark_safe("<b>")), current=True)  # noqa: S308 - a test literal
    assert "&lt;b&gt;" in render_table(plain)
    assert "<b>" in render_table(trusted)
    assert "&lt;b&gt;" in render_table(plain)
    with translation.override("de"):
        assert "ausgewählt:" in render_table(plain)
    with translation.override("en"):
        assert "selected:" in render_table(plain)
