"""Loading a municipality's :class:`OfferTable` from its index entries, and
keeping it up to date. Searches only read: the writers index in their own
transaction (``index.py``); here the table in memory follows the index.

Entries are never changed in place: an index write deletes an offer's entry
and inserts a new one, with a new id, and ids of committed entries are never
given out again (SQLite AUTOINCREMENT, PostgreSQL sequences). Every write
gives the index a new token and logs, under the token it replaced, which
offers it changed and which entries it dropped (``index.ChangeLog``). A table
whose token is in the index's history is brought up to date:

- :func:`patch`, when every write since is logged: it reads the entries of
  the changed offers alone, marks the rows of dropped entries as gone and
  appends the new ones in place (``table.Storage``); the new rows are merged
  into the name and default orders, the vocabulary is extended, and the
  remembered full-text answers stay, asked again for the new entries alone
  (``table.py``). The cost follows the change, not the table: nothing is
  copied, sorted or packed again per row. Once the gone rows are
  :data:`COMPACT_SHARE` of the table, :func:`compacted` drops them (orders
  kept, not sorted again).
- :func:`refresh`, after a write too large to log: every entry id is
  compared, and only new entries are read.

Any other table (loaded inside a transaction that was rolled back, or before
the database was emptied) is loaded anew (:func:`build`). One thread per
process and municipality brings the table up to date at a time.
"""

from __future__ import annotations

import bisect
import threading
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from ..models import OfferSearchEntry, OfferStatus, SearchIndexState
from .backends import backend
from .table import OfferTable, Storage, pack_bits, unpack_bits

OPEN_LOW = -(2**15)
OPEN_HIGH = 2**15 - 1
NEVER_VERIFIED = -(10**6)
#: How much being published and freshly verified lifts an offer's relevance.
PUBLISHED_BOOST = 0.15
VERIFIED_BOOST = 0.15
VERIFIED_HORIZON_DAYS = 730
#: A write that touched more entries than this share is read in full.
FULL_RELOAD_SHARE = 0.05
#: Rows of gone entries are dropped once they are this share of a table (and
#: at least COMPACT_MIN): until then they cost a bit per row in the masks.
COMPACT_SHARE = 0.05
COMPACT_MIN = 256
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


def _read(
    municipality_id: int, ids: list[int] | None = None, *, by: str = "id"
) -> Entries:
    """Every entry of the municipality, or those with these ids (``by="id"``)
    or of these offers (``by="offer_id"``), ordered by id."""
    if ids is None:
        entries = OfferSearchEntry.objects.filter(municipality_id=municipality_id)
        return Entries.read(list(entries.order_by("id").values_list(*ENTRY_FIELDS)))
    rows = []
    # By the ids alone, so that the database looks them up in their own
    # index rather than going through the municipality's entries.
    for start in range(0, len(ids), ID_BATCH):
        batch = ids[start : start + ID_BATCH]
        rows += [
            row[1:]
            for row in OfferSearchEntry.objects.filter(
                **{f"{by}__in": batch}
            ).values_list("municipality_id", *ENTRY_FIELDS)
            if row[0] == municipality_id
        ]
    return Entries.read(sorted(rows))


