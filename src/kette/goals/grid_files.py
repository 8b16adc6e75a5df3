"""The SMART grids as files: the columns of the XLSX (export and import), the
XLSX export and the PDF, rendered by WeasyPrint from the printable page's
template (there is no second layout).

The XLSX has one row per measure (a goal without measures gets one row with
the measure's columns empty), so what is exported can be imported again.
"""

from __future__ import annotations

import datetime as dt
import io
import mimetypes
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kette.core.models import MeasureStatus, MeasureType, Municipality

from .models import Goal, Measure, Recurrence
from .selectors.goals import Grid, organisation_choices, responsible_people


def _field(model: type, name: str) -> Promise:
    return capfirst(model._meta.get_field(name).verbose_name)


@dataclass(frozen=True)
class Column:
    key: str
    label: Promise | str
    width: int
    # Other headers the import accepts (words of the old Word and Excel grids).
    aliases: tuple[str, ...] = ()


COLUMNS: tuple[Column, ...] = (
    Column("goal", _("Goal no."), 9, ("Ziel-Nr", "Ziel Nr.", "Nr. Ziel", "goal")),
    Column("goal_title", _field(Goal, "title"), 40, ("Zieltitel", "goal title")),
    Column(
        "goal_description",
        _field(Goal, "description"),
        40,
        ("Beschreibung", "description"),
    ),
    Column("measurement_criteria", _field(Goal, "measurement_criteria"), 40),
    Column("measure", _("Measure no."), 9, ("Nr.", "Maßnahme-Nr", "measure")),
    Column("task", _field(Measure, "task"), 50, ("Maßnahme", "Massnahme")),
    Column("responsible_person", _field(Measure, "responsible_person"), 24),
    Column(
        "responsible_organisation",
        _field(Measure, "responsible_organisation"),
        30,
        ("verantwortliche Organisation",),
    ),
    Column(
        "responsibility_note",
        _field(Measure, "responsibility_note"),
        30,
        ("Verantwortung", "Verantwortlich", "responsibility"),
    ),
    Column("cooperation_partners", _field(Measure, "cooperation_partners"), 30),
    Column(
        "cooperation_note",
        _field(Measure, "cooperation_note"),
        30,
        ("Kooperation", "cooperation"),
    ),
    Column("start", _field(Measure, "start"), 12),
    Column("due", _field(Measure, "due"), 12, ("fällig", "Termin", "Frist")),
    Column("recurrence", _field(Measure, "recurrence"), 16, ("recurrence",)),
    Column("recurrence_until", _field(Measure, "recurrence_until"), 14),
    Column(
        "schedule_note", _field(Measure, "schedule_note"), 24, ("Zeitplan", "schedule")
    ),
    Column(
        "measure_type", _field(Measure, "measure_type"), 24, ("Typ", "measure type")
    ),
    Column("status", _field(Measure, "status"), 20),
    Column("status_changed_on", _field(Measure, "status_changed_on"), 14),
)
DATE_COLUMNS = {"start", "due", "recurrence_until", "status_changed_on"}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def fold(text: str) -> str:
    return " ".join(text.replace(".", " ").replace("-", " ").casefold().split())


def header_names(columns: Sequence[Column] = COLUMNS) -> dict[str, str]:
    """{folded header: column key}: each column's German and English header
    and its other names (of the grid's columns unless others are given)."""
    names: dict[str, str] = {}
    for language in ("de", "en"):
        with translation.override(language):
            for column in columns:
                names.setdefault(fold(str(column.label)), column.key)
    for column in columns:
        names.setdefault(fold(column.key.replace("_", " ")), column.key)
        for alias in column.aliases:
            names.setdefault(fold(alias), column.key)
    return names


# --- Reading the columns back (the import) ---

DATE_FORMATS = ("%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%d.%m.%Y", "%d.%m.%y")


def parse_date(text: str) -> dt.date:
    """A date as the import reads it: 2026-12-31, 31.12.2026 or 31.12.26."""
    for pattern in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def _by_names(items, names) -> dict[str, list]:
    """{folded name: the items of that name}; ``names(item)`` gives its names."""
    found: dict[str, list] = {}
    for item in items:
        for name in {fold(name) for name in names(item) if name}:
            found.setdefault(name, []).append(item)
    return found


