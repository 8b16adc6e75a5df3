"""Server-rendered SVG charts of the monitoring: pure functions, no JavaScript.

Each chart function takes plain values and returns SVG markup with
``role="img"``, a ``<title>`` and a ``<desc>``; the page shows the chart's
``DataTable`` after it and links its CSV download (``table_csv``).
"""

from .base import chart_id, fmt
from .choropleth import MapValue, choropleth
from .classes import ClassBand, value_classes
from .data_table import Cell, DataTable, Row, render_table, table_csv
from .geometry import Area, MapFrame, map_frame
from .profile import ProfileSeries, profile_chart
from .ranking import RankItem, rank_text, ranking_chart
from .timeseries import LineSeries, line_chart

__all__ = [
    "Area",
    "Cell",
    "ClassBand",
    "DataTable",
    "LineSeries",
    "MapFrame",
    "MapValue",
    "ProfileSeries",
    "RankItem",
    "Row",
    "chart_id",
    "choropleth",
    "fmt",
    "line_chart",
    "map_frame",
    "profile_chart",
    "rank_text",
    "ranking_chart",
    "render_table",
    "table_csv",
    "value_classes",
]
