"""Uploaded files kept between a preview and the import that follows it.

A person checks an import in a preview first; the file waits here so it need
not be chosen again. Files live in the data dir under an unguessable token
and are removed after the import or after a day. The token ends in the
uploaded file's extension: readers that go by it (openpyxl refuses a workbook
whose name does not end in .xlsx) get the kept file as they got the upload.
"""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path

from django.conf import settings

MAX_AGE_SECONDS = 24 * 3600
TOKEN = re.compile(r"[A-Za-z0-9_-]+(\.[a-z0-9]{1,10})?")


def _folder() -> Path:
    folder = Path(settings.DATA_DIR) / "uploads"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def _path(token: str) -> Path | None:
    if not token or not TOKEN.fullmatch(token):
        return None
    return _folder() / token


def _suffix(name: str) -> str:
    suffix = Path(name).suffix.lower()
    return suffix if TOKEN.fullmatch(f"x{suffix}") else ""


def upload_stash(*, data: bytes, name: str = "") -> str:
    """Keep ``data`` (uploaded as ``name``) and return the token to fetch it again."""
    cutoff = time.time() - MAX_AGE_SECONDS
    for old in _folder().iterdir():
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    token = secrets.token_urlsafe(24) + _suffix(name)
    (_folder() / token).write_bytes(data)
    return token


def upload_discard(*, token: str) -> None:
    path = _path(token)
    if path is not None:
        path.unlink(missing_ok=True)


def upload_path(*, token: str) -> Path | None:
    """Where the kept file lies, for readers that want a path; None if gone."""
    path = _path(token)
    return path if path is not None and path.is_file() else None
