"""The official HSDS 3.0 ``datapackage.json`` and checking values against it.

kette ships a copy of the descriptor (``offers/data/hsds3_datapackage.json``)
and reads every package through it: field types and formats, ``required``,
``unique`` and ``enum`` constraints, primary and foreign keys. The export
writes the same descriptor, trimmed to the resources it writes.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

DESCRIPTOR_FILE = (
    Path(__file__).resolve().parent.parent / "data" / "hsds3_datapackage.json"
)
HSDS_VERSION = "3.0.0"

UUID_RE = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
)
NUMBER_RE = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
COMMA_NUMBER_RE = re.compile(r"[+-]?\d+,\d+")
DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
GERMAN_DATE_RE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
TIME_RE = re.compile(
    r"(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)?",
    re.IGNORECASE,
)
URI_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s]+")


class BadValue(ValueError):
    """A value that does not fit its field; the message says why."""


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: str
    format: str = "default"
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] = ()


@dataclass
class ResourceSpec:
    name: str
    path: str
    fields: dict[str, FieldSpec]
    primary_key: str | None = None
    # (field, resource, referenced field)
    foreign_keys: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def field_names(self) -> list[str]:
        return list(self.fields)


@functools.cache
def _official() -> dict[str, Any]:
    return json.loads(DESCRIPTOR_FILE.read_text(encoding="utf-8"))


def official_descriptor() -> dict[str, Any]:
    """A fresh copy of the official HSDS 3.0 descriptor."""
    return copy.deepcopy(_official())


def _resource_spec(resource: dict[str, Any]) -> ResourceSpec:
    schema = resource.get("schema") or {}
    fields = {}
    for item in schema.get("fields", []):
        constraints = item.get("constraints") or {}
        fields[item["name"]] = FieldSpec(
            name=item["name"],
            type=item.get("type", "string"),
            format=item.get("format", "default"),
            required=bool(constraints.get("required")),
            unique=bool(constraints.get("unique")),
            enum=tuple(constraints.get("enum") or ()),
        )
    keys = []
    for key in schema.get("foreignKeys", []):
        ref = key["reference"]
        keys.append((key["fields"], ref["resource"], ref["fields"]))
    primary = schema.get("primaryKey")
    return ResourceSpec(
        name=resource["name"],
        path=resource.get("path", ""),
        fields=fields,
        primary_key=primary if isinstance(primary, str) else None,
        foreign_keys=keys,
    )


@functools.cache
def official_specs() -> dict[str, ResourceSpec]:
    """The official resources by name (organization, service, ...)."""
    return {r["name"]: _resource_spec(r) for r in _official()["resources"]}


def trimmed_descriptor(resources: list[str], **metadata: Any) -> dict[str, Any]:
    """The official descriptor with only ``resources`` (and keys between them)."""
    descriptor = official_descriptor()
    kept = []
    for resource in descriptor["resources"]:
        if resource["name"] not in resources:
            continue
        schema = resource["schema"]
        if "foreignKeys" in schema:
            schema["foreignKeys"] = [
                key
                for key in schema["foreignKeys"]
                if key["reference"]["resource"] in resources
            ]
            if not schema["foreignKeys"]:
                del schema["foreignKeys"]
        kept.append(resource)
    descriptor["resources"] = kept
    descriptor.update(metadata)
    return descriptor


# --- values -----------------------------------------------------------------


def _quoted(raw: Any) -> str:
    text = str(raw)
    if len(text) > 60:
        text = text[:57] + "..."
    return f'"{text}"'


def parse_uuid(raw: Any) -> str:
    text = str(raw).strip()
    if not UUID_RE.fullmatch(text):
        raise BadValue(_("%(value)s is not a UUID") % {"value": _quoted(raw)})
    return text.lower()


def parse_number(raw: Any) -> float:
    if isinstance(raw, bool):
        raise BadValue(_("%(value)s is not a number") % {"value": _quoted(raw)})
    if isinstance(raw, int | float):
        value = float(raw)
    else:
        text = str(raw).strip()
        if COMMA_NUMBER_RE.fullmatch(text):
            # A decimal comma, as a German spreadsheet writes it.
            text = text.replace(",", ".")
        if not NUMBER_RE.fullmatch(text):
            raise BadValue(_("%(value)s is not a number") % {"value": _quoted(raw)})
        value = float(text)
    if not math.isfinite(value):
        raise BadValue(_("%(value)s is not a number") % {"value": _quoted(raw)})
    return value


def parse_integer(raw: Any) -> int:
    value = parse_number(raw)
    if not value.is_integer():
        raise BadValue(_("%(value)s is not a whole number") % {"value": _quoted(raw)})
    return int(value)


def parse_date(raw: Any) -> dt.date:
    text = str(raw).strip()
    match = DATE_RE.fullmatch(text)
    try:
        if match:
            return dt.date(*map(int, match.groups()))
        match = GERMAN_DATE_RE.fullmatch(text)
        if match:
            day, month, year = map(int, match.groups())
            return dt.date(year, month, day)
    except ValueError:
        pass
    raise BadValue(_("%(value)s is not a date (YYYY-MM-DD)") % {"value": _quoted(raw)})


def parse_time(raw: Any) -> str:
    """A time of day as HH:MM:SS with any offset as written ("9:30" → "09:30:00").

    The mapping reads the clock time; the text is kept for the export.
    """
    text = str(raw).strip()
    match = TIME_RE.fullmatch(text)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2))
        second = int(match.group(3) or 0)
        if hour < 24 and minute < 60 and second < 60:
            rest = text[match.end(3) if match.group(3) else match.end(2) :]
            return f"{hour:02d}:{minute:02d}:{second:02d}{rest}"
    raise BadValue(_("%(value)s is not a time (HH:MM:SS)") % {"value": _quoted(raw)})


def parse_datetime(raw: Any) -> str:
    text = str(raw).strip()
    try:
        dt.datetime.fromisoformat(text)
    except ValueError:
        try:
            parse_date(text)
        except BadValue:
            raise BadValue(
                _("%(value)s is not a date and time (ISO 8601)")
                % {"value": _quoted(raw)}
            ) from None
    return text


def parse_email(raw: Any) -> str:
    text = str(raw).strip()
    try:
        validate_email(text)
    except ValidationError:
        raise BadValue(
            _("%(value)s is not an e-mail address") % {"value": _quoted(raw)}
        ) from None
    return text


def parse_uri(raw: Any) -> str:
    text = str(raw).strip()
    if not URI_RE.fullmatch(text):
        raise BadValue(
            _("%(value)s is not a URI (e.g. https://example.org/)")
            % {"value": _quoted(raw)}
        )
    return text


def parse_boolean(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in {"true", "1", "yes"}:
        return True
    if text in {"false", "0", "no"}:
        return False
    raise BadValue(_("%(value)s is not true or false") % {"value": _quoted(raw)})


def parse_string(raw: Any) -> str:
    if isinstance(raw, dict | list):
        raise BadValue(_("a text is expected here, not a JSON object or list"))
    return raw if isinstance(raw, str) else str(raw)


PARSERS: dict[tuple[str, str], Callable[[Any], Any]] = {
    ("string", "uuid"): parse_uuid,
    ("string", "email"): parse_email,
    ("string", "uri"): parse_uri,
    ("number", "default"): parse_number,
    ("integer", "default"): parse_integer,
    ("date", "default"): parse_date,
    ("time", "default"): parse_time,
    ("datetime", "default"): parse_datetime,
    ("boolean", "default"): parse_boolean,
}


def parser_for(spec: FieldSpec) -> Callable[[Any], Any]:
    parse = PARSERS.get((spec.type, spec.format)) or PARSERS.get((spec.type, "default"))
    if parse is None:
        parse = parse_string
    if not spec.enum:
        return parse
    allowed = {value.lower(): value for value in spec.enum}

    def parse_enum(raw: Any) -> Any:
        value = parse(raw)
        found = allowed.get(str(value).strip().lower())
        if found is None:
            raise BadValue(
                _("%(value)s is not one of: %(allowed)s")
                % {"value": _quoted(raw), "allowed": ", ".join(spec.enum)}
            )
        return found

    return parse_enum


def format_number(value: float | int | None) -> str:
    """A number as HSDS CSV writes it: 6 rather than 6.0."""
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return repr(float(value))
