"""Importing networks and their members from CSV or XLSX: a municipality's
Excel member lists moved in without retyping.

Two tables with the columns of the download (``registry_files``), matched
by their German or English header: bodies (one row per body) and members
(one row per membership). An XLSX holds both as sheets; CSV files hold one
each; which table a sheet or file is, its header says. A body is matched by
name and updated; a person by e-mail, else by name, and made when new; a
membership by body, person (or organisation) and the day of joining. All or
nothing: every problem is listed with file, sheet, row and column, and
nothing is written unless there is none. Writes go through the registry
services (audited); a row that changes nothing writes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.db import transaction

from kette.core.exceptions import ImportFailed
from kette.core.models import Municipality
from kette.monitoring.importers.spreadsheet import Table, read_table

from .plans import RegistryImportResult
from .reader import Reader
from .writer import Writer

__all__ = ["RegistryImportResult", "registry_import"]


def _tables(path: Path, file: str) -> list[Table]:
    """The tables of a file: each sheet of an XLSX (empty sheets left out
    when there are others), or the one table of a CSV."""
    if Path(file).suffix.lower() != ".xlsx":
        return [read_table(path, file)]
    # openpyxl loads lazily: it takes half a second to import (as in monitoring).
    from openpyxl import load_workbook  # noqa: PLC0415

    try:
        names = load_workbook(path, read_only=True).sheetnames
    except Exception:  # a broken file: read_table says so in words
        return [read_table(path, file)]
    tables = []
    for name in names:
        try:
            tables.append(read_table(path, file, sheet=name))
        except ImportFailed:
            if len(names) == 1:
                raise
    return tables or [read_table(path, file)]


def registry_import(
    *,
    municipality: Municipality,
    files: Sequence[tuple[Path, str]],
    actor: Any,
    dry_run: bool = False,
) -> RegistryImportResult:
    """Import the bodies and members in ``files`` ((path, name in messages)).

    Raises ImportFailed listing every problem; then nothing is written. With
    ``dry_run`` everything is done and checked, then rolled back (the preview).
    """
    reader = Reader(municipality)
    for path, file in files:
        for table in _tables(path, file):
            reader.read(table)
    reader.resolve_parents()
    if reader.problems:
        raise reader.problems.failure()
    with transaction.atomic():
        result = Writer(reader, actor).write()
        if reader.problems:
            raise reader.problems.failure()
        result.files = [file for _path, file in files]
        if dry_run:
            transaction.set_rollback(True)
    return result
