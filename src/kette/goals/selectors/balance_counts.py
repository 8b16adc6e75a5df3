"""The counts a balance is made of, per municipality: counted afresh, and
as kept in the database.

A balance needs, per municipality: its goals, its measures by status and by
type, by each tag of their goal (field of action, age band, life phase; and
those of goals without one), and the status moves per quarter from the
status history. ``count_by_municipality`` counts all of it in the database,
grouped by municipality (a few ms for one municipality of 500 measures; over
a second for the 400 of issue 12's bench, most of it the status history).
So every write that changes a count counts its municipality again inside its
transaction and keeps the result as ``BalanceCount`` rows, some 60 per
municipality (kette.goals.services.balance). A balance reads those: the
state's sums in the database (``kept_total``) and, for its table, each
municipality's goals and measures by status (``kept_by_status``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.apps import apps as django_apps
from django.apps.registry import Apps
from django.db.models import Count, Model, QuerySet, Sum

from kette.core.models import AgeBand, FieldOfAction, LifePhase

from ..models import BalanceCount

#: The goal's tags a balance breaks measures down by: attribute, term model
TAGS: dict[str, type[Model]] = {
    "fields_of_action": FieldOfAction,
    "age_bands": AgeBand,
    "life_phases": LifePhase,
}

Quarter = tuple[int, int]  # (2024, 3)
Row = tuple[str, int | None, int | None, int]  # kind, term, quarter, n
GOALS, MOVES = "goals", "moves"


def _add(into: dict, counts: dict, sign: int = 1) -> None:
    for key, n in counts.items():
        into[key] = into.get(key, 0) + sign * n


@dataclass
class Counts:
    """One municipality's counts (or the sum of several), in plain dicts."""

    goals: int = 0
    by_status: dict[int, int] = field(default_factory=dict)  # status pk -> n
    by_type: dict[int | None, int] = field(default_factory=dict)  # type pk -> n
    # tag attribute -> {term pk, or None for goals without one: n}
    by_tag: dict[str, dict[int | None, int]] = field(
        default_factory=lambda: {name: {} for name in TAGS}
    )
    # (year, quarter) -> {status pk: changes into it less changes out of it}
    moves: dict[Quarter, dict[int, int]] = field(default_factory=dict)

    @property
    def measures(self) -> int:
        return sum(self.by_status.values())

    def add(self, other: Counts, sign: int = 1) -> None:
        """Add ``other`` (``sign`` -1: take it away)."""
        self.goals += sign * other.goals
        _add(self.by_status, other.by_status, sign)
        _add(self.by_type, other.by_type, sign)
        for name, counts in other.by_tag.items():
            _add(self.by_tag[name], counts, sign)
        for quarter, moves in other.moves.items():
            _add(self.moves.setdefault(quarter, {}), moves, sign)

    def rows(self) -> Iterator[Row]:
        """The counts as ``BalanceCount`` keeps them: (kind, term, quarter, n)."""
        yield GOALS, None, None, self.goals
        for kind, counts in (("status", self.by_status), ("type", self.by_type)):
            for term, n in counts.items():
                yield kind, term, None, n
        for name, counts in self.by_tag.items():
            for term, n in counts.items():
                yield name, term, None, n
        for (year, quarter), moves in self.moves.items():
            for status, n in moves.items():
                yield MOVES, status, 10 * year + quarter, n

    def put(self, kind: str, term: int | None, quarter: int | None, n: int) -> None:
        """Add one kept row (see ``rows``)."""
        if kind == GOALS:
            self.goals += n
        elif kind == MOVES:
            _add(self.moves.setdefault(divmod(quarter or 0, 10), {}), {term: n})
        elif kind in self.by_tag:
            _add(self.by_tag[kind], {term: n})
        else:
            _add(self.by_status if kind == "status" else self.by_type, {term: n})


def total(counts: Iterable[Counts]) -> Counts:
    summed = Counts()
    for part in counts:
        summed.add(part)
    return summed


def _in(queryset: QuerySet, places: list[int] | None, path: str) -> QuerySet:
    return queryset if places is None else queryset.filter(**{f"{path}__in": places})