def _recurrences() -> dict[str, list[str]]:
    """Each repetition by its code, German and English label."""
    found: dict[str, list[str]] = {}
    for language in ("de", "en"):
        with translation.override(language):
            for value, label in Recurrence.choices[1:]:
                for name in (value, str(label)):
                    found.setdefault(fold(name), [value])
    return found


def column_choices(
    municipality: Municipality,
) -> dict[str, tuple[dict[str, list], str]]:
    """Per column of the import that names something: the values by name,
    and what they are (for the message when a name matches none)."""

    def listed(found: dict[str, list]) -> str:
        return ", ".join(
            sorted({str(i.label) for items in found.values() for i in items})
        )

    def terms(model) -> dict[str, list]:
        return _by_names(
            model.objects.filter(is_active=True),
            lambda term: (term.code, term.label_de, term.label_en),
        )

    people = _by_names(
        responsible_people(municipality=municipality),
        lambda person: (person.display_name, person.username, person.email),
    )
    organisations = _by_names(
        organisation_choices(municipality=municipality), lambda item: (item.name,)
    )
    types, statuses = terms(MeasureType), terms(MeasureStatus)
    with_role = _("the people with a role in the municipality")
    in_directory = _("the organisations of the municipality")
    return {
        "responsible_person": (people, with_role),
        "responsible_organisation": (organisations, in_directory),
        "cooperation_partners": (organisations, in_directory),
        "measure_type": (types, _("the types: %(list)s") % {"list": listed(types)}),
        "status": (statuses, _("the statuses: %(list)s") % {"list": listed(statuses)}),
        "recurrence": (
            _recurrences(),
            _("once, %(list)s")
            % {"list": ", ".join(str(label) for label in Recurrence.labels[1:])},
        ),
    }


# --- Writing (the export) ---


def person_label(person) -> str:
    """ "Erika Mustermann <erika@example.org>": readable, and unique on import."""
    if person.email:
        return f"{person.display_name} <{person.email}>"
    return person.display_name


def _measure_values(measure: Measure) -> dict[str, object]:
    person = measure.responsible_person
    return {
        "measure": measure.number,
        "task": measure.task,
        "responsible_person": person_label(person) if person else "",
        "responsible_organisation": (
            measure.responsible_organisation.name
            if measure.responsible_organisation
            else ""
        ),
        "responsibility_note": measure.responsibility_note,
        "cooperation_partners": "; ".join(
            partner.name for partner in measure.cooperation_partners.all()
        ),
        "cooperation_note": measure.cooperation_note,
        "start": measure.start,
        "due": measure.due,
        "recurrence": measure.get_recurrence_display() if measure.recurrence else "",
        "recurrence_until": measure.recurrence_until,
        "schedule_note": measure.schedule_note,
        "measure_type": measure.measure_type.label if measure.measure_type else "",
        "status": measure.status.label,
        "status_changed_on": measure.status_changed_on,
    }


def grid_rows(grids: Iterable[Grid]) -> Iterable[list[object]]:
    """The rows of the XLSX below its header, one per measure."""
    for grid in grids:
        goal = grid.goal
        goal_values = {
            "goal": grid.code,
            "goal_title": goal.title,
            "goal_description": goal.description,
            "measurement_criteria": goal.measurement_criteria,
        }
        for row in grid.measures or [None]:
            values = dict(goal_values)
            if row is not None:
                values.update(_measure_values(row.measure))
            yield [values.get(column.key, "") for column in COLUMNS]


def _reached(reached: bool | None) -> str:
    if reached is None:
        return ""
    return gettext("reached") if reached else gettext("not reached")


def indicator_rows(
    grids: Sequence[Grid], indicators: dict[int, list]
) -> Iterable[list[object]]:
    """The rows of the sheet of indicators: one per indicator and period
    (an indicator without targets or actuals gets one row)."""
    for grid in grids:
        for progress in indicators.get(grid.goal.pk, []):
            indicator = progress.indicator
            measure = indicator.measure
            head = [
                grid.code,
                f"{grid.code}.{measure.number}" if measure else "",
                indicator.name,
                indicator.get_level_display(),
                indicator.unit,
                indicator.baseline_value,
                indicator.baseline_period,
            ]
            for row in progress.rows or [None]:
                if row is None:
                    yield [*head, "", None, None, ""]
                    continue
                actual = row.actual
                shown = gettext("withheld") if actual and actual.suppressed else None
                value = actual.value if actual and not actual.suppressed else shown
                yield [*head, row.period, row.target, value, _reached(row.reached)]


