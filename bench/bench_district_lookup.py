"""Benchmark: point → district look-up and the GeoJSON district import.

Run: .venv/bin/python bench/bench_district_lookup.py [--points 10000]

Builds a scratch SQLite database in a temporary KETTE_DATA_DIR, a city of
20 Stadtbezirke with 25 Planungsräume each (500 leaves, jittered and wiggly
shared boundaries of about 100 vertices per leaf), imports it as a 520-feature
GeoJSON file, then times point look-ups: the STRtree locator (one by one and
vectorised), the database bounding-box look-up, and a naive loop over all
shapes. Prints figures; asserts only that all methods agree.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
import tempfile
import time
from pathlib import Path

COLS, ROWS = 5, 4  # Stadtbezirke
SUB = 5  # Planungsräume per side of a Stadtbezirk
WEST, SOUTH, EAST, NORTH = 6.95, 51.45, 7.15, 51.60
WIGGLES = 24  # intermediate points per edge


def setup_django(data_dir: str) -> None:
    os.environ["KETTE_DATA_DIR"] = data_dir
    os.environ.pop("KETTE_DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "kette.settings"
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def city_features(rng: random.Random) -> list[dict]:
    """Leaves on a jittered grid with shared wiggly edges; parents are unions."""
    import shapely
    from shapely.geometry import Polygon

    from kette.core.geo import to_geojson

    nx, ny = COLS * SUB, ROWS * SUB
    dx, dy = (EAST - WEST) / nx, (NORTH - SOUTH) / ny

    def vertex(i: int, j: int) -> tuple[float, float]:
        inner_x, inner_y = 0 < i < nx, 0 < j < ny
        jx = rng.uniform(-0.25, 0.25) * dx if inner_x else 0.0
        jy = rng.uniform(-0.25, 0.25) * dy if inner_y else 0.0
        return (WEST + i * dx + jx, SOUTH + j * dy + jy)

    vertices = {(i, j): vertex(i, j) for i in range(nx + 1) for j in range(ny + 1)}
    edges: dict[tuple, list[tuple[float, float]]] = {}

    def edge(a: tuple[int, int], b: tuple[int, int]) -> list[tuple[float, float]]:
        key = (min(a, b), max(a, b))
        if key not in edges:
            (x0, y0), (x1, y1) = vertices[key[0]], vertices[key[1]]
            length = math.hypot(x1 - x0, y1 - y0)
            nxn, nyn = -(y1 - y0) / length, (x1 - x0) / length
            phase, amplitude = rng.uniform(0, math.tau), 0.04 * min(dx, dy)
            points = [(x0, y0)]
            for k in range(1, WIGGLES + 1):
                t = k / (WIGGLES + 1)
                off = (
                    amplitude
                    * math.sin(math.pi * t)
                    * math.sin(3 * math.tau * t + phase)
                )
                points.append(
                    (x0 + t * (x1 - x0) + off * nxn, y0 + t * (y1 - y0) + off * nyn)
                )
            edges[key] = points + [(x1, y1)]
        points = edges[key]
        return points if a == key[0] else points[::-1]

    features, children = [], {}
    for i in range(nx):
        for j in range(ny):
            corners = [(i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1), (i, j)]
            ring: list[tuple[float, float]] = []
            for a, b in zip(corners, corners[1:], strict=False):
                ring.extend(edge(a, b)[:-1])
            polygon = Polygon(ring)
            if not polygon.is_valid:
                raise SystemExit(f"bench bug: leaf {i},{j} is invalid")
            parent = f"{i // SUB + 1:02d}{j // SUB + 1:02d}"
            code = f"{parent}-{i % SUB + 1}{j % SUB + 1}"
            children.setdefault(parent, []).append(polygon)
            features.append(
                _feature(code, f"Planungsraum {code}", to_geojson(polygon), parent)
            )
    for parent, polygons in children.items():
        union = shapely.union_all(polygons)
        features.append(
            _feature(parent, f"Stadtbezirk {parent}", to_geojson(union), None)
        )
    return features


def _feature(code: str, name: str, geometry: dict, parent: str | None) -> dict:
    properties = {"code": code, "name": name, "parent": parent}
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def timed(label: str, count: int, function):
    start = time.perf_counter()
    result = function()
    seconds = time.perf_counter() - start
    per = seconds / count * 1e6
    print(f"  {label:<44} {seconds * 1000:10.1f} ms  {per:10.1f} µs/each  (n={count})")
    return result, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=10_000)
    parser.add_argument("--db-points", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=4326)
    options = parser.parse_args()
    rng = random.Random(options.seed)

    with tempfile.TemporaryDirectory(prefix="kette-bench-") as data_dir:
        setup_django(data_dir)
        from shapely.geometry import Point

        from kette.core.geo import DistrictLocator, district_for_point, to_shape
        from kette.core.models import District, Municipality
        from kette.core.services.districts import district_import

        municipality = Municipality.objects.create(
            slug="benchstadt",
            name="Benchstadt",
            ags="05999999",
            kind="kreisfreie_stadt",
            state="05",
        )
        features = city_features(rng)
        path = Path(data_dir) / "districts.geojson"
        path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
        size = path.stat().st_size / 1e6
        vertices = sum(
            len(to_shape(f["geometry"]).exterior.coords) for f in features[:500]
        )
        print(
            f"city: {len(features)} districts ({COLS * ROWS} parents, {len(features) - COLS * ROWS} "
            f"leaves, ~{vertices // 500} vertices per leaf), file {size:.1f} MB"
        )

        def do_import():
            return district_import(
                municipality=municipality, source=path, code_field="code", name_field="name",
                parent_field="parent", actor=None, actor_name="bench",
            )  # fmt: skip

        print("import (service, one transaction, audit trail included):")
        first, _s = timed("first import (all created)", len(features), do_import)
        again, _s = timed("re-import (all unchanged)", len(features), do_import)
        print(f"  created {len(first.created)}, then unchanged {len(again.unchanged)}")

        margin_x, margin_y = 0.05 * (EAST - WEST), 0.05 * (NORTH - SOUTH)
        points = [
            (rng.uniform(WEST - margin_x, EAST + margin_x), rng.uniform(SOUTH - margin_y, NORTH + margin_y))
            for _ in range(options.points)
        ]  # fmt: skip
        print("look-up:")
        locator, _s = timed(
            "DistrictLocator() build", 1, lambda: DistrictLocator(municipality)
        )
        found, t_locator = timed(
            "locator.locate",
            len(points),
            lambda: [locator.locate(x, y) for x, y in points],
        )
        many, t_many = timed(
            "locator.locate_many", len(points), lambda: locator.locate_many(points)
        )

        districts = list(District.objects.for_municipality(municipality))
        shapes = [(d, to_shape(d.geometry)) for d in districts]

        def naive(x: float, y: float):
            point = Point(x, y)
            hits = [d for d, s in shapes if s.covers(point)]
            return min(hits, key=lambda d: (-d.level, d.code)) if hits else None

        naive_found, t_naive = timed(
            "naive loop over all shapes",
            len(points),
            lambda: [naive(x, y) for x, y in points],
        )
        db_points = points[: options.db_points]
        db_found, t_db = timed(
            "district_for_point (database bbox)",
            len(db_points),
            lambda: [district_for_point(municipality=municipality, lon=x, lat=y) for x, y in db_points],
        )  # fmt: skip

        def codes(results):
            return [d.code if d else None for d in results]

        agree = codes(found) == codes(many) == codes(naive_found)
        agree = agree and codes(db_found) == codes(found[: len(db_points)])
        outside = sum(d is None for d in found)
        print(
            f"  all methods agree: {agree}; {outside} of {len(points)} points outside the city"
        )
        print("ratios (per look-up):")
        print(f"  naive / locator.locate        {t_naive / t_locator:8.1f} x")
        print(f"  naive / locator.locate_many   {t_naive / t_many:8.1f} x")
        print(
            f"  database / locator.locate     {(t_db / len(db_points)) / (t_locator / len(points)):8.1f} x"
        )
        if not agree:
            raise SystemExit("look-up methods disagree")


if __name__ == "__main__":
    main()
