"""The engine reproduces Berlin's published social monitoring (MSS) 2013–2021:
every class and every published value, from the indicator shares alone,
through the definition file src/kette/monitoring/data/berlin-mss.json."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest

import kette.monitoring
from kette.monitoring.engine import compute, parse

DATA = Path(__file__).resolve().parents[1] / "data" / "mss"
DEFINITION = Path(kette.monitoring.__file__).parent / "data" / "berlin-mss.json"
INDICATORS = ["S1", "S2", "S3", "S4", "D1", "D2", "D3", "D4"]
# The published values come from unrounded shares; the shares we read are
# rounded to 5 decimals, which moves a z-value by up to 5e-6 / SD and a sum of
# four by four times that. So: half a unit of the published digit, plus that
# (the largest differences seen: 2.7e-5 for 5 decimals, 0.00501 for 2).
TOLERANCE = {"5dp": 3e-5, "2dp": 0.0051}


def read(name: str) -> list[dict]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def editions():
    definition = parse(json.loads(DEFINITION.read_text(encoding="utf-8")))
    published = {(r["edition"], r["plr_id"]): r for r in read("mss_published.csv")}
    rows = read("mss_indicators.csv")
    results = {}
    for edition in sorted({r["edition"] for r in rows}):
        plrs = [r for r in rows if r["edition"] == edition]
        values = np.array(
            [[float(r[k]) if r[k] else np.nan for k in INDICATORS] for r in plrs]
        )
        result = compute(definition, values)
        results[edition] = (
            plrs,
            result,
            [published[(edition, r["plr_id"])] for r in plrs],
        )
    return definition, results


def test_every_edition_is_there(editions):
    _definition, results = editions
    assert sorted(results) == ["2013", "2015", "2017", "2019", "2021"]
    assert sum(len(plrs) for plrs, _r, _p in results.values()) == 2277


def test_every_published_class_and_code_is_reproduced(editions):
    definition, results = editions
    labels = {c.key: c.labels for c in definition.classifications}
    for edition, (_plrs, result, published) in results.items():
        status = [labels["status"][n] for n in result.classes["status"]]
        dynamics = [labels["dynamics"][n] for n in result.classes["dynamics"]]
        assert status == [p["status_class_num"] for p in published], edition
        assert dynamics == [p["dynamik_symbol"] for p in published], edition
        assert result.codes == [p["gesamt_code"] for p in published], edition


def published_columns(published: list[dict]):
    """(our value getter name, published column, precision) present in the data."""
    for column in published[0]:
        if not column.startswith("pub_") or not published[0][column]:
            continue
        yield column, column.rsplit("_", 1)[1]


def ours(result, name: str, column: int | None = None) -> np.ndarray:
    keys = {
        "zS1": 0,
        "zS2": 1,
        "zS3": 2,
        "zS4": 3,
        "zD1": 4,
        "zD2": 5,
        "zD3": 6,
        "zD4": 7,
    }
    if name in keys:
        return result.normalised[:, keys[name]]
    if name == "status_index":
        return result.subindices[:, 0]
    if name == "dynamik_index":
        return result.subindices[:, 1]
    raise KeyError(name)


def test_every_published_value_is_reproduced_within_its_rounding(editions):
    definition, results = editions
    checked = 0
    for edition, (_plrs, result, published) in results.items():
        for column, precision in published_columns(published):
            name = column[len("pub_") : -len(precision) - 1]
            expected = np.array([float(p[column]) for p in published])
            if name in ("status_sum", "dynamik_sum"):
                group = 0 if name == "status_sum" else 1
                start = sum(len(g.indicators) for g in definition.groups[:group])
                width = len(definition.groups[group].indicators)
                got = np.nansum(result.normalised[:, start : start + width], axis=1)
            else:
                got = ours(result, name)
            error = np.abs(got - expected).max()
            assert error <= TOLERANCE[precision], (edition, column, error)
            checked += len(expected)
    assert checked == 19_355  # every published value of every edition
