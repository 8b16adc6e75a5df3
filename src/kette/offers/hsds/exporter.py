"""``hsds_export``: a municipality's offers as an HSDS 3.0 package.

The tabular form is a folder (or a .zip when the name ends in .zip) with the
official ``datapackage.json``, trimmed to the resources written, and one
UTF-8 CSV per resource with the descriptor's columns in its order. The JSON
form is a list of service objects with everything nested (HSDS's compiled
service view). Offers that are archived are left out unless asked for.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils import timezone

from kette.core.models import Municipality

from ..models import Offer, OfferStatus
from ..services.content import VOCABULARY_FIELDS
from .checks import EXTRA_SPECS
from .descriptor import (
    ResourceSpec,
    format_number,
    official_specs,
    trimmed_descriptor,
)
from .jsonform import NESTED
from .records import RAW, Exporter, Record

ORDER = list(official_specs())
SHORT_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?!:\d)")
BATCH = 2000

Progress = Callable[[str, int, int], None]


@dataclass
class ExportResult:
    path: Path
    form: str
    offers: int = 0
    counts: dict[str, int] = field(default_factory=dict)


def export_records(
    *,
    municipality: Municipality,
    include_archived: bool = False,
    progress: Progress | None = None,
) -> tuple[dict[str, list[Record]], int]:
    """HSDS records by resource for the municipality's offers, and their count."""
    exporter = Exporter(municipality)
    offers = Offer.objects.for_municipality(municipality).order_by("title", "id")
    if not include_archived:
        offers = offers.exclude(status=OfferStatus.ARCHIVED)
    ids = list(offers.values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        chunk = (
            Offer.objects.filter(pk__in=ids[start : start + BATCH])
            .select_related("organisation__sector")
            .prefetch_related(*VOCABULARY_FIELDS, "locations", "schedules", "contacts")
        )
        by_id = {offer.pk: offer for offer in chunk}
        for offer_id in ids[start : start + BATCH]:
            exporter.offer(by_id[offer_id])
        if progress:
            progress("export", min(start + BATCH, len(ids)), len(ids))
    records = exporter.out.lists()
    _drop_dangling(records)
    _normalise_times(records)
    return records, len(ids)


def _normalise_times(records: dict[str, list[Record]]) -> None:
    """Times as HH:MM:SS (a kept "10:00" is valid for kette, not for the schema)."""
    for name, found in records.items():
        spec = official_specs().get(name)
        if spec is None:
            continue
        times = [f.name for f in spec.fields.values() if f.type == "time"]
        for record in found:
            for key in times:
                value = record.get(key)
                match = SHORT_TIME.match(value) if isinstance(value, str) else None
                if match:
                    hour, minute = match.groups()
                    rest = value[match.end() :]
                    record[key] = f"{int(hour):02d}:{minute}:00{rest}"


def _drop_dangling(records: dict[str, list[Record]]) -> None:
    """Keys must point at written records: drop optional ones that do not."""
    specs = official_specs()
    for _round in range(3):
        ids = {name: {r["id"] for r in found} for name, found in records.items()}
        for name, found in records.items():
            spec = specs.get(name)
            if spec is None:
                continue
            kept = []
            for record in found:
                keep = True
                for key, target, _field in spec.foreign_keys:
                    value = record.get(key)
                    if value is not None and value not in ids.get(target, ()):
                        if spec.fields[key].required:
                            keep = False
                        else:
                            del record[key]
                if name == "attribute" and record.get("link_id") not in ids.get(
                    record.get("link_entity"), ()
                ):
                    keep = False
                if keep:
                    kept.append(record)
            records[name] = kept
        programs: dict[str, str] = {}
        for program in records.get("program", []):
            programs.setdefault(program["organization_id"], program["id"])
        records["program"] = [
            p
            for p in records.get("program", [])
            if programs[p["organization_id"]] == p["id"]
        ]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return format_number(value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def csv_text(resource: str, records: list[Record]) -> str:
    columns = list((official_specs() | EXTRA_SPECS)[resource].fields)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow([_cell(record.get(column)) for column in columns])
    return buffer.getvalue()


def hsds_export(
    *,
    municipality: Municipality,
    out: Path,
    json_form: bool = False,
    include_archived: bool = False,
    progress: Progress | None = None,
) -> ExportResult:
    """Write the package; returns what was written."""
    records, count = export_records(
        municipality=municipality, include_archived=include_archived, progress=progress
    )
    result = ExportResult(
        path=out, form="json" if json_form else "tabular", offers=count
    )
    result.counts = {name: len(found) for name, found in records.items() if found}
    if json_form:
        out.write_text(
            json.dumps(services_json(records), ensure_ascii=False, indent=2) + "\n",
            encoding="utf-8",
        )
        return result
    written = [
        name
        for name in ORDER
        if records.get(name) or name in ("organization", "service")
    ]
    descriptor = trimmed_descriptor(
        written,
        name=f"kette-{municipality.slug}-angebote",
        title=f"Angebote – {municipality.name} (kette)",
        description=(
            f"Präventionsangebote für Familien in {municipality.name}, "
            "exportiert aus kette als HSDS 3.0 Tabular Data Package."
        ),
        created=timezone.now().replace(microsecond=0).isoformat(),
    )
    # Read by kette though the official descriptor leaves them out: without
    # them an export and its import lose the places' accessibility.
    descriptor["resources"] += [
        extra_resource(spec) for name, spec in EXTRA_SPECS.items() if records.get(name)
    ]
    files = {DESCRIPTOR: json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"}
    for resource in descriptor["resources"]:
        files[resource["path"]] = csv_text(
            resource["name"], records.get(resource["name"], [])
        )
    if out.suffix.lower() == ".zip":
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, text in files.items():
                archive.writestr(name, text.encode("utf-8"))
    else:
        out.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            (out / name).write_text(text, encoding="utf-8", newline="")
    return result


def extra_resource(spec: ResourceSpec) -> dict[str, Any]:
    """The descriptor entry of a resource kette reads beyond the official ones."""
    schema: dict[str, Any] = {
        "fields": [
            {
                "name": item.name,
                "type": item.type,
                "format": item.format,
                "constraints": {"required": item.required, "unique": item.unique},
            }
            for item in spec.fields.values()
        ],
        "foreignKeys": [
            {"fields": own, "reference": {"resource": resource, "fields": other}}
            for own, resource, other in spec.foreign_keys
        ],
    }
    if spec.primary_key:
        schema["primaryKey"] = spec.primary_key
    return {
        "name": spec.name,
        "path": spec.path,
        "format": "csv",
        "mediatype": "text/csv",
        "profile": "tabular-data-resource",
        "schema": schema,
    }


DESCRIPTOR = "datapackage.json"
# An organization nested in a service does not repeat its locations and programs.
NOT_NESTED = {("organization", "locations"), ("organization", "programs")}


def services_json(records: dict[str, list[Record]]) -> list[dict[str, Any]]:
    """Service objects with their children nested, as HSDS's compiled view."""
    by_id = {name: {r["id"]: r for r in found} for name, found in records.items()}
    children: dict[tuple[str, str, str], list[Record]] = defaultdict(list)
    for name, found in records.items():
        for record in found:
            for key in (
                "service_id",
                "organization_id",
                "location_id",
                "service_at_location_id",
                "contact_id",
                "phone_id",
            ):
                if record.get(key):
                    children[(name, key, record[key])].append(record)
            if name == "attribute":
                children[(name, "link_id", record["link_id"])].append(record)

    def nest(resource: str, record: Record, parent_key: str | None, depth: int):
        data = {k: v for k, v in record.items() if k != RAW and k != parent_key}
        data |= record.get(RAW, {})
        for prop, (child, child_key, own_key) in NESTED.get(resource, {}).items():
            if depth > 4 or (resource, prop) in NOT_NESTED:
                continue
            if own_key is not None:
                target = by_id.get(child, {}).get(record.get(own_key))
                if target is not None:
                    data[prop] = nest(child, target, None, depth + 1)
                continue
            found = [
                r
                for r in children.get((child, child_key, record["id"]), [])
                if child != "attribute" or r.get("link_entity") == resource
            ]
            if found:
                data[prop] = [nest(child, r, child_key, depth + 1) for r in found]
        if resource == "attribute":
            data.pop("link_id", None)
        return data

    return [nest("service", service, None, 0) for service in records.get("service", [])]
