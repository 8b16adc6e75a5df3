"""The counts a balance is made of, per municipality, and the state's counts
kept up to date municipality by municipality.

A balance needs, per municipality: its goals, its measures by status and by
type, by each tag of their goal (field of action, age band, life phase; and
those of goals without one), and the status moves per quarter from the
status history. All of it is counted in the database, grouped by
municipality; the state's balance is the sum over the municipalities.

Counting the state afresh reads every measure and every status change
(200,000 and 400,000 at the size of issue 12's bench: over a second, most of
it the status history). So the state's counts are kept (``state_counts``)
and, after a write, only the municipalities it touched are counted again: a
write by a person is recorded in the audit trail with its municipality
(kette.core.audit), so the entries since the counts were made name them. The
kept counts are thrown away and made afresh when the audit trail does not
continue the one they were made from (an entry they saw is gone), and never
kept while the trail is empty.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Max, Model, QuerySet

from kette.core.models import (
    AgeBand,
    AuditEntry,
    FieldOfAction,
    LifePhase,
    Municipality,
)

from ..models import Goal, Measure, MeasureStatusChange

#: The goal's tags a balance breaks measures down by: attribute, term model
TAGS: dict[str, type[Model]] = {
    "fields_of_action": FieldOfAction,
    "age_bands": AgeBand,
    "life_phases": LifePhase,
}
#: Audit entries are stamped when written, not when committed: entries this
#: much older than the newest one seen are looked at again.
SLACK = dt.timedelta(seconds=60)

Quarter = tuple[int, int]  # (2024, 3)


def _add(into: dict, counts: dict, sign: int = 1) -> None:
    for key, n in counts.items():
        into[key] = into.get(key, 0) + sign * n


@dataclass
class Counts:
    """One municipality's counts (or the sum of several); plain dicts, which
    the cache keeps and gives back quickly (a Counter is rebuilt key by key)."""

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


def total(counts: Iterable[Counts]) -> Counts:
    summed = Counts()
    for part in counts:
        summed.add(part)
    return summed


def _in(queryset: QuerySet, places: list[int] | None, path: str) -> QuerySet:
    return queryset if places is None else queryset.filter(**{f"{path}__in": places})


def count_by_municipality(places: list[int] | None = None) -> dict[int, Counts]:
    """The counts of each municipality in ``places`` (None: all) that has
    goals or measures; a handful of grouped queries whatever the number."""
    counts: dict[int, Counts] = {}

    def of(place: int) -> Counts:
        return counts.setdefault(place, Counts())

    place_of = dict(
        _in(Goal.objects.all(), places, "municipality").values_list(
            "id", "municipality"
        )
    )
    for place in place_of.values():
        of(place).goals += 1
    measures = _in(Measure.objects.all(), places, "municipality")
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
        through = getattr(Goal, name).through
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
        _in(MeasureStatusChange.objects.all(), places, "municipality")
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


@dataclass(frozen=True)
class _Kept:
    newest: tuple[int, dt.datetime]  # the audit trail's newest entry then
    seen: frozenset[int]  # the entries of the last SLACK before it
    counts: dict[int, Counts]
    total: Counts


#: The state's counts, kept in the process (like a local-memory cache, but
#: handed out as they are: unpickling 400 municipalities' counts from the
#: cache on every request costs more than using them). A process that has
#: not counted yet counts once.
_KEPT: dict[str, _Kept] = {}
STATE = "state"


def _newest() -> tuple[int | None, dt.datetime | None]:
    """The newest entry of the audit trail (both columns are indexed)."""
    newest = AuditEntry.objects.aggregate(id=Max("id"), at=Max("at"))
    return newest["id"], newest["at"]


def _recent(since: dt.datetime) -> dict[int, int | None]:
    """The audit entries stamped since ``since``: id -> municipality."""
    return dict(
        AuditEntry.objects.filter(at__gte=since).values_list("id", "municipality")
    )


def state_counts() -> tuple[dict[int, Counts], Counts]:
    """Every municipality's counts and their sum, kept between requests:
    after a write only the municipalities named by the audit entries since
    are counted again (see the module doc)."""
    newest = _newest()
    if newest[0] is None:  # no trail to follow: nothing is kept
        counts = count_by_municipality()
        return counts, total(counts.values())
    kept = _KEPT.get(STATE)
    if kept is not None and kept.newest == newest:
        return kept.counts, kept.total
    if kept is None or not _continues(kept.newest):
        # The entries read before counting: one committed later is new then.
        recent = _recent(newest[1] - SLACK)
        counts = count_by_municipality()
        summed = total(counts.values())
    else:
        recent = _recent(kept.newest[1] - SLACK)
        new = {place for pk, place in recent.items() if pk not in kept.seen}
        counts, summed = _recounted(kept, new)
    _KEPT[STATE] = _Kept(newest, frozenset(recent), counts, summed)
    return counts, summed


def _recounted(
    kept: _Kept, touched: set[int | None]
) -> tuple[dict[int, Counts], Counts]:
    """The kept counts with the ``touched`` municipalities counted again (and
    those deleted since left out: an entry without a municipality)."""
    counts = dict(kept.counts)
    places = {place for place in touched if place is not None}
    if None in touched:  # e.g. a municipality deleted: drop what is gone
        present = set(Municipality.objects.values_list("pk", flat=True))
        places |= set(counts) - present
    summed = copy.deepcopy(kept.total)
    for place in places:
        if place in counts:
            summed.add(counts.pop(place), sign=-1)
    fresh = count_by_municipality(sorted(places))
    for place, part in fresh.items():
        counts[place] = part
        summed.add(part)
    return counts, summed


def _continues(seen: tuple[int, dt.datetime]) -> bool:
    """Whether the audit trail still holds the newest entry the kept counts
    saw (else it was rolled back or replaced: count afresh)."""
    return AuditEntry.objects.filter(pk=seen[0], at=seen[1]).exists()
