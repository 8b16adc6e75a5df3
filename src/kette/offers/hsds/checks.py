"""Typed records from raw values, with the descriptor's rules; keys between tables.

Both forms (CSV rows and JSON objects) become records: dicts of typed values
by HSDS field name, plus ``@file`` and ``@at`` saying where they came from.
Empty values are left out, so ``record.get(name)`` is None for them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from .descriptor import (
    UUID_RE,
    BadValue,
    FieldSpec,
    ResourceSpec,
    parse_string,
    parse_uuid,
    parser_for,
)
from .problems import AT, FILE, Problems, Record

# Longer values are refused: nothing in an offer needs them, and a runaway
# quote or a pasted document would otherwise end up in the directory.
MAX_VALUE_CHARS = 100_000
#: At most this many parsed values remembered per column.
REMEMBERED = 1000

# Read by kette although the shipped descriptor does not list it (HSDS 3.0
# has it; the JSON form nests it in locations).
EXTRA_SPECS = {
    "accessibility": ResourceSpec(
        name="accessibility",
        path="accessibility.csv",
        fields={
            "id": FieldSpec("id", "string", "uuid", required=True, unique=True),
            "location_id": FieldSpec("location_id", "string", "uuid"),
            "description": FieldSpec("description", "string"),
            "details": FieldSpec("details", "string"),
            "url": FieldSpec("url", "string", "uri"),
        },
        primary_key="id",
        foreign_keys=[("location_id", "location", "id")],
    )
}
URI_FIELDS_FIXED_WITH_HTTPS = ("www.",)


@dataclass
class Tables:
    """The records of a package by resource name."""

    source: str
    form: str  # "tabular" or "json"
    records: dict[str, list[Record]] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, name: str) -> list[Record]:
        return self.records.get(name, [])

    def file(self, name: str) -> str:
        return self.files.get(name, f"{name}.csv")


class RecordBuilder:
    """Turns raw values of one resource into records, reporting bad values."""

    def __init__(self, spec: ResourceSpec, file: str, problems: Problems) -> None:
        self.spec = spec
        self.file = file
        self.problems = problems
        self.parsers: dict[str, Callable[[Any], Any]] = {
            name: parser_for(f) for name, f in spec.fields.items()
        }
        self.required = [name for name, f in spec.fields.items() if f.required]
        #: parsed values by raw text, per column whose parsed values are
        #: immutable and repeat (see ``build``)
        self.remembered: dict[str, dict[str, Any]] = {
            name: {}
            for name, parse in self.parsers.items()
            if parse not in (parse_string, parse_uuid) and not spec.fields[name].unique
        }
        self.unique: dict[str, dict[Any, int | str]] = {
            name: {} for name, f in spec.fields.items() if f.unique
        }

    def build(self, values: Iterable[tuple[str, Any]], at: int | str) -> Record:
        record: Record = {FILE: self.file, AT: at}
        bad: set[str] = set()
        parsers, remembered = self.parsers, self.remembered
        for name, raw in values:
            if raw is None:
                continue
            if type(raw) is str:
                raw = raw.strip()
                if not raw:
                    continue
                if len(raw) > MAX_VALUE_CHARS:
                    bad.add(name)
                    self.problems.record_error(
                        record,
                        name,
                        _(
                            "the value is %(length)d characters long; at most "
                            "%(limit)d are accepted"
                        )
                        % {"length": len(raw), "limit": MAX_VALUE_CHARS},
                    )
                    continue
                parse = parsers[name]
                if parse is parse_string:
                    record[name] = raw
                    continue
                # The cheap cases of a big package inline (a function call
                # per value was most of reading it): ids in canonical form,
                # and values seen before in this column (times, enum
                # values, numbers), whose parsed value is immutable.
                if parse is parse_uuid and UUID_RE.fullmatch(raw):
                    record[name] = raw.lower()
                    continue
                seen = remembered.get(name)
                if seen is not None and raw in seen:
                    record[name] = seen[raw]
                    continue
            else:
                parse = parsers[name]
                seen = None
            try:
                record[name] = value = parse(raw)
            except BadValue as error:
                fixed = self._fixed_uri(name, raw)
                if fixed is None:
                    bad.add(name)
                    self.problems.record_error(record, name, str(error))
                else:
                    record[name] = fixed
                    self.problems.record_warning(
                        record,
                        name,
                        _('"%(value)s" has no scheme; read as "%(fixed)s"')
                        % {"value": raw, "fixed": fixed},
                    )
                continue
            if seen is not None and len(seen) < REMEMBERED:
                seen[raw] = value
        for name in self.required:
            if name not in record and name not in bad:
                self.problems.record_error(record, name, _("missing (required)"))
        for name, seen in self.unique.items():
            value = record.get(name)
            if value is None:
                continue
            if value in seen:
                self.problems.record_error(
                    record,
                    name,
                    _('duplicate value "%(value)s" (first at %(first)s)')
                    % {"value": value, "first": _place(seen[value])},
                )
            else:
                seen[value] = at
        return record

    def _fixed_uri(self, name: str, raw: Any) -> str | None:
        spec = self.spec.fields[name]
        if spec.format != "uri" or not isinstance(raw, str):
            return None
        if raw.lower().startswith(URI_FIELDS_FIXED_WITH_HTTPS) and " " not in raw:
            return f"https://{raw}"
        return None


def _place(at: int | str) -> str:
    return _("line %(line)d") % {"line": at} if isinstance(at, int) else str(at)


def check_references(tables: Tables, specs: dict[str, ResourceSpec], problems):
    """Foreign keys (and attribute links) must point at records in the package."""
    ids = {
        name: {r["id"] for r in records if "id" in r}
        for name, records in tables.records.items()
    }
    for name, records in tables.records.items():
        spec = specs.get(name)
        if spec is None:
            continue
        for fk_field, target, _target_field in spec.foreign_keys:
            known = ids.get(target)
            required = spec.fields[fk_field].required
            for record in records:
                value = record.get(fk_field)
                if value is None:
                    continue
                if known is None:
                    if required:
                        problems.record_error(
                            record,
                            fk_field,
                            _(
                                'refers to %(resource)s "%(value)s", but the '
                                "package has no %(resource)s records"
                            )
                            % {"resource": target, "value": value},
                        )
                    else:
                        problems.warn(
                            record[FILE],
                            _(
                                "the package has no %(resource)s records; these "
                                "references are ignored"
                            )
                            % {"resource": target},
                            field=fk_field,
                        )
                        del record[fk_field]
                elif value not in known:
                    problems.record_error(
                        record,
                        fk_field,
                        _(
                            'refers to %(resource)s "%(value)s", which is not in %(file)s'
                        )
                        % {
                            "resource": target,
                            "value": value,
                            "file": tables.file(target),
                        },
                    )
    for record in tables["attribute"]:
        entity, link = record.get("link_entity"), record.get("link_id")
        if entity is None or link is None:
            continue
        if entity not in ids:
            problems.record_warning(
                record,
                "link_entity",
                _('attributes of "%(entity)s" records are not imported')
                % {"entity": entity},
            )
        elif link not in ids[entity]:
            problems.record_error(
                record,
                "link_id",
                _('refers to %(resource)s "%(value)s", which is not in %(file)s')
                % {"resource": entity, "value": link, "file": tables.file(entity)},
            )
