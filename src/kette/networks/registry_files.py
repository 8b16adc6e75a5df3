"""The registry as files: the columns of its two tables (bodies and members),
shared by the download (CSV, XLSX) and the import, so that a downloaded file
imports again and changes nothing.

Lists in a cell (districts, topics...) are separated by semicolons; a person
reads "First Last <e-mail>" (as in the SMART grids), so the import finds the
same person again.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kette.core.models import Municipality
from kette.goals.grid_files import XLSX_TYPE, Column, person_label

from .models import Body, BodyMember, Person
from .selectors.exchange import exchange_bodies, exchange_members

__all__ = ["BODY_COLUMNS", "MEMBER_COLUMNS", "XLSX_TYPE", "registry_xlsx"]

SEPARATOR = "; "


def _label(model: type, name: str):
    return capfirst(model._meta.get_field(name).verbose_name)


BODY_COLUMNS: tuple[Column, ...] = (
    Column("name", _label(Body, "name"), 40, ("Gremium", "Netzwerk", "body")),
    Column("short_name", _label(Body, "short_name"), 14, ("Kürzel",)),
    Column("body_type", _label(Body, "body_type"), 24, ("Typ", "Art", "type")),
    Column("parent", _label(Body, "parent"), 30, ("übergeordnet", "parent")),
    Column("status", _label(Body, "status"), 12),
    Column("scope", _("Scope"), 30, ("Sozialräume", "districts", "Bezirke")),
    Column("fields_of_action", _label(Body, "fields_of_action"), 30),
    Column("age_bands", _label(Body, "age_bands"), 24),
    Column("life_phases", _label(Body, "life_phases"), 24),
    Column("topics", _label(Body, "topics"), 30, ("Themen", "topics")),
    Column("founded_on", _label(Body, "founded_on"), 12, ("gegründet", "founded")),
    Column("meeting_rhythm", _label(Body, "meeting_rhythm"), 16, ("Rhythmus",)),
    Column("lead_person", _label(Body, "lead_person"), 30, ("Leitung", "lead")),
    Column("lead_organisation", _label(Body, "lead_organisation"), 30),
    Column("is_public", _label(Body, "is_public"), 10, ("öffentlich",)),
    Column("contact_email", _label(Body, "contact_email"), 28, ("Kontakt",)),
    Column("contact_phone", _label(Body, "contact_phone"), 18),
    Column("description", _label(Body, "description"), 40),
)
MEMBER_COLUMNS: tuple[Column, ...] = (
    Column("body", _("Body"), 40, ("Gremium", "Netzwerk", "network")),
    Column("first_name", _label(Person, "first_name"), 16, ("first name",)),
    Column("last_name", _label(Person, "last_name"), 20, ("Nachname", "last name")),
    Column("email", _label(Person, "email"), 28, ("E-Mail-Adresse", "mail")),
    Column("phone", _label(Person, "phone"), 18, ("Telefonnummer",)),
    Column("function", _label(Person, "function"), 24),
    Column("organisation", _label(BodyMember, "organisation"), 30, ("Träger",)),
    Column("role", _label(BodyMember, "role"), 14, ("Rolle",)),
    Column("joined_on", _label(BodyMember, "joined_on"), 12, ("seit", "joined")),
    Column("left_on", _label(BodyMember, "left_on"), 12, ("bis", "left")),
    Column("note", _label(BodyMember, "note"), 30),
)
DATE_KEYS = {"founded_on", "joined_on", "left_on"}
CONTACT_KEYS = ("email", "phone")


def sheet_titles() -> tuple[str, str]:
    """The two sheets' names in the active language."""
    return gettext("Bodies"), gettext("Members")


def yes_no(value: bool) -> str:
    return gettext("yes") if value else gettext("no")


def _names(terms: Iterable[Any], attribute: str = "label") -> str:
    return SEPARATOR.join(str(getattr(term, attribute)) for term in terms)


