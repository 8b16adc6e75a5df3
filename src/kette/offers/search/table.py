"""A compact in-memory copy of a municipality's index entries, for filters,
facets and ordering with numpy.

One :class:`OfferTable` per municipality and process, tagged with the
index's token (``SearchIndexState``): every index write sets a new token, and
the next search that sees it reloads the table. Each facet value is a
boolean column, so counting a facet is one masked sum.
"""

from __future__ import annotations

import bisect
import threading
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from ..models import OfferSearchEntry, OfferSearchTerm, OfferStatus, SearchIndexState
from .index import catch_up

OPEN_LOW = -(2**15)
OPEN_HIGH = 2**15 - 1
#: How much being published and freshly verified lifts an offer's relevance.
PUBLISHED_BOOST = 0.15
VERIFIED_BOOST = 0.15
VERIFIED_HORIZON_DAYS = 730


@dataclass
class Vocabulary:
    """The stems of a municipality's offers, for typo correction."""

    terms: list[str]
    reversed_terms: list[str]
    known: frozenset[str]

    @classmethod
    def build(cls, terms: list[str]) -> Vocabulary:
        return cls(
            terms=sorted(terms),
            reversed_terms=sorted(t[::-1] for t in terms),
            known=frozenset(terms),
        )

    @staticmethod
    def _has_prefix(items: list[str], prefix: str) -> bool:
        at = bisect.bisect_left(items, prefix)
        return at < len(items) and items[at].startswith(prefix)

    def knows(self, stem: str, *, affix_min: int) -> bool:
        """Whether ``stem`` occurs as a word, or as the start or end of one."""
        if stem in self.known:
            return True
        if len(stem) < affix_min:
            return False
        return self._has_prefix(self.terms, stem) or self._has_prefix(
            self.reversed_terms, stem[::-1]
        )


@dataclass
class OfferTable:
    token: str | None
    entry_ids: np.ndarray  # sorted
    offer_ids: np.ndarray  # object: UUIDs
    published: np.ndarray
    min_age: np.ndarray
    max_age: np.ndarray
    boost: np.ndarray
    name_rank: np.ndarray
    default_order: np.ndarray
    name_order: np.ndarray
    keys: np.ndarray  # bool matrix: offers × facet keys
    key_index: dict[str, int]
    _derived: dict = field(default_factory=dict)
    _vocabulary: Vocabulary | None = None
    municipality_id: int = 0

    @property
    def size(self) -> int:
        return len(self.entry_ids)

    def column(self, key: str) -> np.ndarray:
        at = self.key_index.get(key)
        if at is None:
            return np.zeros(self.size, dtype=bool)
        return self.keys[:, at]

    def positions(self, entry_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Rows of these entry ids (and which of the ids are this table's)."""
        if not self.size or not len(entry_ids):
            empty = np.zeros(0, dtype=np.int64)
            return empty, np.zeros(len(entry_ids), dtype=bool)
        rows = np.searchsorted(self.entry_ids, entry_ids)
        rows = np.minimum(rows, self.size - 1)
        found = self.entry_ids[rows] == entry_ids
        return rows[found], found

    def age_overlap(self, low: int, high: int) -> np.ndarray:
        return (self.min_age < high) & (self.max_age > low)

    def derived(self, key, build):
        """A value computed from the table once per key (e.g. band columns)."""
        if key not in self._derived:
            self._derived[key] = build()
        return self._derived[key]

    def vocabulary(self) -> Vocabulary:
        if self._vocabulary is None:
            terms = list(
                OfferSearchTerm.objects.filter(
                    municipality_id=self.municipality_id
                ).values_list("term", flat=True)
            )
            self._vocabulary = Vocabulary.build(terms)
        return self._vocabulary


def _build(municipality_id: int, token: str | None) -> OfferTable:
    rows = list(
        OfferSearchEntry.objects.filter(municipality_id=municipality_id)
        .order_by("id")
        .values_list(
            "id",
            "offer_id",
            "status",
            "min_age_months",
            "max_age_months",
            "last_verified",
            "sort_title",
            "facet_keys",
        )
    )
    size = len(rows)
    key_index: dict[str, int] = {}
    hits_rows: list[int] = []
    hits_cols: list[int] = []
    for row_number, row in enumerate(rows):
        for key in row[7].split():
            column = key_index.setdefault(key, len(key_index))
            hits_rows.append(row_number)
            hits_cols.append(column)
    keys = np.zeros((size, max(len(key_index), 1)), dtype=bool)
    if hits_rows:
        keys[np.array(hits_rows), np.array(hits_cols)] = True
    published = np.array([r[2] == OfferStatus.PUBLISHED for r in rows], dtype=bool)
    today = date.today().toordinal()
    verified_age = np.array(
        [today - r[5].toordinal() if r[5] else 10**6 for r in rows], dtype=np.float64
    )
    freshness = np.clip(1 - verified_age / VERIFIED_HORIZON_DAYS, 0, 1)
    boost = 1 + PUBLISHED_BOOST * published + VERIFIED_BOOST * freshness
    titles = [r[6] for r in rows]
    name_order = np.array(
        sorted(range(size), key=lambda i: (titles[i], i)), dtype=np.int64
    )
    name_rank = np.empty(size, dtype=np.int64)
    name_rank[name_order] = np.arange(size)
    # Without a text: published first, then the most recently verified, by name.
    default_order = np.lexsort((name_rank, verified_age, ~published))
    return OfferTable(
        token=token,
        municipality_id=municipality_id,
        entry_ids=np.array([r[0] for r in rows], dtype=np.int64),
        offer_ids=np.array([r[1] for r in rows] + [None], dtype=object)[:size],
        published=published,
        min_age=np.array(
            [OPEN_LOW if r[3] is None else r[3] for r in rows], dtype=np.int32
        ),
        max_age=np.array(
            [OPEN_HIGH if r[4] is None else r[4] for r in rows], dtype=np.int32
        ),
        boost=boost.astype(np.float64),
        name_rank=name_rank,
        default_order=default_order.astype(np.int64),
        name_order=name_order,
        keys=keys,
        key_index=key_index,
    )


_tables: dict[int, OfferTable] = {}
_lock = threading.Lock()


def offer_table(municipality_id: int) -> OfferTable:
    """The municipality's table, up to date with its index."""
    state = (
        SearchIndexState.objects.filter(municipality_id=municipality_id)
        .values_list("token", "synced_until")
        .first()
    )
    token = state[0] if state else None
    if catch_up(municipality_id, state[1] if state else None):
        token = (
            SearchIndexState.objects.filter(municipality_id=municipality_id)
            .values_list("token", flat=True)
            .first()
        )
    table = _tables.get(municipality_id)
    if table is None or table.token != token or token is None:
        table = _build(municipality_id, token)
        with _lock:
            _tables[municipality_id] = table
    return table
