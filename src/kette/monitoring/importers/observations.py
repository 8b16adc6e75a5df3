"""Writing imported observations, shared by the importers: indicator tables
(``indicators``) and individual-level records (``records``).

Rows are keyed by (indicator pk, district pk, period); an existing
observation with the same key is updated, any other is inserted, both with
the driver's bulk calls (``kette.core.fastsql``), which keeps a million rows
well within a minute. Each indicator written gets one audit entry.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from kette.core import audit, fastsql
from kette.core.models import Municipality

from ..models import Indicator, Observation

Progress = Callable[[str, int, int], None]
Key = tuple[int, int, str]  # indicator pk, district pk, period


@dataclass
class Row:
    indicator: Indicator
    district_id: int
    period: str
    start: dt.date
    value: float | None
    numerator: float | None
    denominator: float | None
    status: str


def existing_observations(
    municipality: Municipality, *, indicator_ids: set[int], periods: set[str]
) -> dict[Key, int]:
    """The pks of the observations already there, by key."""
    return dict(
        ((o[1], o[2], o[3]), o[0])
        for o in Observation.objects.for_municipality(municipality)
        .filter(indicator_id__in=indicator_ids, period__in=periods)
        .values_list("pk", "indicator_id", "district_id", "period")
        .iterator(chunk_size=20000)
    )


def audit_imported(
    indicators: Iterable[Indicator],
    counts: Counter,
    *,
    actor: Any,
    actor_name: str,
    changes: dict,
) -> None:
    """One entry per indicator: how many observations, and ``changes`` (the
    file, …). ``counts`` is by (indicator key, period)."""
    for indicator in indicators:
        imported = sum(n for (key, _p), n in counts.items() if key == indicator.key)
        audit.record(
            actor=actor,
            actor_name=actor_name,
            action=audit.AuditAction.UPDATE,
            instance=indicator,
            changes={"observations imported": [None, imported], **changes},
        )


def write_observations(
    municipality: Municipality,
    found: dict[Key, Row],
    existing: dict[Key, int],
    progress: Progress | None = None,
) -> None:
    now = timezone.now()
    names = [
        "municipality", "indicator", "district", "period", "period_start",
        "value", "numerator", "denominator", "status", "updated_at",
    ]  # fmt: skip
    table = fastsql.Table(Observation, names)
    new = (
        table.row(
            (
                municipality.pk,
                row.indicator.pk,
                row.district_id,
                row.period,
                row.start,
                row.value,
                row.numerator,
                row.denominator,
                row.status,
                now,
            )
        )  # fmt: skip
        for key, row in found.items()
        if key not in existing
    )
    fastsql.insert(table, new)
    changed = fastsql.Table(
        Observation, ["value", "numerator", "denominator", "status", "updated_at"]
    )
    fastsql.update(
        changed,
        (
            (
                *changed.row(
                    (row.value, row.numerator, row.denominator, row.status, now)
                ),
                existing[key],
            )
            for key, row in found.items()
            if key in existing
        ),
    )
    if progress:
        progress(_("writing"), len(found), len(found))
