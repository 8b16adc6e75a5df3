"""Every benchmark still runs: each at a tiny size, on the database of the
test run (SQLite, or PostgreSQL where the benchmark has ``--db postgres``).

The figures come from full-size runs by hand (see each script's docstring);
here only that the real code paths work and the report is printed. Nothing
about time is asserted.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TINY = {
    "bench_district_lookup.py": ["--points", "200", "--db-points", "20"],
    "bench_search.py": ["--offers", "300", "--repeat", "1"],
    "bench_hsds_import.py": ["--services", "150"],
    "bench_directory_page.py": ["--seconds", "1", "--connections", "2"],
    "bench_index.py": ["--districts", "200", "--indicators", "10", "--periods", "2"],
    "bench_import_indicators.py": ["--rows", "3000"],
    "bench_monitoring_pages.py": ["--districts", "20", "--requests", "5"],
    "bench_goals_balance.py": [
        *("--municipalities", "3", "--goals", "3", "--measures", "2"),
        *("--requests", "2", "--writes", "1"),
    ],
    "bench_networks_analysis.py": [
        *("--bodies", "30", "--people", "200", "--memberships", "600"),
        *("--organisations", "20", "--repeat", "1"),
    ],
    "bench_networks_registry.py": [
        *("--bodies", "30", "--people", "60", "--memberships", "200"),
        *("--requests", "5"),
    ],
}
#: Benchmarks that also run on PostgreSQL (in a database of their own).
POSTGRES = {
    "bench_search.py",
    "bench_hsds_import.py",
    "bench_import_indicators.py",
    "bench_goals_balance.py",
}
# What each report must contain.
FIGURES = {
    "bench_district_lookup.py": ["naive"],
    "bench_search.py": [
        "brought up to date after a write",
        "first search after a write",
        "cold",
        "api",
        "scan",
        "fts",
        "goal",
    ],
    "bench_goals_balance.py": [
        "state balance",
        "after a write",
        "raw aggregate",
        "status history by day",
        "goal: state balance p95 ≤ 200 ms (after a write)",
    ],
    "bench_networks_registry.py": ["list page", "raw rows", "CPU time", "goal"],
    "bench_hsds_import.py": ["first import", "same package again", "services/s"],
    "bench_directory_page.py": ["Requests/sec", "uncached"],
    "bench_index.py": ["engine", "plain numpy", "same classes: True"],
    "bench_import_indicators.py": ["first import", "updates", "rows/s", "csv floor"],
    "bench_networks_analysis.py": [
        "overlap",
        "graph metrics",
        "raw query",
        "naive pairs",
        "goal: overlap + graph metrics ≤ 5 s",
    ],
    "bench_monitoring_pages.py": [
        "profile",
        "indicator map",
        "index",
        "raw query",
        "goal",
    ],
}


def test_every_benchmark_is_covered():
    assert sorted(p.name for p in (ROOT / "bench").glob("bench_*.py")) == sorted(TINY)


@pytest.mark.parametrize("script", sorted(TINY))
def test_the_benchmark_runs_and_reports(script, tmp_path):
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("KETTE_", "DJANGO_"))
    }
    arguments = list(TINY[script])
    database = os.environ.get("KETTE_DATABASE_URL", "")
    if database.startswith("postgres") and script in POSTGRES:
        arguments += ["--db", "postgres"]
        environment["KETTE_BENCH_POSTGRES"] = database
    result = subprocess.run(  # noqa: S603 - our own scripts
        [sys.executable, str(ROOT / "bench" / script), *arguments],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    for figure in FIGURES[script]:
        assert figure in result.stdout, (figure, result.stdout[-2000:])
