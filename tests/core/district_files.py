"""GeoJSON district files for the `kette import_districts` tests, and running it."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from kette.core.models import AuditEntry, District
from kette.core.services.districts import district_import
from tests.core.factories import square

BOW_TIE = {
    "type": "Polygon",
    "coordinates": [
        [[6.8, 51.4], [6.81, 51.41], [6.81, 51.4], [6.8, 51.41], [6.8, 51.4]]
    ],
}


def feature(code, name, geometry=None, parent=None, **extra) -> dict:
    properties = {"code": code, "name": name, **extra}
    if parent is not None:
        properties["parent"] = parent
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": geometry if geometry is not None else square(6.8, 51.4),
    }


def collection(*features, **members) -> dict:
    return {"type": "FeatureCollection", "features": list(features), **members}


def box(x0, y0, x1, y1) -> dict:
    ring = [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]
    return {"type": "Polygon", "coordinates": [ring]}


def two_levels() -> dict:
    """Children first: a parent may come later in the file than its children."""
    return collection(
        feature(
            "0101", "Altstadt-Nord", square(6.80, 51.40), parent="01", kind="Stadtteil"
        ),
        feature(
            "0102", "Altstadt-Süd", square(6.81, 51.40), parent="01", kind="Stadtteil"
        ),
        feature("0201", "Hafen", square(6.82, 51.40), parent="02", kind="Stadtteil"),
        feature("01", "Mitte", box(6.80, 51.40, 6.82, 51.41), kind="Stadtbezirk"),
        feature("02", "Ost", box(6.82, 51.40, 6.83, 51.41), kind="Stadtbezirk"),
    )


def run(path, *options, municipality="musterstadt", parent=True, **streams):
    args = [str(path), "--municipality", municipality]
    args += ["--code-field", "code", "--name-field", "name"]
    if parent:
        args += ["--parent-field", "parent"]
    stdout, stderr = StringIO(), StringIO()
    call_command("import_districts", *args, *options, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def fails(path, *options, **kwargs) -> str:
    """Run the import expecting failure; nothing may have been written."""
    with pytest.raises(CommandError) as error:
        run(path, *options, **kwargs)
    assert District.objects.count() == 0
    assert AuditEntry.objects.count() == 0
    message = str(error.value)
    assert message.startswith("nothing was imported") or "municipality" in message
    return message


def import_upload(municipality, content: dict, *, actor=None):
    """The import service on an uploaded file called upload.geojson."""
    return district_import(
        municipality=municipality,
        source=json.dumps(content).encode(),
        file="upload.geojson",
        code_field="code",
        name_field="name",
        actor=actor,
    )
