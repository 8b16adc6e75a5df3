"""Benchmark: overlap and graph metrics of a municipality's networks.

Run: .venv/bin/python bench/bench_networks_analysis.py [--db sqlite|postgres]
     [--bodies 2000] [--people 20000] [--memberships 100000]
     [--organisations 1000] [--repeat 3]
     (PostgreSQL: as bench_goals_balance.py, in a scratch database)

Builds one municipality with ``--bodies`` bodies, ``--people`` people (each
working for one of ``--organisations`` organisations of the seeded sectors)
and ``--memberships`` membership rows (bulk-written). Each body draws its
members from a neighbourhood of people, so neighbouring bodies overlap as
district conferences do; a tenth of the rows have left already. Then runs
the real analysis functions end-to-end from the database, ``--repeat``
times each: ``body_overlap`` (all pairs, flagged ones with evidence),
``graph_report`` (two-mode graph, degree, betweenness, projections' degrees,
sector mix) and ``member_load``, and prints p50 of each and of overlap +
graph together. Baselines: the raw query of the current memberships, and
the naive way of finding pairs (a Python set per body, every pair of bodies
intersected). Asserts nothing about time. Goal (issue 13): overlap and
graph metrics ≤ 5 s for 2,000 bodies × 20,000 people × 100,000 memberships.

Figures (issue 13, full size, 2 cores shared with ~8 engineers' tests):
see the report at the end of docs/networks.md, section "Analysis".
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time

# The same setup and timing as the other benchmarks (bench/ is on the path).
from bench_goals_balance import BATCH, setup_django  # noqa: E402
from bench_monitoring_pages import p  # noqa: E402

NEIGHBOURHOOD = 60  # a body's members come from this many people per member


def build(
    bodies: int, people: int, memberships: int, organisations: int
) -> dict[str, int]:
    from kette.core.models import BodyType, Municipality, Organisation, Sector
    from kette.networks.models import Body, BodyMember, Person

    rng = random.Random(13)
    sectors = list(Sector.objects.all())
    types = list(BodyType.objects.all())
    place = Municipality.objects.create(
        slug="musterstadt",
        name="Musterstadt",
        ags="05999000",
        kind="kreisfreie_stadt",
        state="05",
    )
    organisation_rows = Organisation.objects.bulk_create(
        (
            Organisation(
                municipality=place, name=f"Träger {n}", sector=rng.choice(sectors)
            )
            for n in range(organisations)
        ),
        batch_size=BATCH,
    )
    person_rows = Person.objects.bulk_create(
        (
            Person(
                municipality=place,
                first_name="Vorname",
                last_name=f"Person {n}",
                organisation=rng.choice(organisation_rows),
            )
            for n in range(people)
        ),
        batch_size=BATCH,
    )
    body_rows = Body.objects.bulk_create(
        (
            Body(
                municipality=place, name=f"Gremium {n:04}", body_type=rng.choice(types)
            )
            for n in range(bodies)
        ),
        batch_size=BATCH,
    )
    per_body = max(1, memberships // bodies)
    spread = min(people, per_body * NEIGHBOURHOOD // 10)
    today = dt.date.today()
    rows = []
    for number, body in enumerate(body_rows):
        centre = number * people // bodies
        chosen = {
            (centre + rng.randrange(spread)) % people for _ in range(per_body * 2)
        }
        for index in list(chosen)[:per_body]:
            person = person_rows[index]
            joined = today - dt.timedelta(days=rng.randrange(30, 3000))
            left = None
            if rng.random() < 0.1:
                left = joined + dt.timedelta(days=rng.randrange(1, 25))
            rows.append(
                BodyMember(
                    body=body,
                    person=person,
                    organisation_id=person.organisation_id,
                    joined_on=joined,
                    left_on=left,
                )
            )
    BodyMember.objects.bulk_create(rows, batch_size=BATCH)
    return {
        "bodies": len(body_rows),
        "people": len(person_rows),
        "organisations": len(organisation_rows),
        "memberships": len(rows),
    }


def naive_pairs(municipality) -> int:
    """Pairs of bodies sharing a person, the obvious way (a set per body,
    every pair intersected)."""
    from kette.networks.analysis.data import current_on
    from kette.networks.models import BodyMember

    members: dict[int, set[int]] = {}
    for body, person in BodyMember.objects.filter(
        current_on(dt.date.today()), body__municipality=municipality
    ).values_list("body_id", "person_id"):
        members.setdefault(body, set()).add(person)
    sets = list(members.values())
    return sum(
        1
        for i, first in enumerate(sets)
        for second in sets[i + 1 :]
        if not first.isdisjoint(second)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bodies", type=int, default=2000)
    parser.add_argument("--people", type=int, default=20000)
    parser.add_argument("--memberships", type=int, default=100000)
    parser.add_argument("--organisations", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()
    vendor, old_config = setup_django(args.db)
    from django.db import connection

    from kette.core.models import Municipality
    from kette.networks.analysis.data import current_on
    from kette.networks.analysis.graph import graph_report
    from kette.networks.analysis.load import member_load
    from kette.networks.analysis.overlap import body_overlap
    from kette.networks.models import BodyMember

    try:
        start = time.perf_counter()
        sizes = build(args.bodies, args.people, args.memberships, args.organisations)
        built = ", ".join(f"{count} {name}" for name, count in sizes.items())
        print(f"{vendor}: {built}; built in {time.perf_counter() - start:.1f} s")
        place = Municipality.objects.get(slug="musterstadt")
        runs = {
            "overlap": lambda: body_overlap(place),
            "graph metrics": lambda: graph_report(place),
            "load": lambda: member_load(place),
        }
        times: dict[str, list[float]] = {name: [] for name in runs}
        results = {}
        for _ in range(args.repeat):
            for name, run in runs.items():
                start = time.perf_counter()
                results[name] = run()
                times[name].append(time.perf_counter() - start)
        for name, measured in times.items():
            print(f"{name:14s} p50 {p(measured, 0.5):8.1f} ms   ({args.repeat} runs)")
        overlap, report = results["overlap"], results["graph metrics"]
        print(
            f"overlap: {overlap.pairs_with_overlap} pairs with shared members, "
            f"{overlap.flagged_count} flagged; graph: "
            f"{report.graph.number_of_nodes()} nodes, "
            f"{report.graph.number_of_edges()} edges, betweenness "
            + (
                f"estimated from {report.sample} sources"
                if report.approximate
                else "exact"
            )
        )
        both = [
            a + b for a, b in zip(times["overlap"], times["graph metrics"], strict=True)
        ]
        raw = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            list(
                BodyMember.objects.filter(
                    current_on(dt.date.today()), body__municipality=place
                ).values_list("body_id", "person_id", "organisation_id")
            )
            raw.append(time.perf_counter() - start)
        print(f"raw query (current memberships): p50 {p(raw, 0.5):.1f} ms")
        start = time.perf_counter()
        naive = naive_pairs(place)
        naive_time = time.perf_counter() - start
        print(
            f"naive pairs (a set per body, every pair intersected): "
            f"{naive_time * 1000:.1f} ms, {naive} pairs (sparse product: "
            f"{overlap.pairs_with_overlap} pairs sharing a person or organisation)"
        )
        worst = max(both)
        print(
            f"goal: overlap + graph metrics ≤ 5 s: "
            f"{'met' if worst <= 5 else 'missed'} "
            f"(p50 {p(both, 0.5):.1f} ms, slowest {worst * 1000:.1f} ms)"
        )
    finally:
        if vendor == "postgresql":
            from django.test.utils import teardown_databases

            connection.close()
            teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main()
