"""The engine reproduces the UNDP Human Development Index 2022 through the
normal path: districts (the 193 countries) and indicator values imported
with the commands, the shipped definition src/kette/monitoring/data/undp-hdi.json
imported with `kette import_index`, computed with `kette compute_index`.
No input is transformed beforehand: the log of GNI per capita, the caps of
the goalposts, the geometric mean, the rounding to 3 decimals, the tiers and
the shared ranks all come from the definition. Every HDI, tier and rank is
checked against UNDP's published table."""

from __future__ import annotations

import csv
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

import kette.monitoring
from tests.core.factories import MunicipalityFactory

DATA = Path(__file__).resolve().parents[1] / "data" / "hdi"
DEFINITION = Path(kette.monitoring.__file__).parent / "data" / "undp-hdi.json"
TIERS = {"niedrig": "Low", "mittel": "Medium", "hoch": "High", "sehr hoch": "Very High"}
COMPONENTS = {
    "le": "Lebenserwartung bei Geburt",
    "eys": "Erwartete Schuljahre",
    "mys": "Durchschnittliche Schuljahre",
    "gnipc": "Bruttonationaleinkommen je Kopf (KKP-$ 2017)",
}

pytestmark = pytest.mark.django_db


def read(name: str) -> list[dict]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def countries() -> list[dict]:
    """The rows of countries (UNDP's aggregates ZZA… have no rank)."""
    return [
        r for r in read("hdi_2022_indicators.csv") if not r["iso3"].startswith("ZZ")
    ]


def square(at: int) -> dict:
    """A small square per country: the engine needs no real borders."""
    x, y = 13 + (at % 20) * 0.01, 52 + (at // 20) * 0.01
    ring = [[x, y], [x + 0.009, y], [x + 0.009, y + 0.009], [x, y + 0.009], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def computed(tmp_path) -> dict[str, dict]:
    MunicipalityFactory(slug="welt")
    rows = countries()
    districts = tmp_path / "countries.geojson"
    districts.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"code": r["iso3"], "name": r["country"]},
                        "geometry": square(at),
                    }
                    for at, r in enumerate(rows)
                ],
            }
        ),
        encoding="utf-8",
    )
    run(
        "import_districts",
        str(districts),
        "--municipality=welt",
        "--code-field=code",
        "--name-field=name",
    )
    catalogue = tmp_path / "catalogue.csv"
    catalogue.write_text(
        "Schlüssel;Name (Deutsch);Art\n"
        + "".join(
            f"{key};{name};other value (mean, index, score)\n"
            for key, name in COMPONENTS.items()
        ),
        encoding="utf-8",
    )
    run("import_catalogue", str(catalogue), "--municipality=welt")
    # the values as UNDP publishes them, in the long form of the import
    values = tmp_path / "values.csv"
    with values.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["district", "period", "indicator", "value"])
        for r in rows:
            for key in COMPONENTS:
                if r[key]:
                    writer.writerow([r["iso3"], r["year"], key, r[key]])
    run("import_indicators", str(values), "--municipality=welt")
    run("import_index", "welt", str(DEFINITION))
    out = tmp_path / "hdi.csv"
    run("compute_index", "welt", "undp-hdi", "--period=2022", f"--out={out}")
    with out.open(encoding="utf-8", newline="") as handle:
        return {row["district_code"]: row for row in csv.DictReader(handle)}


def test_every_hdi_tier_and_rank_is_reproduced(computed):
    published = {
        r["iso3"]: r for r in read("hdi_2022_published.csv") if r["hdi_rank_2022"]
    }
    assert len(published) == 193
    got = {
        code: (f"{float(r['index']):.3f}", TIERS[r["class_tier"]], int(r["rank"]))
        for code, r in computed.items()
        if r["index"]
    }
    expected = {
        code: (f"{float(r['hdi']):.3f}", r["hdicode"], int(float(r["hdi_rank_2022"])))
        for code, r in published.items()
    }
    assert got == expected


def test_countries_missing_a_component_get_no_hdi(computed):
    # Korea (DPR) and Monaco lack components; UNDP publishes no HDI for them
    assert computed["PRK"]["index"] == computed["MCO"]["index"] == ""
    assert computed["PRK"]["rank"] in {"", "0"}
