"""Loading a municipality's :class:`OfferTable` from its index entries, and
keeping it up to date.

Entries are never changed in place: an index write deletes an offer's entry
and inserts a new one, with a new id, and ids of committed entries are never
given out again (SQLite AUTOINCREMENT, PostgreSQL sequences). So the set of
entry ids says what changed since a table was loaded: after a write, the
table keeps its rows whose entries still exist and reads only the new
entries, instead of all of them (at 100,000 offers: ~0.1 s instead of
~1.2 s). That holds only from a committed state, so only a table whose token
is in the index's recent history is refreshed; any other (loaded inside a
transaction that was rolled back, or before the database was emptied) is
loaded anew.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date

import numpy as np

from ..models import OfferSearchEntry, OfferStatus, SearchIndexState
from .backends import backend
from .index import catch_up
from .table import OfferTable, pack_bits

OPEN_LOW = -(2**15)
OPEN_HIGH = 2**15 - 1
NEVER_VERIFIED = -(10**6)
#: How much being published and freshly verified lifts an offer's relevance.
PUBLISHED_BOOST = 0.15
VERIFIED_BOOST = 0.15
VERIFIED_HORIZON_DAYS = 730
#: A write that touched more entries than this share is read in full.
FULL_RELOAD_SHARE = 0.05
ENTRY_FIELDS = (
    "id",
    "offer_id",
    "status",
    "min_age_months",
    "max_age_months",
    "last_verified",
    "sort_title",
    "facet_keys",
)
ID_BATCH = 900  # below SQLite's limit of query parameters


@dataclass
class Entries:
    """Columns of some index entries, in the order they were read."""

    entry_ids: np.ndarray
    offer_ids: np.ndarray
    published: np.ndarray
    min_age: np.ndarray
    max_age: np.ndarray
    verified_day: np.ndarray
    titles: np.ndarray
    keys: list[list[str]]

    @classmethod
    def read(cls, rows: list[tuple]) -> Entries:
        size = len(rows)
        return cls(
            entry_ids=np.array([r[0] for r in rows], dtype=np.int64),
            offer_ids=np.array([r[1] for r in rows] + [None], dtype=object)[:size],
            published=np.array(
                [r[2] == OfferStatus.PUBLISHED for r in rows], dtype=bool
            ),
            min_age=np.array(
                [OPEN_LOW if r[3] is None else r[3] for r in rows], dtype=np.int32
            ),
            max_age=np.array(
                [OPEN_HIGH if r[4] is None else r[4] for r in rows], dtype=np.int32
            ),
            verified_day=np.array(
                [r[5].toordinal() if r[5] else NEVER_VERIFIED for r in rows],
                dtype=np.int64,
            ),
            titles=np.array([r[6] for r in rows] + [None], dtype=object)[:size],
            keys=[r[7].split() for r in rows],
        )

    def key_matrix(self, key_index: dict[str, int]) -> np.ndarray:
        """keys × these entries; keys not yet in ``key_index`` are added."""
        rows, columns = [], []
        for column, keys in enumerate(self.keys):
            for key in keys:
                rows.append(key_index.setdefault(key, len(key_index)))
                columns.append(column)
        matrix = np.zeros((max(len(key_index), 1), len(self.keys)), dtype=bool)
        if rows:
            matrix[np.array(rows), np.array(columns)] = True
        return matrix


def _read(municipality_id: int, ids: list[int] | None = None) -> Entries:
    entries = OfferSearchEntry.objects.filter(municipality_id=municipality_id)
    if ids is None:
        return Entries.read(list(entries.order_by("id").values_list(*ENTRY_FIELDS)))
    rows = []
    for start in range(0, len(ids), ID_BATCH):
        batch = ids[start : start + ID_BATCH]
        rows += entries.filter(id__in=batch).values_list(*ENTRY_FIELDS)
    return Entries.read(rows)


def _assemble(
    municipality_id: int,
    token: str | None,
    parts: Entries,
    keys: np.ndarray,
    key_index: dict[str, int],
) -> OfferTable:
    """The table of these entries: orders and boosts computed anew."""
    order = np.argsort(parts.entry_ids, kind="stable")
    if not np.array_equal(order, np.arange(len(order))):
        parts = Entries(
            *(getattr(parts, name)[order] for name in ENTRY_ARRAYS),
            keys=[],
        )
        keys = keys[:, order]
    size = len(parts.entry_ids)
    today = date.today().toordinal()
    verified_age = (today - parts.verified_day).astype(np.float64)
    freshness = np.clip(1 - verified_age / VERIFIED_HORIZON_DAYS, 0, 1)
    boost = 1 + PUBLISHED_BOOST * parts.published + VERIFIED_BOOST * freshness
    # By title, equal titles in entry order (a stable sort).
    name_order = np.argsort(parts.titles, kind="stable").astype(np.int64)
    name_rank = np.empty(size, dtype=np.int64)
    name_rank[name_order] = np.arange(size)
    # Without a text: published first, then the most recently verified, by name.
    default_order = np.lexsort((name_rank, verified_age, ~parts.published))
    return OfferTable(
        token=token,
        municipality_id=municipality_id,
        entry_ids=parts.entry_ids,
        offer_ids=parts.offer_ids,
        published=parts.published,
        min_age=parts.min_age,
        max_age=parts.max_age,
        boost=boost.astype(np.float64),
        name_rank=name_rank,
        default_order=default_order.astype(np.int64),
        name_order=name_order,
        keys=keys,
        packed_keys=pack_bits(keys),
        key_index=key_index,
        titles=parts.titles,
        verified_day=parts.verified_day,
    )


ENTRY_ARRAYS = (
    "entry_ids",
    "offer_ids",
    "published",
    "min_age",
    "max_age",
    "verified_day",
    "titles",
)


def build(municipality_id: int, token: str | None) -> OfferTable:
    """The table of every entry of the municipality."""
    parts = _read(municipality_id)
    key_index: dict[str, int] = {}
    keys = parts.key_matrix(key_index)
    return _assemble(municipality_id, token, parts, keys, key_index)


def _contains(sorted_values: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Which of ``values`` occur in ``sorted_values``."""
    if not len(sorted_values):
        return np.zeros(len(values), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_values, values), len(sorted_values) - 1)
    return sorted_values[at] == values