def _indicator_sheet(sheet, grids: Sequence[Grid], indicators: dict[int, list]) -> None:
    from openpyxl.styles import Font  # noqa: PLC0415 (see grids_xlsx)

    sheet.append(
        [
            gettext("Goal no."),
            gettext("Measure no."),
            gettext("Indicator"),
            gettext("Type"),
            gettext("Unit"),
            gettext("Baseline"),
            gettext("Period of the baseline"),
            gettext("Period"),
            gettext("Target"),
            gettext("Actual value"),
            gettext("Target reached?"),
        ]
    )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for values in indicator_rows(grids, indicators):
        sheet.append(values)
    for letter, width in zip(
        "ABCDEFGHIJK", (8, 10, 40, 10, 10, 12, 14, 10, 10, 10, 16), strict=True
    ):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"


def grids_xlsx(
    grids: Sequence[Grid], *, title: str, indicators: dict[int, list] | None = None
) -> bytes:
    """The grids as a workbook: German headers (in the active language),
    column widths, the header row frozen, dates as dates; with ``indicators``
    (see ``print_context``) a second sheet of the indicators' targets and
    actuals per period. The import reads the first sheet only."""
    # openpyxl loads lazily: it takes half a second to import (as in monitoring).
    from openpyxl import Workbook  # noqa: PLC0415
    from openpyxl.styles import Alignment, Font  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append([str(column.label) for column in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for values in grid_rows(grids):
        sheet.append(values)
    for index, column in enumerate(COLUMNS, 1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        if column.key in DATE_COLUMNS:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = "DD.MM.YYYY"
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    if indicators:
        _indicator_sheet(
            book.create_sheet(gettext("Indicators")[:31]), grids, indicators
        )
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


# --- PDF ---

# The page's own address while WeasyPrint renders it: only static files
# (the style sheets) are fetched, from disk, never over the network.
PDF_BASE = "https://kette.invalid/"


def static_fetcher():
    """A WeasyPrint URL fetcher serving the page's static files from the
    static finders, and nothing else."""
    # WeasyPrint loads lazily: it takes seconds to import (Pango through cffi),
    # and only the PDF needs it.
    from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: PLC0415

    class StaticFilesFetcher(URLFetcher):
        def fetch(self, url: str, headers=None) -> URLFetcherResponse:
            path = urlsplit(url).path
            if not (url.startswith(PDF_BASE) and path.startswith(settings.STATIC_URL)):
                raise ValueError("only the page's own static files are fetched")
            found = finders.find(path.removeprefix(settings.STATIC_URL))
            if not found:
                raise ValueError("static file not found")
            with open(found, "rb") as source:
                body = source.read()
            kind = mimetypes.guess_type(found)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body, {"Content-Type": kind})

    return StaticFilesFetcher()


def print_context(
    *, grids: Sequence[Grid], one_goal: bool, indicators: dict[int, list] | None = None
) -> dict:
    """What the printable page (and so the PDF) shows: one goal's grid, or
    the grids of all goals, each with its indicators (``indicators``: goal id
    to ``selectors.indicators.grid_progress``'s list)."""
    given = indicators or {}
    sections = [(grid, given.get(grid.goal.pk, [])) for grid in grids]
    if one_goal:
        goal = grids[0].goal
        return {
            "grids": grids,
            "sections": sections,
            "title": gettext("SMART grid %(code)s") % {"code": grids[0].code},
            "back_url": reverse(
                "goals:goal_detail", args=[goal.municipality.slug, goal.pk]
            ),
        }
    return {
        "grids": grids,
        "sections": sections,
        "title": gettext("SMART grids of all goals"),
    }


def grids_pdf(request: HttpRequest, context: dict) -> bytes:
    """The printable page of ``context`` (see ``print_context``) as a PDF."""
    from weasyprint import HTML  # noqa: PLC0415 (seconds to import, see above)

    html = render_to_string("kette_goals/goal_print.html", context, request=request)
    return HTML(
        string=html, base_url=PDF_BASE, url_fetcher=static_fetcher()
    ).write_pdf()
