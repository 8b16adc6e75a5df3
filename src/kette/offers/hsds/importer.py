"""``hsds_import``: an HSDS 3.0 package into a municipality's offers.

All or nothing: the package is read and checked completely (HSDS rules from
the descriptor, then kette's own rules through ``prepare_content``) before
anything is written, and the writing is one transaction. Problems name the
file, the line (or JSON pointer) and the HSDS field.
"""

from __future__ import annotations

import gc
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kette.core import audit, fastsql
from kette.core.exceptions import ImportFailed, ImportProblem
from kette.core.models import Municipality, Organisation, Sector
from kette.core.models.organisation import LegalForm

from ..models import OfferLocation
from ..services import workflow
from ..services.content import ContentLookups
from . import writer
from .checking import Checked, Checker, Current
from .current import load_current
from .mapping import MappedOrganisation, Mapper
from .problems import Problems, Record, where
from .reading import read_package

ACTOR_NAME = "import_hsds (command line)"
DEFAULT_SECTOR = "civil-society"
CHUNK = 2000
ORGANISATION_FIELDS = {
    "name": "name",
    "description": "description",
    "email": "email",
    "website": "website",
}

Progress = Callable[[str, int, int], None]


@dataclass
class ImportResult:
    source: str
    form: str
    dry_run: bool
    organisations_created: int = 0
    organisations_updated: int = 0
    offers_created: int = 0
    offers_updated: int = 0
    offers_unchanged: int = 0
    #: records in the package by HSDS resource ("service", "location", ...)
    records: dict[str, int] = field(default_factory=dict)
    warnings: list[ImportProblem] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


@dataclass
class PlannedOrganisation:
    mapped: MappedOrganisation
    instance: Organisation
    before: dict[str, Any] | None  # audit snapshot of an existing organisation


def hsds_import(
    *,
    municipality: Municipality,
    path: Path,
    actor: Any = None,
    actor_name: str = ACTOR_NAME,
    dry_run: bool = False,
    default_sector: str = DEFAULT_SECTOR,
    progress: Progress | None = None,
    workers: int | None = None,
) -> ImportResult:
    """Create or update offers (by HSDS service id) and their organisations.

    Raises ``ImportFailed`` listing every problem found; then nothing is
    written. Offers of the municipality that are not in the package stay.
    ``workers``: processes that check services (default: 2 for big packages).
    """
    # Millions of small records make the cyclic garbage collector scan again
    # and again for nothing; an import creates no garbage cycles worth it.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _import(
            municipality=municipality,
            path=path,
            actor=actor,
            actor_name=actor_name,
            dry_run=dry_run,
            default_sector=default_sector,
            progress=progress,
            workers=workers,
        )
    finally:
        if paused:
            gc.enable()


def _import(
    *,
    municipality: Municipality,
    path: Path,
    actor: Any,
    actor_name: str,
    dry_run: bool,
    default_sector: str,
    progress: Progress | None,
    workers: int | None,
) -> ImportResult:
    seconds: dict[str, float] = {}
    clock = [time.perf_counter()]

    def lap(name: str) -> None:
        now = time.perf_counter()
        seconds[name] = round(now - clock[0], 2)
        clock[0] = now

    problems = Problems()
    tables = read_package(Path(path), problems, progress)
    if not problems and not tables["service"]:
        problems.error(tables.source, _("the package holds no services"))
    if problems:
        raise problems.failure()
    lap("read")
    sector = Sector.objects.filter(code=default_sector).first()
    if sector is None:
        raise ImportFailed(
            [
                ImportProblem(
                    file=tables.source,
                    message=_('unknown sector "%(code)s"') % {"code": default_sector},
                )
            ]
        )
    lookups = ContentLookups.load(municipality)
    mapper = Mapper(tables, lookups.terms)
    organisations = _organisations(municipality, mapper, sector, lookups, problems)
    services = [
        r for r in tables["service"] if r.get("organization_id") in organisations
    ]
    current = _current(municipality, tables, services, problems)
    lap("map")
    checker = Checker(
        municipality=municipality,
        mapper=mapper,
        lookups=lookups,
        organisation_extras={k: p.mapped.extra for k, p in organisations.items()},
        current=current,
    )
    checked: list[Checked] = []
    for outcome in checker.run(
        tables["service"] if len(services) == len(tables["service"]) else services,
        workers=workers,
        progress=progress,
        stop=lambda: problems.full,
    ):
        if isinstance(outcome, Checked):
            checked.append(outcome)
        else:
            for file, row, name, message in outcome:
                problems.error(file, message, row=row, field=name)
    _report_mapping_warnings(mapper, problems)
    if problems:
        raise problems.failure()
    lap("check")
    result = ImportResult(
        source=tables.source,
        form=tables.form,
        dry_run=dry_run,
        records={name: len(rows) for name, rows in tables.records.items() if rows},
        warnings=problems.warning_list(),
        seconds=seconds,
    )
    result.organisations_created = sum(
        p.instance.pk is None for p in organisations.values()
    )
    if dry_run:
        result.organisations_updated = sum(
            p.before is not None for p in organisations.values()
        )
        result.offers_updated = len(current)
        result.offers_created = len(checked) - len(current)
        return result
    with fastsql.bulk_cache(), transaction.atomic():
        result.organisations_updated = writer.write_organisations(
            list(organisations.values()), actor, actor_name
        )
        counts = writer.write_offers(
            municipality=municipality,
            checked=checked,
            current=current,
            organisations={k: p.instance for k, p in organisations.items()},
            actor=actor,
            actor_name=actor_name,
            progress=progress,
            seconds=seconds,
        )
        # Pending changes made against the replaced content are not approved
        # over the imported one later (docs/hsds.md, "Which offers an import
        # overwrites").
        workflow.pending_changes_overtaken(
            actor=actor,
            actor_name=actor_name,
            municipality=municipality,
            offer_ids=counts.updated_ids,
        )
    result.offers_created = counts.created
    result.offers_updated = counts.updated
    result.offers_unchanged = counts.unchanged
    return result


