"""Logging filters; configured in settings.LOGGING (so nothing here may import
models: logging is set up before the apps are loaded)."""

from __future__ import annotations

import logging
import re

# A personal voting or review link (goals/urls.py) is the key to one ballot or
# one person's review; a calendar feed's address (kalender/) to a person's
# measures; a minutes link (protokoll/) to a meeting's approved minutes.
# Django logs the path of every refused request (a CSRF failure, a wrong
# method, an error), so the key is replaced before any handler writes the line.
SECRET_PATHS = re.compile(
    r"(/(?:abstimmung|statusabfrage|kalender|protokoll)/)[^/\s\"']+"
)


class RedactSecretPaths(logging.Filter):
    """Replaces the key of personal links in log messages with "…"."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = SECRET_PATHS.sub(r"\1…", message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True