def refresh(table: OfferTable, token: str | None) -> OfferTable | None:
    """``table`` brought up to date with the entries now in the index, or
    None when so much changed that reading everything is cheaper."""
    current = np.sort(backend().entry_ids(table.municipality_id))
    kept = _contains(current, table.entry_ids)
    new_ids = current[~_contains(table.entry_ids, current)]
    if len(new_ids) > max(100, FULL_RELOAD_SHARE * table.size):
        return None
    new = _read(table.municipality_id, new_ids.tolist())
    key_index = dict(table.key_index)
    new_keys = new.key_matrix(key_index)
    old_keys = table.keys[:, kept]
    if len(key_index) > old_keys.shape[0]:
        old_keys = np.pad(old_keys, ((0, len(key_index) - old_keys.shape[0]), (0, 0)))
    if new_keys.shape[0] < len(key_index):
        new_keys = np.pad(new_keys, ((0, len(key_index) - new_keys.shape[0]), (0, 0)))
    parts = Entries(
        *(
            np.concatenate([getattr(table, name)[kept], getattr(new, name)])
            for name in ENTRY_ARRAYS
        ),
        keys=[],
    )
    keys = np.concatenate([old_keys, new_keys], axis=1)
    return _assemble(table.municipality_id, token, parts, keys, key_index)


_tables: dict[int, OfferTable] = {}
_lock = threading.Lock()


def _state(municipality_id: int) -> tuple[str | None, list, object]:
    state = (
        SearchIndexState.objects.filter(municipality_id=municipality_id)
        .values_list("token", "history", "synced_until")
        .first()
    )
    return state if state else (None, [], None)


def offer_table(municipality_id: int) -> OfferTable:
    """The municipality's table, up to date with its index."""
    token, history, synced_until = _state(municipality_id)
    if catch_up(municipality_id, synced_until):
        token, history, _synced = _state(municipality_id)
    table = _tables.get(municipality_id)
    if table is not None and token is not None and table.token == token:
        return table
    if table is not None and token is not None and table.token in history:
        table = refresh(table, token) or build(municipality_id, token)
    else:
        table = build(municipality_id, token)
    with _lock:
        _tables[municipality_id] = table
    return table


def search_token(municipality) -> str | None:
    """The version of the municipality's index (None before its first
    write): whatever is derived from search results may be kept under it."""
    return offer_table(municipality.pk).token
