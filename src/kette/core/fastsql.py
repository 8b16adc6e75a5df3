"""Inserting and updating many rows fast: executemany (SQLite) or COPY (PostgreSQL).

Django's ``bulk_create`` prepares every value through the ORM (a few
microseconds each), which dominates an import of 100,000 offers. Here each
column gets one converter, chosen once from its field, and rows go to the
database driver as plain tuples. Only for kette's own models, whose values
the content validation has already checked.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connection, models

BATCH = 5000
#: SQLite page cache (KiB) while a bulk writer runs (the default is 2 MB).
SQLITE_BULK_CACHE_KIB = 256 * 1024
Convert = Callable[[Any], Any]


def _same(value: Any) -> Any:
    return value


def _uuid(value: Any) -> uuid.UUID | None:
    if value is None or isinstance(value, uuid.UUID):
        return value
    return uuid.UUID(str(value))


def _uuid_hex(value: Any) -> str | None:
    """A UUID as SQLite stores it: 32 hex digits."""
    if value is None:
        return None
    if isinstance(value, uuid.UUID):
        return value.hex
    if len(value) == 36 and value == value.lower():
        return value.replace("-", "")  # checked on reading: canonical form
    return uuid.UUID(str(value)).hex


def _remembering(convert: Convert) -> Convert:
    """``convert`` that hands back its last result for the same value again:
    a bulk write stamps every row with one time (``created_at``, ``at``), and
    converting it anew per row was a tenth of writing the audit trail."""
    last: list[Any] = [object(), None]

    def remembered(value: Any) -> Any:
        if value is not last[0]:
            last[0], last[1] = value, convert(value)
        return last[1]

    return remembered


def converter(field: models.Field) -> Convert:
    """A function turning a Python value into what the driver takes."""
    ops = connection.ops
    target = field.target_field if field.is_relation else field
    if isinstance(target, models.UUIDField):
        if connection.features.has_native_uuid_field:
            return _uuid
        return _uuid_hex
    if isinstance(field, models.JSONField):
        encoder = field.encoder
        return lambda v: ops.adapt_json_value(v, encoder)
    if isinstance(field, models.DateTimeField):
        return _remembering(ops.adapt_datetimefield_value)
    if isinstance(field, models.DateField):
        return lambda v: ops.adapt_datefield_value(v)
    if isinstance(field, models.TimeField):
        return lambda v: ops.adapt_timefield_value(v)
    return _same


class Table:
    """The columns of one model to write, with their converters."""

    def __init__(
        self, model: type[models.Model], names: Sequence[str] | None = None
    ) -> None:
        """``names`` default to every concrete field but an automatic id."""
        self.model = model
        if names is None:
            names = [
                f.name
                for f in model._meta.concrete_fields
                if not isinstance(f, models.AutoField)
            ]
        self.fields = [model._meta.get_field(name) for name in names]
        self.converters = [converter(f) for f in self.fields]
        self.columns = [f.column for f in self.fields]
        self.key = converter(model._meta.pk)
        # Only the columns whose values need converting are touched per row
        # (most are passed as they are): a third of a bulk write went into
        # calling the identity for every value.
        self._converting = [
            (index, convert)
            for index, convert in enumerate(self.converters)
            if convert is not _same
        ]

    def row(self, values: Sequence[Any]) -> tuple:
        row = list(values)
        if len(row) != len(self.converters):
            raise ValueError(
                f"{len(row)} values for {len(self.converters)} columns"
                f" of {self.model._meta.db_table}"
            )
        for index, convert in self._converting:
            row[index] = convert(row[index])
        return tuple(row)

    def keyed_row_of(self, obj: models.Model) -> tuple:
        """``row_of`` followed by the primary key, for ``update``."""
        return (*self.row_of(obj), self.key(obj.pk))

    def row_of(self, obj: models.Model) -> tuple:
        return self.row([getattr(obj, field.attname) for field in self.fields])


def insert(table: Table, rows: Iterable[tuple]) -> int:
    """Insert converted rows; returns how many."""
    quote = connection.ops.quote_name
    name = quote(table.model._meta.db_table)
    columns = ", ".join(quote(c) for c in table.columns)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor
            with raw.copy(f"COPY {name} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        marks = ", ".join(["%s"] * len(table.columns))
        sql = f"INSERT INTO {name} ({columns}) VALUES ({marks})"  # noqa: S608
        batch: list[tuple] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def update(table: Table, rows: Iterable[tuple]) -> None:
    """UPDATE by primary key; each row is the table's values followed by the pk."""
    quote = connection.ops.quote_name
    model = table.model
    assignments = ", ".join(f"{quote(c)} = %s" for c in table.columns)
    sql = (
        f"UPDATE {quote(model._meta.db_table)} SET {assignments} "  # noqa: S608
        f"WHERE {quote(model._meta.pk.column)} = %s"
    )
    with connection.cursor() as cursor:
        batch: list[tuple] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


@contextmanager
def bulk_cache() -> Iterator[None]:
    """A big SQLite page cache for a bulk write, the old size back afterwards.

    With SQLite's default 2 MB, a write of 100,000 offers (their parts, audit
    entries and search entries, with the indexes of each table) spills
    pages again and again, and its time grew faster than its size.
    PostgreSQL keeps its own buffers: nothing changes there.
    """
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (before,) = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size = -{int(SQLITE_BULK_CACHE_KIB)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")
