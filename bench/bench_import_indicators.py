"""Benchmark: importing 1,000,000 long-form observations from CSV.

Run: .venv/bin/python bench/bench_import_indicators.py [--rows 1000000]
     [--db sqlite|postgres]

Builds a scratch database (SQLite: a temporary file; PostgreSQL: the database
``kette_bench_indicators`` next to KETTE_BENCH_POSTGRES), a municipality with
1,000 districts and 100 rate indicators, and writes a long-form CSV
(district code, period, indicator key, value, numerator, denominator) with
``--rows`` rows over as many periods as needed. Times:

- the first import (every row new),
- the same file again (every row an update),
- the plain ``csv`` module reading the file (the floor any import pays),

and prints rows per second. Asserts nothing about time. Goal: 1,000,000 rows
in ≤ 60 s on SQLite.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sys
import tempfile
import time
from pathlib import Path

POSTGRES = "postgres://kette:kette@127.0.0.1:5432/kette"
DISTRICTS = 1000
INDICATORS = 100


def setup_django(db: str) -> str:
    scratch = tempfile.mkdtemp(prefix="kette-bench-indicators-")
    os.environ["KETTE_DATA_DIR"] = scratch
    os.environ["KETTE_HTTPS"] = "0"
    os.environ.pop("KETTE_DEBUG", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "kette.settings"
    if db == "postgres":
        import psycopg

        url = os.environ.get("KETTE_BENCH_POSTGRES", POSTGRES)
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute("DROP DATABASE IF EXISTS kette_bench_indicators")
            admin.execute("CREATE DATABASE kette_bench_indicators")
        os.environ["KETTE_DATABASE_URL"] = (
            url.rsplit("/", 1)[0] + "/kette_bench_indicators"
        )
    else:
        os.environ.pop("KETTE_DATABASE_URL", None)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    return scratch


def build_city(districts: int, indicators: int):
    from kette.core.models import District, Municipality
    from kette.monitoring.models import Indicator

    city = Municipality.objects.create(
        slug="benchstadt", name="Benchstadt", ags="05999001", kind="kreisfreie_stadt"
    )
    District.objects.bulk_create(
        District(municipality=city, code=f"{n:04d}", name=f"Gebiet {n}", level=0)
        for n in range(districts)
    )
    Indicator.objects.bulk_create(
        Indicator(municipality=city, key=f"ind-{n:03d}", name_de=f"Indikator {n}")
        for n in range(indicators)
    )
    return city


def write_csv(path: Path, rows: int, districts: int, indicators: int) -> int:
    rng = random.Random(1)
    per_period = districts * indicators
    periods = max(1, -(-rows // per_period))
    written = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["district", "period", "indicator", "value", "numerator", "denominator"]
        )
        for p in range(periods):
            period = str(2000 + p)
            for i in range(indicators):
                key = f"ind-{i:03d}"
                for d in range(districts):
                    if written == rows:
                        return written
                    denominator = rng.randint(20, 2000)
                    numerator = rng.randint(0, denominator)
                    value = round(numerator / denominator * 100, 4)
                    writer.writerow(
                        [f"{d:04d}", period, key, value, numerator, denominator]
                    )
                    written += 1
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()
    scratch = setup_django(args.db)
    districts = min(DISTRICTS, max(10, args.rows // 100))
    indicators = min(INDICATORS, max(2, args.rows // districts))
    city = build_city(districts, indicators)
    path = Path(scratch) / "observations.csv"
    rows = write_csv(path, args.rows, districts, indicators)
    size = path.stat().st_size / 1e6
    print(
        f"{rows:,} rows ({size:.1f} MB), {districts} districts, "
        f"{indicators} indicators, database {args.db}"
    )

    from kette.monitoring.importers.indicators import indicator_import
    from kette.monitoring.models import Observation

    started = time.perf_counter()
    with path.open(encoding="utf-8", newline="") as handle:
        read = sum(1 for _ in csv.reader(handle))
    floor = time.perf_counter() - started
    print(f"csv module reading the file: {floor:.2f} s")
    for label in ("first import", "same file again (updates)"):
        started = time.perf_counter()
        result = indicator_import(municipality=city, path=path, file=path.name)
        elapsed = time.perf_counter() - started
        print(
            f"{label}: {elapsed:.2f} s, {rows / elapsed:,.0f} rows/s "
            f"({result.created:,} new, {result.updated:,} updated; "
            f"{elapsed / floor:.1f}× the csv floor)"
        )
    assert Observation.objects.count() == rows == read - 1
    print("goal: 1,000,000 rows ≤ 60 s on SQLite")


if __name__ == "__main__":
    main()
