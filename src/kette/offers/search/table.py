"""A compact in-memory copy of a municipality's index entries, for filters,
facets and ordering with numpy.

One :class:`OfferTable` per municipality and process, tagged with the
index's token (``SearchIndexState``): every index write sets a new token, and
the next search that sees it reloads the table. Each facet value is a
boolean row of a keys × offers matrix, also kept bit-packed, so counting
every facet value under a mask is one AND and a popcount over 64 offers at a
time.
"""

from __future__ import annotations

import bisect
import threading
from collections import OrderedDict
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
#: Memory for remembered full-text answers, per municipality and process.
HITS_CACHE_BYTES = 32 * 2**20


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


def pack_bits(matrix: np.ndarray) -> np.ndarray:
    """A keys × rows boolean matrix as keys × words of 64 rows (uint64)."""
    packed = np.packbits(np.atleast_2d(matrix), axis=1)
    padding = -packed.shape[1] % 8
    if padding:
        packed = np.pad(packed, ((0, 0), (0, padding)))
    return np.ascontiguousarray(packed).view(np.uint64)


def count_bits(packed: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Per key of ``pack_bits(matrix)``: how many rows of ``mask`` it has."""
    words = pack_bits(mask[np.newaxis, :])[0]
    return np.bitwise_count(packed & words).sum(axis=1, dtype=np.int64)


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
    keys: np.ndarray  # bool matrix: facet keys × offers
    packed_keys: np.ndarray  # the same, bit-packed (see pack_bits)
    key_index: dict[str, int]
    _derived: dict = field(default_factory=dict)
    _vocabulary: Vocabulary | None = None
    municipality_id: int = 0
    _hits: OrderedDict = field(default_factory=OrderedDict)
    _hits_bytes: int = 0

    def __post_init__(self) -> None:
        self._hits_lock = threading.Lock()

    @property
    def size(self) -> int:
        return len(self.entry_ids)

    def column(self, key: str) -> np.ndarray:
        at = self.key_index.get(key)
        if at is None:
            return np.zeros(self.size, dtype=bool)
        return self.keys[at]

    def count_keys(self, mask: np.ndarray) -> np.ndarray:
        """Per facet key: how many rows of ``mask`` have it."""
        return count_bits(self.packed_keys, mask)

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

    def text_hits(self, expression: str, fetch) -> tuple[np.ndarray, np.ndarray]:
        """Rows and columns where a word group matches, asked of the full-text
        engine once per table (so once per index state): ``fetch()`` gives
        entry ids and column numbers. Popular words ("Kita", "Eltern") match
        tens of thousands of entries, and handing those over is most of a
        search; the least recently used answers go first past HITS_CACHE_BYTES.
        """
        with self._hits_lock:
            if expression in self._hits:
                self._hits.move_to_end(expression)
                return self._hits[expression]
        entry_ids, columns = fetch()
        rows, found = self.positions(entry_ids)
        hits = (rows.astype(np.int32), columns[found])
        size = hits[0].nbytes + hits[1].nbytes
        with self._hits_lock:
            self._hits[expression] = hits
            self._hits_bytes += size
            while self._hits_bytes > HITS_CACHE_BYTES and len(self._hits) > 1:
                _old, (old_rows, old_columns) = self._hits.popitem(last=False)
                self._hits_bytes -= old_rows.nbytes + old_columns.nbytes
        return hits

    def forget_text_hits(self) -> None:
        with self._hits_lock:
            self._hits.clear()
            self._hits_bytes = 0

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
    keys = np.zeros((max(len(key_index), 1), size), dtype=bool)
    if hits_rows:
        keys[np.array(hits_cols), np.array(hits_rows)] = True
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
        packed_keys=pack_bits(keys),
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


def search_token(municipality) -> str | None:
    """The version of the municipality's index (None before its first
    write): whatever is derived from search results may be kept under it."""
    return offer_table(municipality.pk).token