def _organisations(
    municipality: Municipality,
    mapper: Mapper,
    sector: Sector,
    lookups: ContentLookups,
    problems: Problems,
) -> dict[str, PlannedOrganisation]:
    """Match, adopt or create the package's organisations (not yet saved)."""
    known = list(Organisation.objects.for_municipality(municipality))
    by_hsds = {str(o.hsds_id): o for o in known if o.hsds_id}
    by_name = {o.name.casefold(): o for o in known}
    names: dict[str, Record] = {}
    planned = {}
    for record in mapper.tables["organization"]:
        if "id" not in record:
            continue
        mapped = mapper.organisation(record)
        name_key = mapped.fields["name"].casefold()
        if name_key in names:
            problems.record_error(
                record,
                "name",
                _("another organization in the package has this name (%(at)s)")
                % {"at": where(names[name_key]) or "?"},
            )
            continue
        names[name_key] = record
        instance = by_hsds.get(mapped.hsds_id)
        namesake = by_name.get(name_key)
        before = None
        adopted = False
        if instance is None and namesake is not None:
            if namesake.hsds_id is not None:
                problems.record_error(
                    record,
                    "name",
                    _(
                        'an organisation named "%(name)s" already exists in kette '
                        "with another HSDS id"
                    )
                    % {"name": mapped.fields["name"]},
                )
                continue
            instance = namesake  # adopt the organisation kette already has
            adopted = True
        elif instance is not None and namesake not in (None, instance):
            problems.record_error(
                record,
                "name",
                _('an organisation named "%(name)s" already exists in kette')
                % {"name": mapped.fields["name"]},
            )
            continue
        if instance is None:
            instance = Organisation(
                municipality=municipality,
                hsds_id=uuid.UUID(mapped.hsds_id),
                sector=sector,
                legal_form=LegalForm.OTHER,
            )
        else:
            before = audit.snapshot(instance)
            instance.hsds_id = uuid.UUID(mapped.hsds_id)
        for key, value in mapped.fields.items():
            if value or not adopted:  # adopting keeps what kette knows
                setattr(instance, key, value)
        if mapped.sector and mapped.sector in mapper.matcher.sectors:
            instance.sector = mapper.matcher.sectors[mapped.sector]
        try:
            instance.full_clean(
                exclude=["municipality", "sector"],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as error:
            phones = mapper.phones.get(("organization_id", mapped.hsds_id), [])
            for key, messages in error.message_dict.items():
                target, name = record, ORGANISATION_FIELDS.get(key)
                if key == "phone" and phones:
                    target, name = phones[0], "number"
                for message in messages:
                    problems.record_error(target, name, message)
            continue
        lookups.organisations[mapped.hsds_id] = instance
        planned[mapped.hsds_id] = PlannedOrganisation(mapped, instance, before)
    return planned


def _report_mapping_warnings(mapper: Mapper, problems: Problems) -> None:
    unknown = mapper.unknown_languages()
    for record in unknown[:20]:
        problems.record_warning(
            record,
            "code" if record.get("code") else "name",
            _('kette does not list the language "%(code)s"; kept for the export only')
            % {"code": record.get("code") or record.get("name", "")},
        )
    if len(unknown) > 20:
        problems.warn(
            unknown[0]["@file"],
            _("%(count)d language entries kette does not list, in all")
            % {"count": len(unknown)},
        )
    for record, name, limit in mapper.long_texts()[:20]:
        problems.record_warning(
            record,
            name,
            _(
                "longer than the %(limit)d characters kette shows; shortened (the "
                "export gives the full text back)"
            )
            % {"limit": limit},
        )
    kept = mapper.kept_schedules()
    if kept:
        problems.warn(
            kept[0]["@file"],
            _(
                "%(count)d schedules have rules kette cannot show (e.g. monthly, "
                "every other week, text only); they are kept for the export"
            )
            % {"count": len(kept)},
        )


def _current(
    municipality: Municipality, tables, services: list[Record], problems: Problems
) -> dict[str, Current]:
    """What kette has of the package's offers; ids used elsewhere are errors."""
    found = load_current([r["id"] for r in services])
    by_id = {r["id"]: r for r in services}
    current = {}
    for offer_id, (municipality_id, state) in found.items():
        if municipality_id != municipality.pk:
            problems.record_error(
                by_id[offer_id],
                "id",
                _("this id belongs to an offer of another municipality"),
            )
        else:
            current[offer_id] = state
    links = {r["id"]: r for r in tables["service_at_location"] if "id" in r}
    keys = list(links)
    for start in range(0, len(keys), CHUNK):
        places = OfferLocation.objects.filter(pk__in=keys[start : start + CHUNK])
        for place_id, offer_id in places.values_list("pk", "offer_id"):
            link = links[str(place_id)]
            if str(offer_id) != link.get("service_id"):
                problems.record_error(
                    link,
                    "id",
                    _("this id belongs to a place of another offer in kette"),
                )
    return current
