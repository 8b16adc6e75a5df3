"""HSDS schedules (RFC 5545 rule subset) ↔ kette's weekly and dated times.

kette shows two kinds: every week on a weekday, and one dated session.
``WEEKLY`` rules (interval 1) with ``byday`` become one weekly row per day;
a rule with only ``dtstart`` (no ``freq``) becomes a dated session. Other
rules (``MONTHLY``, every other week, ``count``, ``bymonthday`` ...) and
free-text-only schedules are kept as they are in ``hsds_extra`` and written
back by the export. Times are read as the clock time (Europe/Berlin); an
offset such as ``Z`` is kept for the export but not converted.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from .descriptor import TIME_RE
from .rules import NOTE_LIMIT, full_text, shorten
from .rules import plain as _iso
from .taxonomy import made_id

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
LINKS = {"id", "service_id", "location_id", "service_at_location_id"}
MAPPED = {"freq", "byday", "opens_at", "closes_at", "valid_from", "valid_to", "notes"}
UNSHOWABLE = ("bymonthday", "byweekno", "byyearday", "count")
CANONICAL_TIME = re.compile(r"\d{2}:\d{2}(:\d{2})?")

Row = dict[str, Any]


@lru_cache(maxsize=4096)
def clock(value: str | None) -> dt.time | None:
    """The clock time of an HSDS time (remembered: a package repeats a few)."""
    if not value:
        return None
    match = TIME_RE.fullmatch(value.strip())
    if match is None:
        return None
    return dt.time(int(match.group(1)), int(match.group(2)), int(match.group(3) or 0))


def leftover_of(record: dict[str, Any]) -> dict[str, Any]:
    """What kette keeps of a mapped schedule besides its rows."""
    kept = {
        key: _iso(value)
        for key, value in record.items()
        if key not in LINKS and key not in MAPPED and not key.startswith("@")
    }
    for key in ("opens_at", "closes_at"):
        value = record.get(key)
        if value and not CANONICAL_TIME.fullmatch(value):
            kept[key] = value
    if len(record.get("notes") or "") > NOTE_LIMIT:
        kept["notes"] = record["notes"]  # shown shortened
    return kept


def kette_rows(record: dict[str, Any]) -> tuple[list[Row], dict[str, str]] | None:
    """kette schedule rows for an HSDS schedule, with where each value came from.

    None when kette cannot show the rule (it is then kept as it is).
    """
    days = showable_days(record)
    if days is None:
        return None
    start = record.get("dtstart")
    base: Row = {
        "opens_at": clock(record.get("opens_at")),
        "closes_at": clock(record.get("closes_at")),
        "note": shorten(record.get("notes") or "", NOTE_LIMIT),
    }
    origin = {
        "opens_at": "opens_at",
        "closes_at": "closes_at",
        "note": "notes",
        "valid_from": "valid_from" if record.get("valid_from") else "dtstart",
        "valid_until": "valid_to" if record.get("valid_to") else "until",
        "weekday": "byday",
        "date": "dtstart",
    }
    if days:
        rows = [
            base
            | {
                "kind": "weekly",
                "weekday": day,
                "date": None,
                "valid_from": record.get("valid_from") or start,
                "valid_until": record.get("valid_to") or record.get("until"),
            }
            for day in days
        ]
        return rows, origin
    # No weekdays: a dated session (a rule with only dtstart).
    row = base | {
        "kind": "dated",
        "weekday": None,
        "date": start,
        "valid_from": record.get("valid_from"),
        "valid_until": record.get("valid_to"),
    }
    return [row], origin


def showable_days(record: dict[str, Any]) -> list[int] | None:
    """Whether kette can show the rule, cheaply (without making its rows):
    None if not; else the weekdays of a weekly rule, or [] for a dated
    session. ``kette_rows`` decides by it, ``Mapper.kept_schedules`` too."""
    if any(record.get(key) is not None for key in UNSHOWABLE):
        return None
    if record.get("interval") not in (None, 1.0):
        return None
    freq, byday, start = record.get("freq"), record.get("byday"), record.get("dtstart")
    if freq == "WEEKLY" or (freq is None and byday):
        days = _days(byday)
        if days is None:
            return None
        if not days:
            if start is None:
                return None
            days = [start.weekday()]
        return days
    if freq is None and start is not None:
        until = record.get("until")
        if until is not None and until != start:
            return None
        return []
    return None


def _days(byday: str | None) -> list[int] | None:
    if not byday:
        return []
    days = _weekdays(byday)
    return None if days is None else list(days)


@lru_cache(maxsize=4096)
def _weekdays(byday: str) -> tuple[int, ...] | None:
    """The sorted weekdays of a ``byday`` value (remembered: a package
    repeats a few), None if it names a monthly position."""
    days = []
    for token in byday.replace(";", ",").split(","):
        token = token.strip().upper()
        if token not in WEEKDAYS:
            return None  # "1SA", "-1FR" and the like: monthly positions
        days.append(WEEKDAYS.index(token))
    return tuple(sorted(set(days)))


# --- export -----------------------------------------------------------------


def _time_text(value: dt.time | None, kept: str | None) -> str | None:
    if value is None:
        return None
    if kept and clock(kept) == value:
        return kept
    return value.isoformat()


def hsds_schedules(
    offer_id: str,
    schedules: list[Any],
    fields: dict[str, dict[str, Any]],
) -> list[dict[str, Any]]:
    """HSDS schedule records for an offer's kette schedules.

    Weekly rows that came from one HSDS rule are written as that rule again
    (same id, ``byday`` listing their days); ``fields`` holds what else kette
    kept of each rule, by HSDS id.
    """
    groups: dict[tuple, list[Any]] = {}
    for schedule in schedules:
        if schedule.kind == "weekly":
            key = (
                "weekly",
                str(schedule.hsds_id or ""),
                str(schedule.location_id or ""),
                schedule.opens_at,
                schedule.closes_at,
                schedule.valid_from,
                schedule.valid_until,
                schedule.note,
            )
        else:
            key = ("dated", str(schedule.hsds_id or ""), id(schedule))
        groups.setdefault(key, []).append(schedule)
    used: set[str] = set()
    records = []
    for rows in groups.values():
        first = rows[0]
        hsds_id = str(first.hsds_id) if first.hsds_id else None
        if hsds_id is None or hsds_id in used:
            schedule_id = made_id(
                "schedule",
                offer_id,
                first.location_id or "",
                first.kind,
                first.date or "",
                ",".join(str(r.weekday) for r in rows),
                first.opens_at or "",
                first.closes_at or "",
            )
        else:
            schedule_id = hsds_id
        used.add(schedule_id)
        kept = dict(fields.get(hsds_id, {})) if hsds_id else {}
        record: dict[str, Any] = {"id": schedule_id}
        if first.location_id:
            record["service_at_location_id"] = str(first.location_id)
        else:
            record["service_id"] = offer_id
        if first.kind == "weekly":
            record["freq"] = "WEEKLY"
            record["byday"] = ",".join(WEEKDAYS[r.weekday] for r in rows)
        else:
            record["dtstart"] = first.date.isoformat()
        record["opens_at"] = _time_text(first.opens_at, kept.pop("opens_at", None))
        record["closes_at"] = _time_text(first.closes_at, kept.pop("closes_at", None))
        record["valid_from"] = _iso(first.valid_from)
        record["valid_to"] = _iso(first.valid_until)
        record["notes"] = full_text(first.note, kept.pop("notes", None), NOTE_LIMIT)
        for key, value in kept.items():
            record.setdefault(key, value)
        records.append({k: v for k, v in record.items() if v not in (None, "")})
    return records