def _boost(published: np.ndarray, verified_day: np.ndarray) -> np.ndarray:
    """Relevance lifted for published and recently verified offers (today)."""
    verified_age = (date.today().toordinal() - verified_day).astype(np.float64)
    freshness = np.clip(1 - verified_age / VERIFIED_HORIZON_DAYS, 0, 1)
    return 1 + PUBLISHED_BOOST * published + VERIFIED_BOOST * freshness


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
    # By title, equal titles in entry order (a stable sort).
    name_order = np.argsort(parts.titles, kind="stable").astype(np.int64)
    name_rank = np.empty(size, dtype=np.int64)
    name_rank[name_order] = np.arange(size)
    # Without a text: published first, then the most recently verified, by name.
    default_order = np.lexsort((name_rank, -parts.verified_day, ~parts.published))
    columns = {name: getattr(parts, name) for name in ENTRY_ARRAYS}
    columns["boost"] = _boost(parts.published, parts.verified_day)
    return OfferTable(
        token=token,
        municipality_id=municipality_id,
        storage=Storage(columns, pack_bits(keys), len(key_index)),
        size=size,
        live=np.ones(size, dtype=bool),
        default_order=default_order.astype(np.int64),
        name_order=name_order,
        key_index=key_index,
        _derived={"name_rank": name_rank},
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
    return _combined(table, token, kept, _read(table.municipality_id, new_ids.tolist()))


def _combined(
    table: OfferTable, token: str | None, kept: np.ndarray, new: Entries
) -> OfferTable:
    """The kept rows of ``table`` and ``new``, assembled anew (sorted)."""
    key_index = dict(table.key_index)
    new_keys = new.key_matrix(key_index)
    old_keys = unpack_bits(table.packed_keys, table.size)[:, kept]
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


def _merged(order: np.ndarray, new_rows: list[int], key) -> np.ndarray:
    """``order`` (rows sorted by ``key``) with ``new_rows`` put in place."""
    new_rows = sorted(new_rows, key=key)
    positions = [bisect.bisect_left(order, key(row), key=key) for row in new_rows]
    return np.insert(order, positions, new_rows).astype(np.int64)


def _kept_order(order: np.ndarray, kept: np.ndarray, remap: np.ndarray):
    """An order of the old rows as an order of the kept rows, renumbered."""
    return remap[order[kept[order]]]


def _patched(
    table: OfferTable, token: str | None, gone: np.ndarray, new: Entries
) -> OfferTable:
    """``table`` with the rows ``gone`` marked as such and ``new`` appended
    (their ids all above the table's), merged into the orders."""
    size, added = table.size, len(new.entry_ids)
    key_index = dict(table.key_index)
    key_rows, rows = np.nonzero(new.key_matrix(key_index))
    columns = {name: getattr(new, name) for name in ENTRY_ARRAYS}
    columns["boost"] = _boost(new.published, new.verified_day)
    storage, version = table.storage.append(
        size, columns, key_rows, size + rows, len(key_index)
    )
    live = np.concatenate([table.live, np.ones(added, dtype=bool)])
    live[gone] = False
    titles, entry_ids = storage.columns["titles"], storage.columns["entry_ids"]
    published = storage.columns["published"]
    verified_day = storage.columns["verified_day"]
    new_rows = list(range(size, size + added))
    # By title, equal titles by entry id (as the stable sort of a load).
    name_order = _merged(
        table.name_order, new_rows, lambda row: (titles[row], entry_ids[row])
    )
    # Published first, then the most recently verified, then by name. Rows
    # of gone entries keep their place: their values do not change.
    default_order = _merged(
        table.default_order,
        new_rows,
        lambda row: (
            not published[row],
            -verified_day[row],
            titles[row],
            entry_ids[row],
        ),
    )
    patched = OfferTable(
        token=token,
        municipality_id=table.municipality_id,
        storage=storage,
        size=size + added,
        live=live,
        default_order=default_order,
        name_order=name_order,
        key_index=key_index,
        version=version,
    )
    patched.carry_over(table)
    return patched


def compacted(table: OfferTable) -> OfferTable:
    """``table`` without the rows of gone entries, in a storage of its own;
    the orders are kept, not sorted again."""
    kept = table.live
    remap = np.cumsum(kept, dtype=np.int64) - 1
    columns = {name: getattr(table, name)[kept] for name in (*ENTRY_ARRAYS, "boost")}
    keys = unpack_bits(table.packed_keys, table.size)[:, kept]
    size = len(columns["entry_ids"])
    compact = OfferTable(
        token=table.token,
        municipality_id=table.municipality_id,
        storage=Storage(columns, pack_bits(keys), len(table.key_index)),
        size=size,
        live=np.ones(size, dtype=bool),
        default_order=_kept_order(table.default_order, kept, remap),
        name_order=_kept_order(table.name_order, kept, remap),
        key_index=table.key_index,
    )
    compact._vocabulary = table._vocabulary
    return compact


def patch(table: OfferTable, token: str | None, steps: list[dict]) -> OfferTable:
    """``table`` brought up to date by the logged writes ``steps``: the
    entries of the offers they changed are read, nothing else."""
    offers = sorted({offer for step in steps for offer in step["offers"]})
    dropped = [entry for step in steps for entry in step["dropped"]]
    new = _read(table.municipality_id, offers, by="offer_id")
    gone, _found = table.positions(
        np.union1d(np.array(dropped, dtype=np.int64), new.entry_ids)
    )
    if len(new.entry_ids) and table.size:
        if new.entry_ids[0] <= table.entry_ids[-1]:
            # A write that committed after a later one (PostgreSQL hands out
            # ids as transactions start): put everything in order anew.
            kept = table.live.copy()
            kept[gone] = False
            return _combined(table, token, kept, new)
    patched = _patched(table, token, gone, new)
    if patched.size - patched.count > max(COMPACT_MIN, COMPACT_SHARE * patched.size):
        return compacted(patched)
    return patched


_tables: dict[int, OfferTable] = {}
_lock = threading.Lock()
#: One per municipality: held while its table is brought up to date.
_updating: dict[int, threading.Lock] = {}


def _token(municipality_id: int) -> str | None:
    return (
        SearchIndexState.objects.filter(municipality_id=municipality_id)
        .values_list("token", flat=True)
        .first()
    )


def _state(municipality_id: int) -> tuple[str | None, list]:
    state = (
        SearchIndexState.objects.filter(municipality_id=municipality_id)
        .values_list("token", "history")
        .first()
    )
    return state if state else (None, [])


def _steps_since(history: list[Any], token: str) -> list[Any] | None:
    """The writes since ``token`` (None: it is not in the history)."""
    for at, step in enumerate(history):
        # Before writes were logged, the history held the bare tokens.
        if (step.get("token") if isinstance(step, dict) else step) == token:
            return history[at:]
    return None


def _logged(steps: list[Any]) -> bool:
    return all(isinstance(s, dict) and s.get("offers") is not None for s in steps)


def _up_to_date(municipality_id: int, table: OfferTable | None) -> OfferTable:
    token, history = _state(municipality_id)
    if table is not None and token is not None and table.token == token:
        return table
    steps = (
        _steps_since(history, table.token)
        if table is not None and token is not None
        else None
    )
    if table is None or steps is None:
        return build(municipality_id, token)
    if _logged(steps):
        return patch(table, token, steps)
    return refresh(table, token) or build(municipality_id, token)


def offer_table(municipality_id: int) -> OfferTable:
    """The municipality's table, up to date with its index. Reads only."""
    table = _tables.get(municipality_id)
    if table is not None and table.token is not None:
        if _token(municipality_id) == table.token:
            return table
    with _lock:
        updating = _updating.setdefault(municipality_id, threading.Lock())
    # One at a time, each from the table the one before left (a storage is
    # appended to by the latest table alone; see table.Storage).
    with updating:
        table = _up_to_date(municipality_id, _tables.get(municipality_id))
        _tables[municipality_id] = table
    return table


def search_token(municipality) -> str | None:
    """The version of the municipality's index (None before its first
    write): whatever is derived from search results may be kept under it."""
    return offer_table(municipality.pk).token
