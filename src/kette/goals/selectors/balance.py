"""The balance (Bilanz) of goals and measures: one municipality or several.

Everything is counted in the database, per municipality, and kept there by
the writes (one row per municipality, see balance_counts); Python only sums
the rows and turns them into shares. Shares are whole
percents for display with the count beside them:

- a breakdown where every measure lies in exactly one row (status, measure
  type) is rounded by the largest-remainder method, so that its shares add
  up to 100 (rounding each share on its own can give 99 or 101);
- a breakdown by a goal's fields of action, age bands or life phases counts a
  measure once for each tag of its goal, so its shares are each rounded on
  their own and may add up to more than 100 (the page says so); measures of
  goals without a tag get a row of their own.

The status over time is the status as of each quarter's last day, read from
the status history: each change moves one measure from its old status into
its new one, so the count of a status as of a day is the changes into it up
to that day less the changes out of it. This holds because the history is
kept in order (``measure_status_update`` refuses a date before the last one).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kette.core.models import (
    MeasureStatus,
    MeasureType,
    Municipality,
)

from .balance_counts import TAGS, Counts, kept_by_status, kept_total

NONE_GIVEN = _("none given")
FULLY, PARTLY = "fully-implemented", "partly-implemented"

#: A municipality, several, or None for all of them (the state's view).
Scope = Municipality | Iterable[Municipality] | QuerySet | None


def largest_remainder(counts: Sequence[int]) -> list[int]:
    """Whole percents of ``counts`` that add up to 100 (or all 0 for none).

    Each share is rounded down, and the points missing to 100 go to the
    shares with the largest remainders (ties: the earlier row)."""
    total = sum(counts)
    if not total:
        return [0] * len(counts)
    exact = [100 * count / total for count in counts]
    shares = [int(value) for value in exact]
    order = sorted(range(len(counts)), key=lambda i: (-(exact[i] - shares[i]), i))
    for i in order[: 100 - sum(shares)]:
        shares[i] += 1
    return shares


def rounded_share(count: int, total: int) -> int:
    """A share of its own, rounded half up."""
    return int(100 * count / total + 0.5) if total else 0


def _exact(count: int, total: int) -> float:
    return 100 * count / total if total else 0.0


@dataclass(frozen=True)
class Share:
    code: str
    label: str
    count: int
    percent: int  # as shown (see the module doc)
    exact: float = 0.0  # unrounded, for the data's own checks


@dataclass(frozen=True)
class Breakdown:
    code: str  # status, type, field, age_band, life_phase
    total: int  # the measures the shares are of
    shares: list[Share]
    adds_up: bool  # False: a measure may count in several rows


@dataclass(frozen=True)
class QuarterStatus:
    """The measures by status as of ``as_of`` (a quarter's end, or today)."""

    label: str  # "2024 Q3"
    as_of: dt.date
    shares: list[Share]
    total: int


@dataclass(frozen=True)
class MunicipalityRow:
    """One municipality on the state's balance."""

    name: str
    slug: str
    goals: int
    measures: int
    fully: Share
    partly: Share


@dataclass
class Balance:
    goals: int
    measures: int
    by_status: Breakdown
    by_type: Breakdown
    by_field: Breakdown
    by_age_band: Breakdown
    by_life_phase: Breakdown
    over_time: list[QuarterStatus] = field(default_factory=list)
    municipalities: list[MunicipalityRow] = field(default_factory=list)

    @property
    def breakdowns(self) -> list[Breakdown]:
        return [
            self.by_status,
            self.by_type,
            self.by_field,
            self.by_age_band,
            self.by_life_phase,
        ]


def _terms(model: type[Model]) -> list[Any]:
    return list(model.objects.filter(is_active=True).order_by("position", "code"))


def _exclusive(code: str, terms: list[Any], counts: dict[Any, int]) -> Breakdown:
    """Shares of a breakdown where each measure lies in one row; a row
    ``None`` (no term, e.g. no measure type) is shown only when it counts."""
    rows = [(t.code, t.label, counts.get(t.pk, 0)) for t in terms]
    if counts.get(None):
        rows.append(("", str(NONE_GIVEN), counts[None]))
    percents = largest_remainder([count for *_, count in rows])
    total = sum(count for *_, count in rows)
    return Breakdown(
        code=code,
        total=total,
        shares=[
            Share(c, label, count, p, _exact(count, total))
            for (c, label, count), p in zip(rows, percents, strict=True)
        ],
        adds_up=True,
    )


def _by_goal_tag(code: str, counts: Counts, attname: str) -> Breakdown:
    """Measures by a tag of their goal (field of action, age band, life phase):
    one row per tag and one for the measures of goals without any."""
    tagged = counts.by_tag[attname]
    total = counts.measures
    rows = [(t.code, t.label, tagged.get(t.pk, 0)) for t in _terms(TAGS[attname])]
    if tagged.get(None):
        rows.append(("", str(NONE_GIVEN), tagged[None]))
    return Breakdown(
        code=code,
        total=total,
        shares=[
            Share(c, lab, n, rounded_share(n, total), _exact(n, total))
            for c, lab, n in rows
        ],
        adds_up=False,
    )


def _quarter_end(year: int, quarter: int) -> dt.date:
    if quarter == 4:
        return dt.date(year, 12, 31)
    return dt.date(year, 3 * quarter + 1, 1) - dt.timedelta(days=1)


def _over_time(counts: Counts, statuses: list[MeasureStatus]) -> list[QuarterStatus]:
    """The status of the measures as of each quarter end since the first
    recorded status (the running quarter: as of today)."""
    per_quarter = {quarter: moves for quarter, moves in counts.moves.items() if moves}
    if not per_quarter:
        return []
    today = timezone.localdate()
    year, quarter = min(per_quarter)
    running = dict.fromkeys((s.pk for s in statuses), 0)
    result = []
    while (year, quarter) <= (today.year, (today.month - 1) // 3 + 1):
        row = per_quarter.get((year, quarter), {})
        for pk in running:
            running[pk] += row.get(pk, 0)
        counts_now = [running[s.pk] for s in statuses]
        percents = largest_remainder(counts_now)
        result.append(
            QuarterStatus(
                label=f"{year} Q{quarter}",
                as_of=min(_quarter_end(year, quarter), today),
                shares=[
                    Share(s.code, s.label, n, p, _exact(n, sum(counts_now)))
                    for s, n, p in zip(statuses, counts_now, percents, strict=True)
                ],
                total=sum(counts_now),
            )
        )
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return result


def _share(code: str, count: int, total: int) -> Share:
    return Share(code, "", count, rounded_share(count, total), _exact(count, total))


def _municipality_rows(
    by_place: dict[int, Counts], statuses: list[MeasureStatus]
) -> list[MunicipalityRow]:
    """Goals, measures and the fully and partly implemented share per
    municipality (the state's table)."""
    by_code = {status.code: status.pk for status in statuses}
    # All names in one go (a list of 400 ids to look up costs more)
    places = Municipality.objects.order_by("name").values_list("pk", "name", "slug")
    rows = []
    for pk, name, slug in places:
        counts = by_place.get(pk)
        if counts is None or not (counts.goals or counts.measures):
            continue
        measures = counts.measures
        fully = counts.by_status.get(by_code.get(FULLY), 0)
        partly = counts.by_status.get(by_code.get(PARTLY), 0)
        rows.append(
            MunicipalityRow(
                name=name,
                slug=slug,
                goals=counts.goals,
                measures=measures,
                fully=_share("fully", fully, measures),
                partly=_share("partly", partly, measures),
            )
        )
    return rows


def _places(scope: Scope) -> list[int] | None:
    if scope is None:
        return None
    if isinstance(scope, Municipality):
        return [scope.pk]
    if isinstance(scope, QuerySet):
        return list(scope.values_list("pk", flat=True))
    return [place.pk for place in scope]


def goal_balance(*, scope: Scope, per_municipality: bool = False) -> Balance:
    """The balance of the goals and measures of ``scope`` (see module doc)."""
    statuses = _terms(MeasureStatus)
    places = _places(scope)
    counts = kept_total(places)
    balance = Balance(
        goals=counts.goals,
        measures=counts.measures,
        by_status=_exclusive("status", statuses, counts.by_status),
        by_type=_exclusive("type", _terms(MeasureType), counts.by_type),
        by_field=_by_goal_tag("field", counts, "fields_of_action"),
        by_age_band=_by_goal_tag("age_band", counts, "age_bands"),
        by_life_phase=_by_goal_tag("life_phase", counts, "life_phases"),
        over_time=_over_time(counts, statuses),
    )
    if per_municipality:
        balance.municipalities = _municipality_rows(kept_by_status(places), statuses)
    return balance
