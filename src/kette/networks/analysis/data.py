"""The memberships that hold on one day, as arrays (one query per table).

Every analysis starts from a ``Snapshot``: the municipality's bodies (all but
dissolved ones) and the rows of their members current on the day, with
people and organisations numbered 0..n-1 so that scipy and numpy can work
on them. Names are read only for what a page shows (``names_of``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
from django.db.models import Q
from django.utils import timezone
from scipy import sparse

from kette.core.models import Municipality, Organisation, Sector

from ..models import Body, BodyMember, BodyStatus, Person


@dataclass(frozen=True)
class Snapshot:
    on: dt.date
    body_ids: np.ndarray  # (bodies,) database ids, in name order
    body_names: list[str]
    body_city_wide: np.ndarray  # (bodies,) bool
    person_ids: np.ndarray  # (people,) database ids of people in a body
    organisation_ids: np.ndarray  # (organisations,) database ids
    organisation_sectors: np.ndarray  # (organisations,) sector id, -1 for none
    # One entry per membership row: indexes into the arrays above (-1: none).
    member_body: np.ndarray
    member_person: np.ndarray
    member_organisation: np.ndarray

    @property
    def body_count(self) -> int:
        return len(self.body_ids)

    def people_matrix(self) -> sparse.csr_array:
        """Bodies × people, 1 where the person sits in the body."""
        return _incidence(
            self.member_body, self.member_person, self.body_count, len(self.person_ids)
        )

    def organisation_matrix(self) -> sparse.csr_array:
        """Bodies × organisations, 1 where the organisation sits in the body
        (as such, or through a person sitting for it)."""
        return _incidence(
            self.member_body,
            self.member_organisation,
            self.body_count,
            len(self.organisation_ids),
        )


def _incidence(rows: np.ndarray, cols: np.ndarray, n_rows: int, n_cols: int):
    keep = cols >= 0
    matrix = sparse.csr_array(
        (
            np.ones(int(keep.sum()), dtype=np.int32),
            (rows[keep], cols[keep]),
        ),
        shape=(n_rows, n_cols),
    )
    matrix.sum_duplicates()
    matrix.data[:] = 1  # a person in two roles in one body counts once
    return matrix


def current_on(day: dt.date) -> Q:
    """Membership rows that hold on the day (joined by then, not yet left)."""
    return (Q(joined_on__isnull=True) | Q(joined_on__lte=day)) & (
        Q(left_on__isnull=True) | Q(left_on__gt=day)
    )


def snapshot(municipality: Municipality, on: dt.date | None = None) -> Snapshot:
    """The municipality's bodies and their members on the day (default: today)."""
    day = on or timezone.localdate()
    bodies = list(
        Body.objects.for_municipality(municipality)
        .exclude(status=BodyStatus.DISSOLVED)
        .order_by("name", "pk")
        .values_list("pk", "name", "city_wide")
    )
    body_ids = np.array([row[0] for row in bodies], dtype=np.int64)
    rows = np.array(
        BodyMember.objects.filter(current_on(day), body__municipality=municipality)
        .exclude(body__status=BodyStatus.DISSOLVED)
        .values_list("body_id", "person_id", "organisation_id"),
        dtype=object,
    ).reshape(-1, 3)
    member_body = _positions(body_ids, rows[:, 0])
    person_ids, member_person = _numbered(rows[:, 1])
    organisation_ids, member_organisation = _numbered(rows[:, 2])
    sectors = dict(
        Organisation.objects.for_municipality(municipality)
        .filter(pk__in=organisation_ids.tolist())
        .values_list("pk", "sector_id")
    )
    return Snapshot(
        on=day,
        body_ids=body_ids,
        body_names=[row[1] for row in bodies],
        body_city_wide=np.array([row[2] for row in bodies], dtype=bool),
        person_ids=person_ids,
        organisation_ids=organisation_ids,
        organisation_sectors=np.array(
            [sectors.get(pk) or -1 for pk in organisation_ids.tolist()], dtype=np.int64
        ),
        member_body=member_body,
        member_person=member_person,
        member_organisation=member_organisation,
    )


def _positions(ids: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Where each value stands in ``ids`` (the ids need not be sorted)."""
    order = np.argsort(ids)
    wanted = values.astype(np.int64)
    return order[np.searchsorted(ids, wanted, sorter=order)]


def _numbered(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct ids (None left out) and each value's number (-1 for None)."""
    present = np.array([value is not None for value in values], dtype=bool)
    ids, inverse = np.unique(values[present].astype(np.int64), return_inverse=True)
    numbers = np.full(len(values), -1, dtype=np.int64)
    numbers[present] = inverse
    return ids, numbers


def person_names(ids: list[int]) -> dict[int, str]:
    """Display names (an erased person reads "former member")."""
    return {
        person.pk: person.display_name for person in Person.objects.filter(pk__in=ids)
    }


def organisation_names(ids: list[int]) -> dict[int, str]:
    return dict(Organisation.objects.filter(pk__in=ids).values_list("pk", "name"))


def sector_labels() -> dict[int, str]:
    return {sector.pk: sector.label for sector in Sector.objects.all()}
