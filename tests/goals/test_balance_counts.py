"""The kept balance counts (kette.goals.services.balance): after every kind of
write they equal a fresh count; a write rolled back leaves them as they were;
an import counts once; the command and a deleted municipality."""

from __future__ import annotations

import datetime as dt
import random
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from kette.core.models import AgeBand, FieldOfAction, LifePhase, MeasureType
from kette.goals.grid_import import grid_import
from kette.goals.models import BalanceCount, Goal, Measure
from kette.goals.selectors.balance_counts import (
    count_by_municipality,
    kept_by_status,
    kept_counts,
    kept_total,
    total,
)
from kette.goals.services import balance as balance_services
from kette.goals.services import goals as goal_services
from kette.goals.services import measures as measure_services

from .factories import make_goal, make_measure, status
from .test_grid_import import oberhausen_rows, workbook, write

STATUSES = ("not-implemented", "partly-implemented", "fully-implemented")


def assert_kept_equals_fresh() -> None:
    fresh = count_by_municipality()
    assert kept_counts() == fresh
    assert kept_total() == total(fresh.values())
    by_status = kept_by_status()
    assert {place: (c.goals, c.by_status) for place, c in by_status.items()} == {
        place: (c.goals, c.by_status) for place, c in fresh.items()
    }


class Scenario:
    """Random writes through the services, in two municipalities."""

    def __init__(self, rng: random.Random, places) -> None:
        self.rng, self.places = rng, places
        self.types = [*MeasureType.objects.all(), None]
        self.tags = {
            "fields_of_action": list(FieldOfAction.objects.all()),
            "age_bands": list(AgeBand.objects.all()),
            "life_phases": list(LifePhase.objects.all()),
        }

    def _tags(self) -> dict:
        return {
            name: self.rng.sample(terms, self.rng.randint(0, 2))
            for name, terms in self.tags.items()
            if self.rng.random() < 0.7
        }

    def _goal(self) -> Goal | None:
        goals = list(Goal.objects.order_by("pk"))
        return self.rng.choice(goals) if goals else None

    def _measure(self) -> Measure | None:
        measures = list(Measure.objects.order_by("pk"))
        return self.rng.choice(measures) if measures else None

    def goal_create(self) -> None:
        parent = self._goal() if self.rng.random() < 0.3 else None
        place = parent.municipality if parent else self.rng.choice(self.places)
        if parent is not None and parent.level.position >= 3:
            parent = None
        make_goal(place, "Ziel", parent=parent, **self._tags())

    def goal_update(self) -> None:
        if goal := self._goal():
            goal_services.goal_update(actor=None, goal=goal, **self._tags())

    def goal_move(self) -> None:
        if (goal := self._goal()) and not goal.children.exists():
            goal_services.goal_move(actor=None, goal=goal, parent=None, number=1)

    def goal_delete(self) -> None:
        if (goal := self._goal()) and not goal.children.exists():
            goal_services.goal_delete(actor=None, goal=goal)

    def measure_create(self) -> None:
        if goal := self._goal():
            make_measure(
                goal,
                status=status(self.rng.choice(STATUSES)),
                on=timezone.localdate() - dt.timedelta(days=self.rng.randint(0, 800)),
                measure_type=self.rng.choice(self.types),
            )

    def measure_update(self) -> None:
        if measure := self._measure():
            measure_services.measure_update(
                actor=None, measure=measure, measure_type=self.rng.choice(self.types)
            )

    def measure_status_update(self) -> None:
        if measure := self._measure():
            measure_services.measure_status_update(
                actor=None, measure=measure, status=status(self.rng.choice(STATUSES))
            )

    def measure_move(self) -> None:
        if measure := self._measure():
            measure_services.measure_move(actor=None, measure=measure, number=1)

    def measure_delete(self) -> None:
        if measure := self._measure():
            measure_services.measure_delete(actor=None, measure=measure)


WRITES = [name for name in vars(Scenario) if not name.startswith("_")]


@pytest.mark.parametrize("seed", [1, 2])
def test_the_kept_counts_equal_a_fresh_count_after_every_kind_of_write(
    seed, municipality, other_municipality
):
    scenario = Scenario(random.Random(seed), [municipality, other_municipality])
    # Every kind of write at least once, then a random mix
    writes = [*WRITES, *random.Random(seed).choices(WRITES, k=24)]
    writes.sort(key=lambda name: name != "goal_create")  # something to work on
    for name in writes:
        getattr(scenario, name)()
        assert_kept_equals_fresh()
    assert kept_total().measures == Measure.objects.count() > 0


def test_a_write_rolled_back_leaves_the_counts_untouched(measure):
    kept = list(BalanceCount.objects.order_by("pk").values())
    assert kept

    with pytest.raises(RuntimeError), transaction.atomic():
        measure_services.measure_status_update(
            actor=None, measure=measure, status=status("fully-implemented")
        )
        make_measure(measure.goal, "Noch eine")
        raise RuntimeError

    assert list(BalanceCount.objects.order_by("pk").values()) == kept
    assert_kept_equals_fresh()


def test_a_grid_import_counts_its_municipality_once(
    tmp_path, municipality, monkeypatch
):
    counted = []

    def counting(places=None, **kwargs):
        counted.append(places)
        return count_by_municipality(places, **kwargs)

    monkeypatch.setattr(balance_services, "count_by_municipality", counting)
    path = write(tmp_path, workbook(oberhausen_rows()))

    grid_import(municipality=municipality, path=path, file="raster.xlsx", actor=None)

    assert counted == [[municipality.pk]]
    assert_kept_equals_fresh()
    assert kept_total().measures == 3


def test_deleting_a_municipality_deletes_its_counts(measure, other_municipality):
    # (A municipality with goals cannot be deleted: their levels are kept.)
    goal = make_goal(other_municipality, "Nachbarziel")
    make_measure(goal, "N1")
    goal_services.goal_delete(actor=None, goal=goal)
    other = other_municipality.pk
    assert BalanceCount.objects.filter(municipality_id=other).exists()

    other_municipality.delete()

    assert not BalanceCount.objects.filter(municipality_id=other).exists()
    assert_kept_equals_fresh()


def test_the_command_counts_rows_written_around_the_services_afresh(measure):
    Measure.objects.filter(pk=measure.pk).update(status=status("fully-implemented"))
    assert kept_counts() != count_by_municipality()
    output = StringIO()

    call_command("rebuild_balance_counts", stdout=output)

    assert_kept_equals_fresh()
    assert " 1 " in output.getvalue()


def test_a_grid_import_dry_run_keeps_no_counts(tmp_path, municipality):
    path = write(tmp_path, workbook(oberhausen_rows()))

    grid_import(
        municipality=municipality,
        path=path,
        file="raster.xlsx",
        actor=None,
        dry_run=True,
    )

    assert not BalanceCount.objects.exists()
    assert_kept_equals_fresh()
