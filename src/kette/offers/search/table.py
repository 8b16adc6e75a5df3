"""A compact in-memory copy of a municipality's index entries, for filters,
facets and ordering with numpy.

One :class:`OfferTable` per municipality and process, tagged with the
index's token (``SearchIndexState``): every index write sets a new token,
and the next search that sees it brings the table up to date
(``loading.py``), carrying over what the old table had learnt: its
vocabulary and its remembered full-text answers, each asked again of the
engine for the new entries alone. Each facet value is a
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
#: How many earlier tables' answers a table carries over (each up to
#: HITS_CACHE_BYTES): writes in a row without a search in between.
CARRIED_TABLES = 2


@dataclass
class Vocabulary:
    """The stems of a municipality's offers, for typo correction."""

    terms: list[str]
    reversed_terms: list[str]
    known: frozenset[str]
    #: The highest id of the OfferSearchTerm rows read (terms are only ever
    #: added between rebuilds, so newer ones have higher ids).
    last_id: int = 0

    @classmethod
    def read(cls, municipality_id: int, since: Vocabulary | None = None) -> Vocabulary:
        """The municipality's vocabulary; ``since`` one read before, only
        the terms added after it are read."""
        if since is None:
            rows = OfferSearchTerm.objects.filter(municipality_id=municipality_id)
            found = list(rows.values_list("id", "term"))
        else:
            # By id alone (its own index), the municipality checked here.
            rows = OfferSearchTerm.objects.filter(id__gt=since.last_id)
            found = [
                (pk, term)
                for pk, owner, term in rows.values_list("id", "municipality_id", "term")
                if owner == municipality_id
            ]
        last_id = max(
            (pk for pk, _term in found), default=since.last_id if since else 0
        )
        added = [term for _pk, term in found]
        if since is None:
            return cls.build(added, last_id=last_id)
        if not added:
            return since
        terms, reversed_terms = list(since.terms), list(since.reversed_terms)
        for term in added:
            bisect.insort(terms, term)
            bisect.insort(reversed_terms, term[::-1])
        return cls(terms, reversed_terms, since.known | frozenset(added), last_id)

    @classmethod
    def build(cls, terms: list[str], last_id: int = 0) -> Vocabulary:
        return cls(
            terms=sorted(terms),
            reversed_terms=sorted(t[::-1] for t in terms),
            known=frozenset(terms),
            last_id=last_id,
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
class Carried:
    """Full-text answers of an earlier table, for a later one: ``remap``
    maps the earlier table's rows to the later one's (-1: gone), and the
    entries ``fresh`` (added since) are still to be asked about."""

    hits: OrderedDict
    remap: np.ndarray
    fresh: np.ndarray

    def then(self, remap: np.ndarray, fresh: np.ndarray) -> Carried:
        """The same answers for the table after one more write."""
        gone = self.remap < 0
        return Carried(
            self.hits,
            np.where(gone, -1, remap[np.where(gone, 0, self.remap)]),
            np.union1d(self.fresh, fresh),
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
    _carried: list[Carried] = field(default_factory=list)

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

    def text_hits(
        self, expression: str, fetch, fetch_among=None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Rows and columns where a word group matches, asked of the full-text
        engine once per table (so once per index state): ``fetch()`` gives
        entry ids and column numbers. Popular words ("Kita", "Eltern") match
        tens of thousands of entries, and handing those over is most of a
        search; the least recently used answers go first past HITS_CACHE_BYTES.
        An answer an earlier table had is carried over, and
        ``fetch_among(entry_ids)`` asks about the entries added since alone.
        """
        with self._hits_lock:
            if expression in self._hits:
                self._hits.move_to_end(expression)
                return self._hits[expression]
        hits = self._carried_hits(expression, fetch_among)
        if hits is None:
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

    def _carried_hits(self, expression: str, fetch_among):
        if fetch_among is None:
            return None
        for carried in self._carried:
            earlier = carried.hits.get(expression)
            if earlier is None:
                continue
            rows = carried.remap[earlier[0]]
            still = rows >= 0
            entry_ids, columns = (
                fetch_among(carried.fresh)
                if len(carried.fresh)
                else (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int8))
            )
            new_rows, found = self.positions(entry_ids)
            return (
                np.concatenate([rows[still], new_rows]).astype(np.int32),
                np.concatenate([earlier[1][still], columns[found]]),
            )
        return None

    def carry_over(self, earlier: OfferTable, remap: np.ndarray, fresh) -> None:
        """Take over what ``earlier`` learnt (this table is ``earlier`` after
        a write: ``remap`` maps its rows to ours, ``fresh`` are the new
        entries): its full-text answers, asked again for ``fresh`` alone when
        first needed, and its vocabulary with the terms added since."""
        self._carried = [
            Carried(earlier._hits, remap, np.asarray(fresh, dtype=np.int64)),
            *(c.then(remap, fresh) for c in earlier._carried),
        ][:CARRIED_TABLES]
        if earlier._vocabulary is not None:
            self._vocabulary = Vocabulary.read(
                self.municipality_id, since=earlier._vocabulary
            )

    def forget_text_hits(self) -> None:
        with self._hits_lock:
            self._hits.clear()
            self._hits_bytes = 0
            self._carried = []

    def derived(self, key, build):
        """A value computed from the table once per key (e.g. band columns)."""
        if key not in self._derived:
            self._derived[key] = build()
        return self._derived[key]

    def vocabulary(self) -> Vocabulary:
        if self._vocabulary is None:
            self._vocabulary = Vocabulary.read(self.municipality_id)
        return self._vocabulary
