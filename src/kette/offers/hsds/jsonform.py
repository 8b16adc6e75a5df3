"""Reading the HSDS 3 JSON form: service objects with their children nested.

The file holds one service, a list of services, or an API ``Page``
(``{"contents": [...]}``). Nested objects become the same records the
tabular form gives (children get their parent's id as foreign key), so one
mapping serves both. Objects shared between services (an organization, a
location, a taxonomy term) are read once.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from kette.core.exceptions import ImportFailed
from kette.core.importers import limits

from .checks import EXTRA_SPECS, RecordBuilder, Tables
from .descriptor import official_specs
from .problems import Problems

# resource -> {property: (child resource, foreign key on the child | None,
#                          key on the parent pointing at the child | None)}
NESTED: dict[str, dict[str, tuple[str, str | None, str | None]]] = {
    "service": {
        "organization": ("organization", None, "organization_id"),
        "program": ("program", None, "program_id"),
        "service_at_locations": ("service_at_location", "service_id", None),
        "schedules": ("schedule", "service_id", None),
        "phones": ("phone", "service_id", None),
        "languages": ("language", "service_id", None),
        "contacts": ("contact", "service_id", None),
        "cost_options": ("cost_option", "service_id", None),
        "attributes": ("attribute", "link_id", None),
    },
    "organization": {
        "phones": ("phone", "organization_id", None),
        "contacts": ("contact", "organization_id", None),
        "locations": ("location", "organization_id", None),
        "programs": ("program", "organization_id", None),
        "attributes": ("attribute", "link_id", None),
    },
    "service_at_location": {
        "location": ("location", None, "location_id"),
        "schedules": ("schedule", "service_at_location_id", None),
        "phones": ("phone", "service_at_location_id", None),
        "contacts": ("contact", "service_at_location_id", None),
        "attributes": ("attribute", "link_id", None),
    },
    "location": {
        "addresses": ("address", "location_id", None),
        "phones": ("phone", "location_id", None),
        "languages": ("language", "location_id", None),
        "schedules": ("schedule", "location_id", None),
        "contacts": ("contact", "location_id", None),
        "accessibility": ("accessibility", "location_id", None),
        "attributes": ("attribute", "link_id", None),
    },
    "phone": {
        "languages": ("language", "phone_id", None),
        "attributes": ("attribute", "link_id", None),
    },
    "contact": {
        "phones": ("phone", "contact_id", None),
        "attributes": ("attribute", "link_id", None),
    },
    "attribute": {"taxonomy_term": ("taxonomy_term", None, "taxonomy_term_id")},
    "taxonomy_term": {"taxonomy_detail": ("taxonomy", None, "taxonomy_id")},
}
# Shared between services: read once, later copies are skipped.
SHARED = {"organization", "location", "program", "taxonomy_term", "taxonomy"}
# HSDS objects kette keeps only as they are (back in the JSON export).
KEPT_AS_IS = {
    "service": (
        "service_areas",
        "required_documents",
        "funding",
        "metadata",
        "capacities",
        "additional_urls",
    ),
    "organization": ("organization_identifiers", "funding", "metadata"),
    "location": ("metadata",),
}
RAW = "@json"


def read_json(path, problems: Problems, progress=None) -> Tables:
    name = path.name
    tables = Tables(source=name, form="json")
    try:
        data = limits.json_load(path.read_bytes(), file=name)
    except ImportFailed as failure:
        for problem in failure.problems:
            problems.error(name, problem.message)
        return tables
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        items, base = data["contents"], "/contents"
    elif isinstance(data, list):
        items, base = data, ""
    elif isinstance(data, dict):
        items, base = [data], None
    else:
        problems.error(name, _("expected service objects (a list or a Page)"))
        return tables
    reader = _Reader(name, tables, problems)
    for index, item in enumerate(items):
        pointer = f"{base}/{index}" if base is not None else ""
        reader.walk("service", item, pointer or "/", {})
        if progress and index % 5000 == 0:
            progress(name, index, len(items))
        if problems.full:
            break
    if progress:
        progress(name, len(items), len(items))
    return tables


class _Reader:
    def __init__(self, file: str, tables: Tables, problems: Problems) -> None:
        self.file = file
        self.tables = tables
        self.problems = problems
        self.specs = official_specs() | EXTRA_SPECS
        self.builders: dict[str, RecordBuilder] = {}
        self.seen: dict[str, set[str]] = {name: set() for name in SHARED}

    def walk(self, resource: str, obj: Any, pointer: str, links: dict) -> str | None:
        """Add ``obj`` (and its children) as records; returns its id."""
        if not isinstance(obj, dict):
            self.problems.error(
                self.file, _("expected a JSON object"), row=pointer or "/"
            )
            return None
        obj_id = obj.get("id")
        if resource in SHARED and isinstance(obj_id, str):
            key = obj_id.strip().lower()
            if key in self.seen[resource]:
                return key
            self.seen[resource].add(key)
        spec = self.specs[resource]
        nested = NESTED.get(resource, {})
        values = []
        kept = {}
        for key, value in obj.items():
            if key in spec.fields:
                values.append((key, value))
            elif key in nested:
                continue
            elif key in KEPT_AS_IS.get(resource, ()):
                if value not in (None, [], {}):
                    kept[key] = value
            else:
                self.problems.warn(
                    self.file,
                    _('unknown property "%(key)s" of %(resource)s objects is ignored')
                    % {"key": key, "resource": resource},
                )
        given = {key for key, _value in values}
        values += [(k, v) for k, v in links.items() if k not in given]
        # Objects this one points at (its organization, location, term) first,
        # so that their ids fill its foreign keys before it is checked.
        for key, (child, _child_key, parent_key) in nested.items():
            value = obj.get(key)
            if parent_key is None or value in (None, {}):
                continue
            child_id = self.walk(child, value, f"{pointer}/{key}", {})
            if child_id is not None and parent_key not in given:
                values.append((parent_key, child_id))
        record = self._builder(resource).build(values, pointer or "/")
        if kept:
            record[RAW] = kept
        self.tables.records.setdefault(resource, []).append(record)
        own_id = record.get("id")
        for key, (child, child_key, parent_key) in nested.items():
            value = obj.get(key)
            if parent_key is not None or value in (None, []):
                continue
            if not isinstance(value, list):
                self.problems.error(
                    self.file, _("expected a list"), row=f"{pointer}/{key}"
                )
                continue
            child_links = {}
            if own_id is not None:
                child_links[child_key] = own_id
                if child == "attribute":
                    child_links["link_entity"] = resource
            for index, item in enumerate(value):
                self.walk(child, item, f"{pointer}/{key}/{index}", child_links)
        return own_id

    def _builder(self, resource: str) -> RecordBuilder:
        if resource not in self.builders:
            self.builders[resource] = RecordBuilder(
                self.specs[resource], self.file, self.problems
            )
            self.tables.files[resource] = self.file
        return self.builders[resource]
