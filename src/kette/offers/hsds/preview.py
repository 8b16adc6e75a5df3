"""What an HSDS import would do, exactly, without keeping any of it.

The command's ``--dry-run`` stops after the checks and can only say how many
offers exist already ("update up to"). The staff area's preview runs the
complete import (the same ``hsds_import``) in a transaction that it then
rolls back, so that it can say how many offers and organisations are new,
changed or unchanged. Nothing of it stays: not the offers, not the audit
entries, not the search index.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db import transaction

from kette.core.models import Municipality

from .importer import ImportResult, hsds_import


class _RolledBack(Exception):
    def __init__(self, result: ImportResult) -> None:
        self.result = result


def hsds_preview(
    *, municipality: Municipality, path: Path, actor: Any = None
) -> ImportResult:
    """The result the import of ``path`` would have; writes nothing.

    Raises ``ImportFailed`` like the import.
    """
    try:
        with transaction.atomic():
            result = hsds_import(
                municipality=municipality, path=path, actor=actor, workers=1
            )
            raise _RolledBack(result)
    except _RolledBack as rolled_back:
        result = rolled_back.result
    result.dry_run = True
    return result
