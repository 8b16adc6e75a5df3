"""The database's own full-text engine: SQLite FTS5 or PostgreSQL tsvector.

Both get the same pre-analysed tokens (see ``text.py``), so they find the
same offers. The engine answers *which* offers a word group matches and in
which column (title, summary, the rest) by reading its index lists only, no
per-row ranking function: that keeps broad words fast at 100,000 offers. The
ranking is computed from those answers (``engine.py``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import numpy as np
from django.db import connection

from .text import AFFIX_MIN, REVERSED_MARK

FTS_TABLE = "kette_offers_search_fts"
ENTRY_TABLE = "kette_offers_offersearchentry"
#: bm25 weights of the FTS5 columns title, summary, body.
BM25_WEIGHTS = (10.0, 4.0, 1.0)
#: Stems this long also match as the start of a longer word.
PREFIX_MIN = 3


@dataclass(frozen=True)
class Term:
    stem: str
    exact: bool = False  # no prefix or suffix matching
    #: Also match as the end of a word (default: stems of AFFIX_MIN letters).
    suffix: bool | None = None

    @property
    def as_suffix(self) -> bool:
        if self.suffix is None:
            return len(self.stem) >= AFFIX_MIN
        return self.suffix


#: A query: every group must match; a group matches when one of its
#: alternatives does; an alternative matches when all its terms do.
Plan = list[list[list[Term]]]


COLUMNS = ("title", "summary", "body")
#: A token as FTS5's unicode61 tokenizer cuts it: letters and digits.
_TOKEN = re.compile(r"[^\W_]+")


#: Up to this many entries, SQLite's answer for entries added since an
#: earlier one is worked out here (``SQLiteBackend._columns_among``).
AMONG_HERE = 50


def _terms(group: list[list[Term]]) -> list[Term]:
    return [term for alternative in group for term in alternative]


def _has_prefix(tokens: list[str], prefix: str) -> bool:
    at = bisect.bisect_left(tokens, prefix)
    return at < len(tokens) and tokens[at].startswith(prefix)


def _matches(term: Term, tokens: list[str]) -> bool:
    """Whether ``term``, as ``SQLiteBackend.term`` renders it, matches one of
    ``tokens`` (sorted): equal, or starting with it, or ending with it."""
    stem = term.stem.lower()
    if term.exact or len(stem) < PREFIX_MIN:
        at = bisect.bisect_left(tokens, stem)
        return at < len(tokens) and tokens[at] == stem
    return _has_prefix(tokens, stem) or bool(
        term.as_suffix and _has_prefix(tokens, REVERSED_MARK + stem[::-1])
    )


class Backend:
    AND = OR = ""
    #: SQL aggregate joining the ids of the selected entries with commas.
    ID_LIST = ""

    def term(self, term: Term) -> str:
        raise NotImplementedError

    def _join(self, items: list[str], op: str) -> str:
        return items[0] if len(items) == 1 else "(" + f" {op} ".join(items) + ")"

    def render_group(self, group: list[list[Term]]) -> str:
        return self._join(
            [self._join([self.term(t) for t in alt], self.AND) for alt in group],
            self.OR,
        )

    def render(self, plan: Plan) -> str:
        """The whole query: every group must match."""
        return self._join([self.render_group(group) for group in plan], self.AND)

    def columns(
        self,
        municipality_id: int,
        group: list[list[Term]],
        among: np.ndarray | None = None,
    ):
        """Where one group matches: entry ids and the column (index into
        COLUMNS) of each hit; an entry appears once per column it matches in.
        Only the engine's index lists are read, no per-row ranking.
        ``among``: only these entry ids (those added since an earlier answer)."""
        raise NotImplementedError

    @staticmethod
    def _among(column: str, among: np.ndarray | None) -> str:
        """A condition keeping ``among`` (integers, written out: a list of
        entries added since the last search is short)."""
        if among is None:
            return ""
        ids = ",".join(str(int(entry_id)) for entry_id in among) or "NULL"
        return f" AND {column} IN ({ids})"

    def top(self, municipality_id: int, expression: str, limit: int) -> list:
        """The plain full-text query: the best ``limit`` entry ids by the
        engine's own ranking (bm25 / ts_rank)."""
        raise NotImplementedError

    def entry_ids(self, municipality_id: int) -> np.ndarray:
        """The ids of the municipality's index entries (in no order)."""
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {self.ID_LIST} FROM {ENTRY_TABLE} "  # noqa: S608
                "WHERE municipality_id = %s",
                [municipality_id],
            )
            return self._ids(cursor.fetchone()[0])

    @staticmethod
    def _ids(text: str | None) -> np.ndarray:
        if not text:
            return np.zeros(0, dtype=np.int64)
        return np.fromstring(text, dtype=np.int64, sep=",")

    @classmethod
    def _arrays(cls, lists: tuple) -> tuple[np.ndarray, np.ndarray]:
        """Entry ids and column numbers from one comma-separated id list per
        column. The database joins the ids into one string: handing 70,000
        rows to Python one tuple at a time costs ten times the match itself.
        """
        ids = [cls._ids(text) for text in lists]
        columns = [
            np.full(len(found), number, dtype=np.int8)
            for number, found in enumerate(ids)
        ]
        return np.concatenate(ids), np.concatenate(columns)


