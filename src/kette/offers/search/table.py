"""A compact in-memory copy of a municipality's index entries, for filters,
facets and ordering with numpy.

One :class:`OfferTable` per municipality and process, tagged with the
index's token (``SearchIndexState``): every index write sets a new token,
and the next search that sees it brings the table up to date
(``loading.py``). Rows are only ever appended: a write marks the rows of the
entries it dropped as gone (``live``) and appends the new entries, in place
in a :class:`Storage` the tables after each other share (each sees its first
``size`` rows), so bringing a table up to date costs what changed, not what
is there. The rows of gone entries are dropped once they are a share of
the table (``loading.compacted``). Each facet value
is a row of a keys × offers bit matrix (64 offers a word), so counting every
facet value under a mask is one AND and a popcount. The full-text answers
are remembered per storage, and a later table asks the engine only about the
entries appended since an answer.
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


def unpack_bits(packed: np.ndarray, size: int) -> np.ndarray:
    """The boolean matrix ``pack_bits`` packed, of ``size`` rows."""
    bits = np.unpackbits(np.atleast_2d(packed).view(np.uint8), axis=1, count=size)
    return bits.astype(bool)


def _words(size: int) -> int:
    return -(-size // 64)


@dataclass
class Remembered:
    """A full-text answer as the table of ``version`` had it (rows below
    ``size``): rows and the column each row matched in."""

    version: int
    size: int
    rows: np.ndarray
    columns: np.ndarray

    @property
    def nbytes(self) -> int:
        return self.rows.nbytes + self.columns.nbytes


class Storage:
    """The rows of a table and of the tables brought up to date from it:
    per-row columns and the facet keys bit-packed (keys × words of 64 rows),
    with room at the end. Each table sees the first ``size`` rows; only the
    table whose size is ``used`` appends in place (rows past an earlier
    table's size are not its own, and no bit of it is changed); any other
    copies. Also the full-text answers the tables remembered, each with the
    ``version`` of the table that asked."""

    def __init__(
        self, columns: dict[str, np.ndarray], packed: np.ndarray, n_keys: int = 0
    ) -> None:
        """``packed``: the keys of the rows of ``columns`` (see pack_bits)."""
        size = len(columns["entry_ids"])
        room = size + max(1024, size // 8)
        self.columns = {}
        for name, values in columns.items():
            column = np.empty(room, dtype=values.dtype)
            column[:size] = values
            self.columns[name] = column
        n_keys = max(n_keys, packed.shape[0])
        self.packed = np.zeros((n_keys + 16, _words(room)), dtype=np.uint64)
        self.packed[: packed.shape[0], : packed.shape[1]] = packed
        self.used = size
        self.version = 0
        self.lock = threading.Lock()
        self.hits: OrderedDict[str, Remembered] = OrderedDict()
        self.hits_bytes = 0

    def append(self, size: int, columns: dict, key_rows, rows, n_keys: int):
        """The storage and version of a table of the first ``size`` rows and
        ``columns`` after them, whose rows ``rows`` (from ``size`` on) have
        the keys ``key_rows``: this storage when ``size`` is its end and
        there is room, else a copy."""
        added = len(columns["entry_ids"])
        with self.lock:
            if (
                size == self.used
                and size + added <= len(self.columns["entry_ids"])
                and n_keys <= self.packed.shape[0]
            ):
                self._write(size, columns, key_rows, rows)
                self.used += added
                self.version += 1
                return self, self.version
        # Packed anew: the last word may hold bits of rows past ``size``.
        keys = unpack_bits(self.packed[:, : _words(size)], size)
        copied = Storage(
            {name: column[:size] for name, column in self.columns.items()},
            pack_bits(keys),
            n_keys,
        )
        return copied.append(size, columns, key_rows, rows, n_keys)

    def _write(self, size: int, columns: dict, key_rows, rows) -> None:
        added = len(columns["entry_ids"])
        for name, values in columns.items():
            self.columns[name][size : size + added] = values
        rows = np.asarray(rows, dtype=np.int64)
        # Only bits of the new rows are set (within the words of the last
        # rows an earlier table has, those bits are past its end).
        as_bytes = self.packed.view(np.uint8)
        np.bitwise_or.at(
            as_bytes,
            (np.asarray(key_rows, dtype=np.int64), rows >> 3),
            (1 << (7 - (rows & 7))).astype(np.uint8),
        )


class _Column:
    """A per-row column of the table's storage, its first ``size`` rows."""

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, table, owner=None) -> np.ndarray:
        return table.storage.columns[self.name][: table.size]


