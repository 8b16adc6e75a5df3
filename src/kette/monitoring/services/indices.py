"""Saving, versioning, exporting and importing index definitions; the
Gelsenkirchen template. Every write is audited and one transaction."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kette.core import audit
from kette.core.exceptions import ImportFailed
from kette.core.importers import limits
from kette.core.models import AgeBand, FieldOfAction, LifePhase, Municipality

from ..engine import DefinitionError, parse
from ..models import IndexDefinition, IndexVersion, Indicator

DATA = Path(__file__).resolve().parents[1] / "data"
TEMPLATES = {"gelsenkirchen-partizipation": DATA / "gelsenkirchen.json"}
FORMAT = "kette-index/1"


def load_template(key: str = "gelsenkirchen-partizipation") -> dict[str, Any]:
    return json.loads(TEMPLATES[key].read_text(encoding="utf-8"))


def check_spec(*, municipality: Municipality, spec: Any) -> None:
    """Raise ValidationError (with the JSON path) unless ``spec`` is a valid
    definition whose indicators are all in the municipality's catalogue."""
    try:
        definition = parse(spec)
    except DefinitionError as error:
        raise ValidationError(
            _("The definition is not valid at %(path)s: %(message)s")
            % {"path": error.path or _("(top level)"), "message": error.text(_)}
        ) from error
    known = set(
        Indicator.objects.for_municipality(municipality)
        .filter(key__in=definition.indicator_keys)
        .values_list("key", flat=True)
    )
    unknown = [key for key in definition.indicator_keys if key not in known]
    if unknown:
        raise ValidationError(
            _("The definition uses indicators that are not in the catalogue: %(keys)s")
            % {"keys": ", ".join(unknown)}
        )


def _names(spec: dict) -> tuple[str, str]:
    name = spec.get("name")
    if isinstance(name, dict):
        return name.get("de") or spec["key"], name.get("en", "")
    return str(name or spec["key"]), ""


@transaction.atomic
def index_save(
    *,
    municipality: Municipality,
    spec: Any,
    actor: Any,
    note: str = "",
) -> IndexVersion:
    """Save ``spec`` as the next version of the index with its key (created
    on first save). An unchanged spec makes no new version."""
    check_spec(municipality=municipality, spec=spec)
    name_de, name_en = _names(spec)
    definition = (
        IndexDefinition.objects.for_municipality(municipality)
        .select_for_update()
        .filter(key=spec["key"])
        .first()
    )
    if definition is None:
        definition = IndexDefinition.objects.create(
            municipality=municipality,
            key=spec["key"],
            name_de=name_de[:200],
            name_en=name_en[:200],
            description=str(spec.get("description", "")),
        )
        audit.record_created(actor=actor, instance=definition)
    current = definition.current_version()
    if current is not None and current.spec == spec:
        return current
    version = IndexVersion.objects.create(
        definition=definition,
        number=(current.number + 1) if current else 1,
        spec=spec,
        note=note[:300],
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    before = audit.snapshot(definition)
    definition.name_de, definition.name_en = name_de[:200], name_en[:200]
    definition.description = str(spec.get("description", ""))
    definition.save()
    audit.record(
        actor=actor,
        action=audit.AuditAction.UPDATE,
        instance=definition,
        changes=audit.diff(before, audit.snapshot(definition))
        | {"version": [current.number if current else None, version.number]},
    )
    return version


def index_export(
    *, definition: IndexDefinition, version: IndexVersion | None = None
) -> dict:
    """The definition as its documented JSON (docs/monitoring-index.md)."""
    version = version or definition.current_version()
    if version is None:
        raise ValidationError(_("The index has no saved definition yet."))
    return dict(version.spec)


def index_import(
    *, municipality: Municipality, text: str | bytes, actor: Any, source: str = ""
) -> IndexVersion:
    """Save a definition read from a JSON file (``source`` names it in errors;
    bytes are read as UTF-8, a bad byte named with its line)."""
    try:
        spec = limits.json_load(
            text, file=source or _("the file"), kind=limits.DEFINITION
        )
    except ImportFailed as failure:
        raise ValidationError([str(problem) for problem in failure.problems]) from None
    return index_save(
        municipality=municipality,
        spec=spec,
        actor=actor,
        note=_("imported from %(file)s") % {"file": source} if source else "",
    )


def _term(model, code: str | None):
    return model.objects.filter(code=code).first() if code else None


@transaction.atomic
def template_install(
    *,
    municipality: Municipality,
    actor: Any,
    key: str = "gelsenkirchen-partizipation",
) -> IndexVersion:
    """Copy a template into the municipality: its indicators (those whose key
    is already there are kept as they are) and its index, which the
    municipality can then change like its own."""
    template = load_template(key)
    existing = set(
        Indicator.objects.for_municipality(municipality).values_list("key", flat=True)
    )
    for position, item in enumerate(template["indicators"], start=1):
        if item["key"] in existing:
            continue
        indicator = Indicator(
            municipality=municipality,
            key=item["key"],
            name_de=item["name"]["de"],
            name_en=item["name"].get("en", ""),
            definition_de=item.get("definition", {}).get("de", ""),
            definition_en=item.get("definition", {}).get("en", ""),
            kind=item.get("kind", "rate"),
            unit=item.get("unit", ""),
            scale=item.get("scale", 100),
            numerator_definition=item.get("numerator", ""),
            denominator_definition=item.get("denominator", ""),
            source=item.get("source", ""),
            polarity=item.get("polarity", "higher_is_worse"),
            age_band=_term(AgeBand, item.get("age_band")),
            life_phase=_term(LifePhase, item.get("life_phase")),
            field_of_action=_term(FieldOfAction, item.get("field_of_action")),
            periodicity=item.get("periodicity", "year"),
            position=position * 10,
        )
        indicator.full_clean()
        indicator.save()
        audit.record_created(actor=actor, instance=indicator)
    existing_index = (
        IndexDefinition.objects.for_municipality(municipality)
        .filter(key=template["index"]["key"])
        .first()
    )
    if existing_index is not None and existing_index.current_version():
        return existing_index.current_version()
    return index_save(
        municipality=municipality,
        spec=template["index"],
        actor=actor,
        note=_("copied from the template “%(name)s”")
        % {"name": template["name"]["de"]},
    )


@transaction.atomic
def index_publish(*, definition: IndexDefinition, actor: Any, published: bool) -> None:
    before = audit.snapshot(definition)
    definition.is_published = published
    definition.save(update_fields=["is_published", "updated_at"])
    audit.record_updated(actor=actor, instance=definition, before=before)
