"""The SVG charts and their tables: classes, colours, escaping, CSV."""

from __future__ import annotations

import pytest
from django.utils import translation

from kette.monitoring.charts import (
    Cell,
    DataTable,
    MapValue,
    choropleth,
    map_frame,
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