def body_values(body: Body) -> dict[str, Any]:
    """A body's row as the download writes it (``exchange_bodies`` rows)."""
    lead = body.lead_person
    return {
        "name": body.name,
        "short_name": body.short_name,
        "body_type": body.body_type.label,
        "parent": body.parent.name if body.parent else "",
        "status": body.get_status_display(),
        "scope": gettext("city-wide")
        if body.city_wide
        else _names(body.districts.all(), "name"),
        "fields_of_action": _names(body.fields_of_action.all()),
        "age_bands": _names(body.age_bands.all()),
        "life_phases": _names(body.life_phases.all()),
        "topics": _names(body.topics.all(), "name"),
        "founded_on": body.founded_on,
        "meeting_rhythm": body.get_meeting_rhythm_display()
        if body.meeting_rhythm
        else "",
        "lead_person": person_label(lead) if lead and not lead.is_erased else "",
        "lead_organisation": body.lead_organisation.name
        if body.lead_organisation
        else "",
        "is_public": yes_no(body.is_public),
        "contact_email": body.contact_email,
        "contact_phone": body.contact_phone,
        "description": body.description,
    }


def member_values(member: BodyMember, *, contacts: bool) -> dict[str, Any]:
    """A membership's row; the person's e-mail and phone only with ``contacts``."""
    person = member.person
    values: dict[str, Any] = {
        "body": member.body.name,
        "organisation": member.organisation.name if member.organisation else "",
        "role": member.get_role_display(),
        "joined_on": member.joined_on,
        "left_on": member.left_on,
        "note": member.note,
    }
    if person is not None:
        values.update(
            first_name=person.first_name,
            last_name=person.display_name if person.is_erased else person.last_name,
            function=person.function,
        )
        if contacts:
            values.update(email=person.email, phone=person.phone)
    return values


def registry_tables(
    municipality: Municipality, *, contacts: set[int] | None
) -> tuple[list[list[Any]], list[list[Any]]]:
    """The rows of both tables (without headers); members' contact data only
    for the bodies in ``contacts`` (None: all)."""
    bodies = [
        [body_values(body).get(column.key, "") for column in BODY_COLUMNS]
        for body in exchange_bodies(municipality=municipality)
    ]
    members = [
        [
            member_values(
                member, contacts=contacts is None or member.body_id in contacts
            ).get(column.key, "")
            for column in MEMBER_COLUMNS
        ]
        for member in exchange_members(municipality=municipality)
    ]
    return bodies, members


def _csv_cell(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    return "" if value is None else str(value)


def table_csv(columns: Sequence[Column], rows: Iterable[list[Any]]) -> str:
    """One table as CSV the way German Excel reads it: a BOM, semicolons."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([str(column.label) for column in columns])
    writer.writerows([_csv_cell(value) for value in row] for row in rows)
    return out.getvalue()


def registry_xlsx(bodies: list[list[Any]], members: list[list[Any]]) -> bytes:
    """Both tables as one workbook: a sheet each, bold frozen headers, dates
    as dates; the import reads both sheets."""
    # openpyxl loads lazily: it takes half a second to import (as in goals).
    from openpyxl import Workbook  # noqa: PLC0415
    from openpyxl.styles import Font  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    book = Workbook()
    titles = sheet_titles()
    for index, (columns, rows) in enumerate(
        ((BODY_COLUMNS, bodies), (MEMBER_COLUMNS, members))
    ):
        sheet = book.active if index == 0 else book.create_sheet()
        sheet.title = titles[index][:31]
        sheet.append([str(column.label) for column in columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(row)
        for number, column in enumerate(columns, 1):
            letter = get_column_letter(number)
            sheet.column_dimensions[letter].width = column.width
            if column.key in DATE_KEYS:
                for (cell,) in sheet.iter_rows(
                    min_row=2, min_col=number, max_col=number
                ):
                    cell.number_format = "DD.MM.YYYY"
        sheet.freeze_panes = "A2"
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()