def count_by_municipality(
    places: list[int] | None = None, *, registry: Apps = django_apps
) -> dict[int, Counts]:
    """The counts of each municipality in ``places`` (None: all) that has
    goals or measures, counted afresh; a handful of grouped queries whatever
    the number. ``registry``: a migration's models."""
    goal_model = registry.get_model("kette_goals", "Goal")
    measure_model = registry.get_model("kette_goals", "Measure")
    change_model = registry.get_model("kette_goals", "MeasureStatusChange")
    counts: dict[int, Counts] = {}

    def of(place: int) -> Counts:
        return counts.setdefault(place, Counts())

    place_of = dict(
        _in(goal_model.objects.all(), places, "municipality").values_list(
            "id", "municipality"
        )
    )
    for place in place_of.values():
        of(place).goals += 1
    measures = _in(measure_model.objects.all(), places, "municipality")
    rows = (
        measures.values_list("municipality", "status", "measure_type")
        .annotate(n=Count("id"))
        .order_by()
    )
    for place, status, measure_type, n in rows:
        _add(of(place).by_status, {status: n})
        _add(of(place).by_type, {measure_type: n})
    # Measures per goal, then per tag of the goal in Python: the tag tables
    # are read on their own (no join to the measures), goals without a tag
    # are those missing from them.
    per_goal = dict(measures.values_list("goal").annotate(n=Count("id")).order_by())
    for name, model in TAGS.items():
        through = getattr(goal_model, name).through
        tags = _in(
            through.objects.all(), None if places is None else list(place_of), "goal"
        )
        tagged: set[int] = set()
        for goal, term in tags.values_list("goal", f"{model._meta.model_name}_id"):
            tagged.add(goal)
            if per_goal.get(goal):
                _add(of(place_of[goal]).by_tag[name], {term: per_goal[goal]})
        for goal, n in per_goal.items():
            if goal not in tagged:
                _add(of(place_of[goal]).by_tag[name], {None: n})
    # Grouped by the plain columns (a date function per row costs more than
    # the count on SQLite; the index on these columns is read in order); the
    # days are summed into quarters here.
    changes = (
        _in(change_model.objects.all(), places, "municipality")
        .values_list("municipality", "on", "new_status", "old_status")
        .annotate(n=Count("id"))
        .order_by()
    )
    for place, on, new, old, n in changes:
        quarter = (on.year, (on.month - 1) // 3 + 1)
        moves = of(place).moves.setdefault(quarter, {})
        moves[new] = moves.get(new, 0) + n
        if old is not None:
            moves[old] = moves.get(old, 0) - n
    return counts


def kept_counts(places: list[int] | None = None) -> dict[int, Counts]:
    """The kept counts of each municipality in ``places`` (None: all) that
    has goals (see the module doc)."""
    counts: dict[int, Counts] = {}
    kept = _in(BalanceCount.objects.all(), places, "municipality")
    for place, *row in kept.values_list("municipality", "kind", "term", "quarter", "n"):
        counts.setdefault(place, Counts()).put(*row)
    return {place: part for place, part in counts.items() if part.goals}


def kept_total(places: list[int] | None = None) -> Counts:
    """The kept counts of the municipalities in ``places`` (None: all),
    summed in the database (read from an index of the kept rows alone)."""
    summed = Counts()
    kept = _in(BalanceCount.objects.all(), places, "municipality")
    for row in (
        kept.values_list("kind", "term", "quarter").annotate(n=Sum("n")).order_by()
    ):
        summed.put(*row)
    return summed


def kept_by_status(places: list[int] | None = None) -> dict[int, Counts]:
    """Each municipality's goals and measures by status (the state's table):
    ``kept_counts`` without the breakdowns nobody reads per municipality."""
    counts: dict[int, Counts] = {}
    kept = _in(BalanceCount.objects.all(), places, "municipality").filter(
        kind__in=(GOALS, "status")
    )
    for place, *row in kept.values_list("municipality", "kind", "term", "quarter", "n"):
        counts.setdefault(place, Counts()).put(*row)
    return {place: part for place, part in counts.items() if part.goals}
