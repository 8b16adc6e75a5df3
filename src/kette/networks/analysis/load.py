"""Load: in how many bodies each person and organisation sits; and the
number of members of each body at the end of each year."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
from django.utils import timezone

from kette.core.models import Municipality

from ..models import BodyMember, BodyStatus
from .data import Snapshot, organisation_names, person_names, snapshot

DEFAULT_LIMIT = 50
DEFAULT_YEARS = 6


@dataclass(frozen=True)
class LoadRow:
    name: str
    count: int
    bodies: list[str]


@dataclass(frozen=True)
class Load:
    on: dt.date
    people: list[LoadRow]  # the most bodies first, at most ``limit``
    organisations: list[LoadRow]
    people_count: int  # people in at least one body
    organisations_count: int
    people_in_several: int  # people in two bodies or more
    organisations_in_several: int


def _top(
    data: Snapshot, matrix, ids: np.ndarray, names: dict[int, str], limit: int
) -> list[LoadRow]:
    counts = np.asarray(matrix.sum(axis=0)).ravel()
    by_column = matrix.tocsc()
    rows = []
    for column in _top_columns(counts, limit):
        bodies = by_column.indices[
            by_column.indptr[column] : by_column.indptr[column + 1]
        ]
        rows.append(
            LoadRow(
                name=names[int(ids[column])],
                count=int(counts[column]),
                bodies=sorted(data.body_names[b] for b in bodies.tolist()),
            )
        )
    return rows


def _top_columns(counts: np.ndarray, limit: int) -> list[int]:
    """The columns with the highest counts (ties: the lower column first)."""
    order = np.lexsort((np.arange(len(counts)), -counts))
    return [int(c) for c in order[:limit] if counts[c] > 0]


def member_load(
    municipality: Municipality, *, on: dt.date | None = None, limit: int = DEFAULT_LIMIT
) -> Load:
    """The people and organisations in the most bodies on the day, with them."""
    data = snapshot(municipality, on)
    people, organisations = data.people_matrix(), data.organisation_matrix()
    person_counts = np.asarray(people.sum(axis=0)).ravel()
    organisation_counts = np.asarray(organisations.sum(axis=0)).ravel()
    top_people = _top_columns(person_counts, limit)
    top_organisations = _top_columns(organisation_counts, limit)
    return Load(
        on=data.on,
        people=_top(
            data,
            people,
            data.person_ids,
            person_names([int(data.person_ids[c]) for c in top_people]),
            limit,
        ),
        organisations=_top(
            data,
            organisations,
            data.organisation_ids,
            organisation_names(
                [int(data.organisation_ids[c]) for c in top_organisations]
            ),
            limit,
        ),
        people_count=int((person_counts > 0).sum()),
        organisations_count=int((organisation_counts > 0).sum()),
        people_in_several=int((person_counts > 1).sum()),
        organisations_in_several=int((organisation_counts > 1).sum()),
    )


@dataclass(frozen=True)
class YearRow:
    body: str
    counts: list[int]


@dataclass(frozen=True)
class MembersByYear:
    years: list[int]
    rows: list[YearRow]


def members_by_year(
    municipality: Municipality,
    *,
    years: int = DEFAULT_YEARS,
    today: dt.date | None = None,
) -> MembersByYear:
    """Per body (dissolved ones left out), its members on 31 December of each
    of the last ``years`` years, this year's figure on ``today``: a member
    counts from joining (or always, without a date) until the day they left."""
    day = today or timezone.localdate()
    span = list(range(day.year - years + 1, day.year + 1))
    stamps = [dt.date(year, 12, 31) for year in span[:-1]] + [day]
    rows = list(
        BodyMember.objects.filter(body__municipality=municipality)
        .exclude(body__status=BodyStatus.DISSOLVED)
        .order_by("body__name", "body_id")
        .values_list("body_id", "body__name", "joined_on", "left_on")
    )
    names = dict.fromkeys((row[0], row[1]) for row in rows)
    index = {body: n for n, (body, _name) in enumerate(names)}
    body = np.array([index[row[0]] for row in rows], dtype=np.int64)
    far_past, far_future = np.datetime64("0001-01-01"), np.datetime64("9999-12-31")
    joined = np.array([row[2] or far_past for row in rows], dtype="datetime64[D]")
    left = np.array([row[3] or far_future for row in rows], dtype="datetime64[D]")
    table = np.zeros((len(index), len(span)), dtype=np.int64)
    for column, stamp in enumerate(np.array(stamps, dtype="datetime64[D]")):
        holds = (joined <= stamp) & (left > stamp)
        table[:, column] = np.bincount(body[holds], minlength=len(index))
    return MembersByYear(
        years=span,
        rows=[
            YearRow(body=name, counts=table[n].tolist())
            for n, (_pk, name) in enumerate(names)
        ],
    )