class SQLiteBackend(Backend):
    AND, OR = "AND", "OR"
    ID_LIST = "group_concat(id)"

    def columns(self, municipality_id: int, group: list[list[Term]], among=None):
        if (
            among is None
            or len(among) > AMONG_HERE
            or not all(_TOKEN.fullmatch(t.stem) for t in _terms(group))
        ):
            return self._columns(group, among)
        return self._columns_among(group, among)

    @staticmethod
    def _rowid_range(among: np.ndarray | None) -> str:
        """FTS5 evaluates a MATCH once per value of ``rowid IN (...)`` but
        seeks its index lists to a rowid range (then filtered to ``among``)."""
        if among is None:
            return ""
        if not len(among):
            return " AND 0"
        return f" AND rowid BETWEEN {int(min(among))} AND {int(max(among))}"

    def _columns_among(self, group: list[list[Term]], among: np.ndarray):
        """Where a group matches among a few entries (those added since an
        earlier answer), evaluated here on their token columns as FTS5 would
        (unicode61: a token is a run of letters and digits, compared without
        case; a term matches a token equal to it, or starting with it as a
        prefix, or as a suffix by the reversed token). FTS5 would expand
        every prefix over its whole index first, half the cost of the full
        answer however few the entries."""
        ids = ",".join(str(int(entry_id)) for entry_id in among) or "NULL"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id, {', '.join(f'{c}_terms' for c in COLUMNS)} "  # noqa: S608
                f"FROM {ENTRY_TABLE} WHERE id IN ({ids}) ORDER BY id"
            )
            rows = cursor.fetchall()
        found, columns = [], []
        for entry_id, *texts in rows:
            for number, text in enumerate(texts):
                tokens = sorted(set(_TOKEN.findall(text.lower())))
                if any(all(_matches(t, tokens) for t in alt) for alt in group):
                    found.append(entry_id)
                    columns.append(number)
        return np.array(found, dtype=np.int64), np.array(columns, dtype=np.int8)

    def term(self, term: Term) -> str:
        stem = term.stem.replace('"', '""')
        if term.exact or len(stem) < PREFIX_MIN:
            return f'"{stem}"'
        forms = [f'"{stem}"*']
        if term.as_suffix:
            forms.append(f'"{REVERSED_MARK}{stem[::-1]}"*')
        return self._join(forms, self.OR)

    def _columns(self, group: list[list[Term]], among):
        expression = self.render_group(group)
        select = (
            f"(SELECT group_concat(rowid) FROM {FTS_TABLE} "  # noqa: S608
            f"WHERE {FTS_TABLE} MATCH %s{self._rowid_range(among)})"
        )
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT " + ", ".join([select] * len(COLUMNS)),
                [f"{{{column}_terms}} : ({expression})" for column in COLUMNS],
            )
            return self._arrays(cursor.fetchone())

    def top(self, municipality_id: int, expression: str, limit: int) -> list:
        score = f"bm25({FTS_TABLE}, {', '.join(map(str, BM25_WEIGHTS))})"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "  # noqa: S608
                f"ORDER BY {score} LIMIT %s",
                [expression, limit],
            )
            return [row[0] for row in cursor.fetchall()]


class PostgresBackend(Backend):
    AND, OR = "&", "|"
    ID_LIST = "string_agg(id::text, ',')"

    def term(self, term: Term) -> str:
        stem = term.stem.replace("'", "''").replace("\\", "")
        if term.exact or len(stem) < PREFIX_MIN:
            return f"'{stem}'"
        forms = [f"'{stem}':*"]
        if term.as_suffix:
            forms.append(f"'{REVERSED_MARK}{stem[::-1]}':*")
        return self._join(forms, self.OR)

    def columns(self, municipality_id: int, group: list[list[Term]], among=None):
        expression = self.render_group(group)
        select = (
            f"(SELECT {self.ID_LIST} FROM {ENTRY_TABLE} "  # noqa: S608
            "WHERE municipality_id = %s AND {column}_doc @@ CAST(%s AS tsquery)"
            f"{self._among('id', among)})"
        )
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT " + ", ".join(select.format(column=c) for c in COLUMNS),
                [
                    value
                    for _column in COLUMNS
                    for value in (municipality_id, expression)
                ],
            )
            return self._arrays(cursor.fetchone())

    def top(self, municipality_id: int, expression: str, limit: int) -> list:
        document = " || ".join(
            f"setweight({column}_doc, '{weight}')"
            for column, weight in zip(COLUMNS, "ABC", strict=True)
        )
        matches = " OR ".join(f"{column}_doc @@ q" for column in COLUMNS)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id FROM {ENTRY_TABLE}, CAST(%s AS tsquery) AS q "  # noqa: S608
                f"WHERE municipality_id = %s AND ({matches}) "
                f"ORDER BY ts_rank({document}, q) DESC LIMIT %s",
                [expression, municipality_id, limit],
            )
            return [row[0] for row in cursor.fetchall()]


def backend() -> Backend:
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    raise NotImplementedError(f"No full-text search for {connection.vendor}.")