@dataclass
class OfferTable:
    token: str | None
    storage: Storage
    size: int  # rows, gone ones included
    live: np.ndarray  # per row: its entry is in the index
    default_order: np.ndarray  # every row, gone ones included
    name_order: np.ndarray
    key_index: dict[str, int]
    version: int = 0
    municipality_id: int = 0
    _derived: dict = field(default_factory=dict)
    _vocabulary: Vocabulary | None = None

    entry_ids = _Column()  # sorted
    offer_ids = _Column()  # object: UUIDs
    published = _Column()
    min_age = _Column()
    max_age = _Column()
    boost = _Column()
    titles = _Column()  # object: the folded titles, for the name order
    verified_day = _Column()  # date ordinal of last_verified (NEVER_VERIFIED)

    @property
    def count(self) -> int:
        """Rows whose entry is in the index."""
        return self.derived("count", lambda: int(np.count_nonzero(self.live)))

    @property
    def packed_keys(self) -> np.ndarray:
        """Facet keys × words of 64 rows (see pack_bits)."""
        return self.storage.packed[: len(self.key_index), : _words(self.size)]

    @property
    def name_rank(self) -> np.ndarray:
        """Per row: its place in the name order."""

        def build() -> np.ndarray:
            rank = np.empty(self.size, dtype=np.int64)
            rank[self.name_order] = np.arange(self.size)
            return rank

        return self.derived("name_rank", build)

    def packed_column(self, key: str) -> np.ndarray:
        """The rows with ``key``, bit-packed (no rows: zeros)."""
        at = self.key_index.get(key)
        if at is None:
            return np.zeros(_words(self.size), dtype=np.uint64)
        return self.packed_keys[at]

    def column(self, key: str) -> np.ndarray:
        return unpack_bits(self.packed_column(key), self.size)[0]

    def count_keys(self, mask: np.ndarray) -> np.ndarray:
        """Per facet key: how many rows of ``mask`` have it."""
        return count_bits(self.packed_keys, mask)

    def positions(self, entry_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Rows of these entry ids (and which of the ids are this table's)."""
        if not self.size or not len(entry_ids):
            empty = np.zeros(0, dtype=np.int64)
            return empty, np.zeros(len(entry_ids), dtype=bool)
        table_ids = self.entry_ids
        rows = np.searchsorted(table_ids, entry_ids)
        rows = np.minimum(rows, self.size - 1)
        found = table_ids[rows] == entry_ids
        return rows[found], found

    def age_overlap(self, low: int, high: int) -> np.ndarray:
        return (self.min_age < high) & (self.max_age > low)

    def text_hits(
        self, expression: str, fetch, fetch_among=None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Rows and columns where a word group matches, asked of the full-text
        engine once per index state: ``fetch()`` gives entry ids and column
        numbers. Popular words ("Kita", "Eltern") match tens of thousands of
        entries, and handing those over is most of a search; the least
        recently used answers go first past HITS_CACHE_BYTES. An answer an
        earlier table of the same storage had is kept for the rows still
        live, and ``fetch_among(entry_ids)`` asks about the entries appended
        since alone.
        """
        storage = self.storage
        with storage.lock:
            earlier = storage.hits.get(expression)
            if earlier is not None:
                storage.hits.move_to_end(expression)
        if earlier is not None and earlier.version == self.version:
            return earlier.rows, earlier.columns
        if earlier is not None and earlier.version < self.version and fetch_among:
            still = self.live[earlier.rows]
            added = self.entry_ids[earlier.size :]
            entry_ids, columns = (
                fetch_among(added)
                if len(added)
                else (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int8))
            )
            new_rows, found = self.positions(entry_ids)
            rows = np.concatenate([earlier.rows[still], new_rows]).astype(np.int32)
            columns = np.concatenate([earlier.columns[still], columns[found]])
        else:
            entry_ids, columns = fetch()
            rows, found = self.positions(entry_ids)
            rows, columns = rows.astype(np.int32), columns[found]
        self._remember(expression, Remembered(self.version, self.size, rows, columns))
        return rows, columns

    def _remember(self, expression: str, answer: Remembered) -> None:
        storage = self.storage
        with storage.lock:
            kept = storage.hits.get(expression)
            if kept is not None:
                if kept.version > answer.version:
                    return  # a later table's answer stays
                storage.hits_bytes -= kept.nbytes
            storage.hits[expression] = answer
            storage.hits.move_to_end(expression)
            storage.hits_bytes += answer.nbytes
            while storage.hits_bytes > HITS_CACHE_BYTES and len(storage.hits) > 1:
                _old, dropped = storage.hits.popitem(last=False)
                storage.hits_bytes -= dropped.nbytes

    def carry_over(self, earlier: OfferTable) -> None:
        """Take over the vocabulary ``earlier`` had read, with the terms
        added since (this table is ``earlier`` after a write)."""
        if earlier._vocabulary is not None:
            self._vocabulary = Vocabulary.read(
                self.municipality_id, since=earlier._vocabulary
            )

    def forget_text_hits(self) -> None:
        with self.storage.lock:
            self.storage.hits.clear()
            self.storage.hits_bytes = 0

    def derived(self, key, build):
        """A value computed from the table once per key (e.g. band columns)."""
        if key not in self._derived:
            self._derived[key] = build()
        return self._derived[key]

    def vocabulary(self) -> Vocabulary:
        if self._vocabulary is None:
            self._vocabulary = Vocabulary.read(self.municipality_id)
        return self._vocabulary
