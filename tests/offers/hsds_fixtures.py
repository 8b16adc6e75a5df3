"""Builders for HSDS 3.0 packages in a temporary folder.

``good_tables()`` is a small, realistic package (two organisations, three
services with places, times, contacts, languages, costs and terms) as rows
per resource; ``write_package`` writes rows as a tabular package (folder or
.zip, any delimiter, optional BOM), ``write_json`` as the nested JSON form.
Tests change the rows to make malformed packages.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

from kette.offers.hsds.descriptor import official_descriptor, official_specs
from kette.offers.hsds.exporter import services_json

Tables = dict[str, list[dict[str, Any]]]


def uid(n: int, kind: str = "0") -> str:
    """A readable UUID: uid(1, "5") → 50000000-0000-4000-8000-000000000001."""
    return f"{kind}0000000-0000-4000-8000-{n:012d}"


ORG_FZ, ORG_CITY = uid(1, "a"), uid(2, "a")
S_HEBAMME, S_HAUSAUFGABEN, S_KRABBEL = uid(1, "5"), uid(2, "5"), uid(3, "5")
L_MITTE, L_NORD = uid(1, "c"), uid(2, "c")
SAL_1, SAL_2, SAL_3 = uid(1, "d"), uid(2, "d"), uid(3, "d")
TAX_FIELDS, TAX_OWN = uid(1, "e"), uid(2, "e")
(T_HEALTH, T_EXPECTANT, T_OWN, T_AGE_0_3, T_ADMIN, T_SCHOOL) = (
    uid(n, "f") for n in range(1, 7)
)


def good_tables() -> Tables:
    return copy.deepcopy(
        {
            "organization": [
                {
                    "id": ORG_FZ,
                    "name": "Familienzentrum Mitte e.V.",
                    "description": "Treffpunkt und Beratung für Familien.",
                    "email": "info@fz-mitte.example",
                    "website": "https://fz-mitte.example",
                    "legal_status": "eingetragener Verein",
                    "year_incorporated": "1998",
                },
                {
                    "id": ORG_CITY,
                    "name": "Stadt Musterstadt – Jugendamt",
                    "description": "Kinder- und Jugendhilfe der Stadt.",
                    "website": "https://musterstadt.example/jugendamt",
                },
            ],
            "program": [
                {
                    "id": uid(1, "b"),
                    "organization_id": ORG_FZ,
                    "name": "Frühe Hilfen",
                    "description": "Angebote rund um die Geburt.",
                }
            ],
            "service": [
                {
                    "id": S_HEBAMME,
                    "organization_id": ORG_FZ,
                    "program_id": uid(1, "b"),
                    "name": "Hebammensprechstunde",
                    "alternate_name": "Beratung rund um Schwangerschaft und Geburt.",
                    "description": "Offene Sprechstunde der Familienhebammen.",
                    "url": "https://fz-mitte.example/hebamme",
                    "email": "hebamme@fz-mitte.example",
                    "status": "active",
                    "fees_description": "kostenlos",
                    "application_process": "Keine Anmeldung nötig.",
                    "eligibility_description": "Schwangere und Eltern mit Baby",
                    "minimum_age": "-0.75",
                    "maximum_age": "1",
                    "assured_date": "2025-03-01",
                    "last_modified": "2025-03-02T10:00:00+01:00",
                },
                {
                    "id": S_HAUSAUFGABEN,
                    "organization_id": ORG_CITY,
                    "name": "Hausaufgabenhilfe",
                    "description": "Hilfe bei den Hausaufgaben, montags bis donnerstags.",
                    "status": "active",
                    "fees_description": "5 € pro Monat",
                    "application_process": "Anmeldung im Jugendamt.",
                    "minimum_age": "6",
                    "maximum_age": "10.5",
                },
                {
                    "id": S_KRABBEL,
                    "organization_id": ORG_FZ,
                    "name": "Krabbelgruppe",
                    "description": "Spielen und Austausch für Eltern mit Babys.",
                    "status": "temporarily closed",
                },
            ],
            "location": [
                {
                    "id": L_MITTE,
                    "location_type": "physical",
                    "name": "Familienzentrum Mitte",
                    "latitude": "51.405",
                    "longitude": "6.805",
                    "transportation": "Bus 12, Haltestelle Markt",
                },
                {
                    "id": L_NORD,
                    "location_type": "physical",
                    "name": "Jugendtreff Nord",
                    "latitude": "51.455",
                    "longitude": "6.855",
                },
            ],
            "address": [
                {
                    "id": uid(1, "9"),
                    "location_id": L_MITTE,
                    "address_1": "Marktstraße 1",
                    "address_2": "2. Etage",
                    "city": "Musterstadt",
                    "state_province": "Nordrhein-Westfalen",
                    "postal_code": "46045",
                    "country": "DE",
                    "address_type": "physical",
                },
                {
                    "id": uid(2, "9"),
                    "location_id": L_NORD,
                    "address_1": "Nordring 7",
                    "city": "Musterstadt",
                    "state_province": "Nordrhein-Westfalen",
                    "postal_code": "46047",
                    "country": "DE",
                    "address_type": "physical",
                },
            ],
            "service_at_location": [
                {"id": SAL_1, "service_id": S_HEBAMME, "location_id": L_MITTE},
                {"id": SAL_2, "service_id": S_HAUSAUFGABEN, "location_id": L_MITTE},
                {
                    "id": SAL_3,
                    "service_id": S_HAUSAUFGABEN,
                    "location_id": L_NORD,
                    "description": "im ersten Stock",
                },
            ],
            "phone": [
                {"id": uid(1, "7"), "service_id": S_HEBAMME, "number": "0208 12345"},
                {"id": uid(2, "7"), "organization_id": ORG_FZ, "number": "0208 10000"},
                {
                    "id": uid(3, "7"),
                    "contact_id": uid(1, "6"),
                    "number": "0208 12346",
                    "type": "voice",
                },
            ],
            "contact": [
                {
                    "id": uid(1, "6"),
                    "service_id": S_HEBAMME,
                    "name": "Anna Beispiel",
                    "title": "Familienhebamme",
                    "department": "Frühe Hilfen",
                    "email": "anna@fz-mitte.example",
                }
            ],
            "schedule": [
                {
                    "id": uid(1, "8"),
                    "service_at_location_id": SAL_1,
                    "freq": "WEEKLY",
                    "byday": "MO,WE",
                    "opens_at": "09:00:00",
                    "closes_at": "12:00:00",
                    "notes": "nicht in den Ferien",
                },
                {
                    "id": uid(2, "8"),
                    "service_id": S_HEBAMME,
                    "dtstart": "2025-06-14",
                    "opens_at": "10:00",
                    "closes_at": "13:00",
                    "description": "Tag der offenen Tür",
                },
                {
                    "id": uid(3, "8"),
                    "service_id": S_HAUSAUFGABEN,
                    "freq": "MONTHLY",
                    "byday": "1SA",
                    "opens_at": "10:00",
                    "closes_at": "12:00",
                },
                {
                    "id": uid(4, "8"),
                    "service_at_location_id": SAL_3,
                    "freq": "WEEKLY",
                    "byday": "MO,TU,WE,TH",
                    "opens_at": "14:00",
                    "closes_at": "16:30",
                },
            ],
            "language": [
                {
                    "id": uid(1, "4"),
                    "service_id": S_HEBAMME,
                    "name": "Deutsch",
                    "code": "de",
                },
                {
                    "id": uid(2, "4"),
                    "service_id": S_HEBAMME,
                    "name": "Türkisch",
                    "code": "tur",
                },
                {
                    "id": uid(3, "4"),
                    "service_id": S_HAUSAUFGABEN,
                    "name": "Arabic",
                    "code": "ar",
                },
                {
                    "id": uid(4, "4"),
                    "service_id": S_HAUSAUFGABEN,
                    "name": "Klingonisch",
                    "code": "tlh",
                },
            ],
            "cost_option": [
                {
                    "id": uid(1, "3"),
                    "service_id": S_HAUSAUFGABEN,
                    "option": "pro Monat",
                    "currency": "EUR",
                    "amount": "5",
                }
            ],
            "taxonomy": [
                {"id": TAX_FIELDS, "name": "Handlungsfelder", "description": "Felder"},
                {"id": TAX_OWN, "name": "Themen Neustadt", "description": "Eigene"},
            ],
            "taxonomy_term": [
                {
                    "id": T_HEALTH,
                    "code": "health",
                    "name": "Gesundheit",
                    "description": "Gesundheit",
                    "taxonomy_id": TAX_FIELDS,
                },
                {
                    "id": T_EXPECTANT,
                    "name": "Schwangere und werdende Eltern",
                    "description": "Zielgruppe",
                    "taxonomy_id": TAX_OWN,
                },
                {
                    "id": T_OWN,
                    "code": "nt-42",
                    "name": "Familienbildung",
                    "description": "Eigenes Thema",
                    "taxonomy_id": TAX_OWN,
                },
                {
                    "id": T_AGE_0_3,
                    "code": "0-3",
                    "name": "Schwangerschaft bis 3 Jahre",
                    "description": "Altersgruppe",
                },
                {
                    "id": T_ADMIN,
                    "code": "administration",
                    "name": "Kommunalverwaltung",
                    "description": "Sektor",
                },
                {
                    "id": T_SCHOOL,
                    "code": "school-education",
                    "name": "Schulische Bildung",
                    "description": "Handlungsfeld",
                    "taxonomy_id": TAX_FIELDS,
                },
            ],
            "attribute": [
                _attribute(1, S_HEBAMME, T_HEALTH),
                _attribute(2, S_HEBAMME, T_EXPECTANT),
                _attribute(3, S_HEBAMME, T_OWN),
                _attribute(4, S_KRABBEL, T_AGE_0_3),
                _attribute(5, ORG_CITY, T_ADMIN, entity="organization"),
                _attribute(6, S_HAUSAUFGABEN, T_SCHOOL),
            ],
        }
    )


def _attribute(n: int, link: str, term: str, entity: str = "service") -> dict:
    return {
        "id": uid(n, "2"),
        "link_id": link,
        "link_entity": entity,
        "taxonomy_term_id": term,
    }


def descriptor_for(tables: Tables) -> dict[str, Any]:
    descriptor = official_descriptor()
    descriptor["resources"] = [
        r for r in descriptor["resources"] if r["name"] in tables
    ]
    return descriptor


def csv_bytes(
    resource: str,
    rows: list[dict[str, Any]],
    *,
    delimiter: str = ",",
    bom: bool = False,
    encoding: str = "utf-8",
    extra_columns: tuple[str, ...] = (),
) -> bytes:
    columns = [
        name
        for name in official_specs()[resource].fields
        if name in {key for row in rows for key in row}
        or official_specs()[resource].fields[name].required
    ]
    columns += list(extra_columns)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(column, "") for column in columns])
    text = buffer.getvalue()
    return (("\ufeff" if bom else "") + text).encode(encoding)


def write_package(
    path: Path,
    tables: Tables,
    *,
    descriptor: dict[str, Any] | None = None,
    files: dict[str, bytes] | None = None,
    zip_file: bool = False,
    **csv_options: Any,
) -> Path:
    """Write ``tables`` as a package at ``path`` (a folder, or a .zip)."""
    descriptor = descriptor or descriptor_for(tables)
    contents = {"datapackage.json": json.dumps(descriptor, indent=2).encode()}
    paths = {r["name"]: r["path"] for r in descriptor["resources"]}
    for resource, rows in tables.items():
        if resource in paths:
            contents[paths[resource]] = csv_bytes(resource, rows, **csv_options)
    contents |= files or {}
    contents = {name: data for name, data in contents.items() if data is not None}
    if zip_file:
        with zipfile.ZipFile(path, "w") as archive:
            for name, data in contents.items():
                archive.writestr(name, data)
        return path
    path.mkdir(parents=True, exist_ok=True)
    for name, data in contents.items():
        (path / name).write_bytes(data)
    return path


def write_json(path: Path, tables: Tables, *, page: bool = False) -> Path:
    """Write ``tables`` in the nested JSON form (a list, or an API Page)."""
    services = services_json(_typed(tables))
    data: Any = services
    if page:
        data = {
            "total_items": len(services),
            "total_pages": 1,
            "page_number": 1,
            "size": len(services),
            "first_page": True,
            "last_page": True,
            "empty": not services,
            "contents": services,
        }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def _typed(tables: Tables) -> Tables:
    """Numbers as JSON numbers, the way a JSON publisher writes them."""
    specs = official_specs()
    typed: Tables = {}
    for resource, rows in tables.items():
        fields = specs[resource].fields
        typed[resource] = [
            {
                key: float(value) if fields[key].type == "number" else value
                for key, value in row.items()
            }
            for row in rows
        ]
    return typed
