"""Pseudonyms: HMAC-SHA256 of a person's normalised identifying values, keyed
with a secret of the municipality.

The secret lives in ``DATA_DIR/secrets/pseudonym-<slug>.key`` (32 random
bytes, mode 0600, directory 0700), is made on first use and never leaves that
file: not the repository, not the database, not a log. The same key gives the
same pseudonym in every run; another municipality's key gives another one, and
without the key a pseudonym cannot be recomputed from guessed names.
Pseudonyms exist only in memory, to count each person once.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import stat
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from kette.core.exceptions import KetteError

KEY_BYTES = 32
# Birth dates as offices write them: 07.03.2019, 7.3.2019, 2019-03-07, 07/03/2019.
GERMAN_DATE = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")
# … and as a spreadsheet's date cell reads: 2019-03-07 00:00:00
ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t]00:00(?::00)?)?$")


def key_path(slug: str) -> Path:
    return Path(settings.DATA_DIR) / "secrets" / f"pseudonym-{slug}.key"


def _secret_dir(path: Path) -> None:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    # mkdir's mode is reduced by the umask, and the folder may be older
    os.chmod(path, 0o700)


def load_key(slug: str, *, create: bool = True) -> bytes | None:
    """The municipality's secret; made (and stored) on first use if ``create``.

    Without ``create`` a missing key is None (a dry run then uses a throw-away
    key: duplicates are found all the same, and nothing is written).
    """
    path = key_path(slug)
    if not path.exists():
        if not create:
            return None
        _secret_dir(path.parent)
        try:
            # O_EXCL: two imports at once must not both write a key
            handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(handle, "wb") as out:
                out.write(secrets.token_bytes(KEY_BYTES))
    if path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        os.chmod(path, 0o600)
    key = path.read_bytes()
    if len(key) < KEY_BYTES:
        raise KetteError(
            _(
                "the pseudonym key %(path)s is shorter than %(bytes)d bytes: restore "
                "it from the backup (a new key gives every person a new pseudonym)"
            )
            % {"path": path, "bytes": KEY_BYTES}
        )
    return key


def normalise(value: str) -> str:
    """One spelling per value: Unicode NFC, case and spacing ignored, dates ISO."""
    text = " ".join(unicodedata.normalize("NFC", str(value)).casefold().split())
    if match := GERMAN_DATE.match(text):
        day, month, year = match.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    if match := ISO_DATE.match(text):
        year, month, day = match.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return text


class Pseudonymiser:
    """``pseudonymise(values)``: the keyed hash of one person's identifiers."""

    def __init__(self, key: bytes) -> None:
        self._key = key

    def __repr__(self) -> str:  # never show the key, e.g. in a traceback
        return "Pseudonymiser(<key hidden>)"

    def __call__(self, values: Sequence[str]) -> str:
        # the unit separator keeps ("ab", "c") and ("a", "bc") apart
        message = "\x1f".join(normalise(value) for value in values)
        return hmac.new(self._key, message.encode(), hashlib.sha256).hexdigest()


def pseudonymiser_for(slug: str, *, create: bool = True) -> Pseudonymiser:
    """The municipality's pseudonymiser (throw-away key if none and not ``create``)."""
    key = load_key(slug, create=create)
    return Pseudonymiser(key if key is not None else secrets.token_bytes(KEY_BYTES))
