"""A compact in-memory copy of a municipality's index entries, for filters,
facets and ordering with numpy.

One :class:`OfferTable` per municipality and process, tagged with the
index's token (``SearchIndexState``): every index write sets a new token,
and the next search that sees it brings the table up to date
(``loading.py``). Each facet value is a
boolean row of a keys × offers matrix, also kept bit-packed, so counting
every facet value under a mask is one AND and a popcount over 64 offers at a
time.
"""

from __future__ import annotations

import bisect
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np

from ..models import OfferSearchTerm

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
    titles: np.ndarray  # object: the folded titles, for the name order
    verified_day: np.ndarray  # date ordinal of last_verified (NEVER_VERIFIED)
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
