"""Writes of districts: the GeoJSON import, and editing one district (the admin)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from shapely.errors import ShapelyError
from shapely.geometry.base import BaseGeometry

from .. import audit
from ..districts import DistrictTree
from ..exceptions import ImportFailed, ImportProblem
from ..geo import check_district_geometry, set_district_geometry, to_shape
from ..importers.geojson import (
    DistrictFeature,
    DistrictFields,
    Progress,
    Source,
    read_districts,
)
from ..importers.problems import ProblemCollector, property_label
from ..models import District, Municipality

# A child may stick out of its parent by this share of its area (digitising
# noise) before the import warns about it.
OUTSIDE_PARENT_TOLERANCE = 0.01


@dataclass
class ImportResult:
    """What an import did (or, in a dry run, would do), by district code."""

    file: str
    total: int
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    relevelled: list[str] = field(default_factory=list)
    warnings: list[ImportProblem] = field(default_factory=list)
    dry_run: bool = False


def _levels(
    parents: dict[str, str | None],
) -> tuple[dict[str, int], list[list[str]]]:
    """Depth of every code below its root, and the cycles found instead of roots."""
    depth: dict[str, int] = {}
    in_cycle: set[str] = set()
    cycles: list[list[str]] = []
    for start in parents:
        path: list[str] = []
        position: dict[str, int] = {}
        code: str | None = start
        while code is not None and code not in depth and code not in in_cycle:
            if code in position:
                cycles.append(path[position[code] :])
                break
            position[code] = len(path)
            path.append(code)
            code = parents.get(code)
        if code is not None and (code in position or code in in_cycle):
            in_cycle.update(path)
            continue
        level = -1 if code is None else depth[code]
        for member in reversed(path):
            level += 1
            depth[member] = level
    return depth, cycles


def _report_cycles(
    cycles: list[list[str]],
    in_file: dict[str, DistrictFeature],
    parent_field: str | None,
    problems: ProblemCollector,
) -> None:
    for cycle in cycles:
        # Start at the member that comes first in the file.
        members = [c for c in cycle if c in in_file] or cycle
        first = min(members, key=lambda c: in_file[c].index if c in in_file else 0)
        at = cycle.index(first)
        ring = cycle[at:] + cycle[:at] + [first]
        problems.add(
            _("the parents form a cycle: %(cycle)s (each code followed by its parent)")
            % {"cycle": " → ".join(ring)},
            row=in_file[first].label if first in in_file else None,
            field=property_label(parent_field) if parent_field else None,
        )


def _outside_share(child: BaseGeometry, parent: BaseGeometry) -> float:
    try:
        return child.difference(parent).area / child.area if child.area else 0.0
    except ShapelyError:
        return 0.0


def _containment_warnings(
    file: str,
    features: list[DistrictFeature],
    in_file: dict[str, DistrictFeature],
    existing: dict[str, District],
) -> list[ImportProblem]:
    """Warn about children lying noticeably outside their parent."""
    warnings = []
    for feature in features:
        code = feature.parent_code
        if not code or feature.shape is None:
            continue
        if code in in_file:
            parent_shape = in_file[code].shape
        elif existing[code].geometry:
            parent_shape = to_shape(existing[code].geometry)
        else:
            parent_shape = None
        if parent_shape is None:
            continue
        share = _outside_share(feature.shape, parent_shape)
        if share > OUTSIDE_PARENT_TOLERANCE:
            warnings.append(
                ImportProblem(
                    file=file,
                    row=feature.label,
                    field="geometry",
                    message=_(
                        '%(percent).1f%% of its area lies outside its parent "%(parent)s"'
                    )
                    % {"percent": share * 100, "parent": code},
                )
            )
    return warnings


def _is_changed(district: District, before: audit.Snapshot) -> bool:
    # A parent created by this import has no pk yet, so the snapshot cannot
    # show the change.
    new_parent = district.parent if district.parent_id is None else None
    return bool(audit.diff(before, audit.snapshot(district))) or (
        new_parent is not None and new_parent.pk is None
    )


@transaction.atomic
def district_import(
    *,
    municipality: Municipality,
    source: Source,
    code_field: str,
    name_field: str,
    parent_field: str | None = None,
    level_name_field: str | None = None,
    actor: Any,
    actor_name: str = "",
    file: str | None = None,
    fix: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Create or update ``municipality``'s districts from a GeoJSON FeatureCollection.

    Districts are matched by code; name, parent, level, geometry (and the kind of
    area, if ``level_name_field`` is given) are set from the file. Without
    ``parent_field`` every district in the file is a top-level one. Districts not
    in the file stay as they are (their level follows a moved parent). All or
    nothing: any problem raises ``ImportFailed`` listing every problem found (up
    to a cap) and nothing is written. ``fix`` repairs invalid geometries and
    reports the repairs as warnings. ``dry_run`` checks and counts, writing
    nothing. ``actor`` (a user, or None with ``actor_name``) is recorded in the
    audit trail.
    """
    fields = DistrictFields(
        code=code_field,
        name=name_field,
        parent=parent_field,
        level_name=level_name_field,
    )
    parsed = read_districts(
        source, fields=fields, file=file, fix=fix, progress=progress
    )
    problems = parsed.problems
    if problems and not parsed.features:
        raise ImportFailed(problems.as_list())

    existing = {
        d.code: d
        for d in District.objects.for_municipality(municipality)
        .select_for_update()
        .order_by("pk")
    }
    code_of = {d.pk: d.code for d in existing.values()}
    parents = {code: code_of.get(d.parent_id) for code, d in existing.items()}
    in_file = {f.code: f for f in parsed.features}
    for feature in parsed.features:
        parents[feature.code] = feature.parent_code
    for feature in parsed.features:
        if feature.parent_code and feature.parent_code not in parents:
            problems.add(
                _(
                    'unknown parent code "%(code)s": it is neither in this file nor '
                    "a district of %(municipality)s"
                )
                % {"code": feature.parent_code, "municipality": municipality.name},
                row=feature.label,
                field=property_label(parent_field or ""),
            )
            parents[feature.code] = None
    levels, cycles = _levels(parents)
    _report_cycles(cycles, in_file, parent_field, problems)
    if problems:
        raise ImportFailed(problems.as_list())

    result = ImportResult(file=parsed.file, total=parsed.total, dry_run=dry_run)
    result.warnings = parsed.warnings + _containment_warnings(
        parsed.file, parsed.features, in_file, existing
    )
    districts = dict(existing)
    created_by_level: dict[int, list[District]] = defaultdict(list)
    changed: list[tuple[District, audit.Snapshot]] = []
    before_of: dict[str, audit.Snapshot] = {}
    for feature in parsed.features:
        district = existing.get(feature.code)
        if district is None:
            district = District(municipality=municipality, code=feature.code)
            districts[feature.code] = district
            created_by_level[levels[feature.code]].append(district)
            result.created.append(feature.code)
        else:
            before_of[feature.code] = audit.snapshot(district)
        district.name = feature.name
        district.level = levels[feature.code]
        if feature.level_name is not None:
            district.level_name = feature.level_name
        set_district_geometry(district, feature.geometry)
    for feature in parsed.features:
        code = feature.parent_code
        districts[feature.code].parent = districts[code] if code else None
    for code, district in existing.items():
        if code not in in_file and district.level != levels[code]:
            before_of[code] = audit.snapshot(district)
            district.level = levels[code]
    for code, before in before_of.items():
        district = districts[code]
        if _is_changed(district, before):
            changed.append((district, before))
            (result.updated if code in in_file else result.relevelled).append(code)
        else:
            result.unchanged.append(code)
    if dry_run:
        return result

    for level in sorted(created_by_level):
        District.objects.bulk_create(created_by_level[level], batch_size=200)
    for district, _before in changed:
        district.save()
    audit.record_many(
        actor=actor,
        actor_name=actor_name,
        created=[
            d for level in sorted(created_by_level) for d in created_by_level[level]
        ],
        updated=changed,
    )
    return result


# --- editing one district (the admin) ----------------------------------------

# ``district_update(geometry=KEEP)``: leave the outline as it is.
KEEP: Any = object()


def _checked_geometry(geometry: dict[str, Any] | None) -> dict[str, Any] | None:
    if geometry is None:
        return None
    check = check_district_geometry(geometry)
    if check.errors:
        raise ValidationError({"geometry": "; ".join(str(e) for e in check.errors)})
    return check.geometry


def _check_parent_municipality(municipality_id: int, parent: District | None) -> None:
    if parent is not None and parent.municipality_id != municipality_id:
        raise ValidationError(
            {"parent": _("The district above must be in the same municipality.")}
        )


@transaction.atomic
def district_create(
    *,
    actor: Any,
    municipality: Municipality,
    code: str,
    name: str,
    parent: District | None = None,
    level_name: str = "",
    geometry: dict[str, Any] | None = None,
    actor_name: str = "",
) -> District:
    """A new district of ``municipality``; its level follows from its parent."""
    _check_parent_municipality(municipality.pk, parent)
    district = District(
        municipality=municipality,
        code=code,
        name=name,
        parent=parent,
        level=parent.level + 1 if parent else 0,
        level_name=level_name,
    )
    set_district_geometry(district, _checked_geometry(geometry))
    district.full_clean()
    district.save()
    audit.record_created(actor=actor, instance=district, actor_name=actor_name)
    return district


@transaction.atomic
def district_update(
    *,
    actor: Any,
    district: District,
    name: str,
    code: str,
    parent: District | None,
    level_name: str = "",
    geometry: Any = KEEP,
    actor_name: str = "",
) -> District:
    """Change a district, possibly moving it below another parent.

    The parent must be in the same municipality and neither the district itself
    nor one of its parts (``ValidationError`` on "parent"). The level of the
    district and of everything below it is recomputed; the bounding box
    follows the geometry (``KEEP`` leaves the geometry as it is). Every district
    whose level changed gets its own audit entry.
    """
    _check_parent_municipality(district.municipality_id, parent)
    current = list(
        District.objects.for_municipality(district.municipality)
        .select_for_update()
        .only("pk", "code", "parent_id", "level")
    )
    # The cycle and level logic of the import, on primary keys instead of codes.
    parents = {str(d.pk): str(d.parent_id) if d.parent_id else None for d in current}
    parents[str(district.pk)] = str(parent.pk) if parent else None
    levels, _cycles = _levels(parents)
    if str(district.pk) not in levels:
        raise ValidationError(
            {
                "parent": _(
                    "A district cannot lie within itself or within one of its own "
                    "parts."
                )
            }
        )
    before = audit.snapshot(district)
    district.name, district.code, district.level_name = name, code, level_name
    district.parent = parent
    district.level = levels[str(district.pk)]
    if geometry is not KEEP:
        set_district_geometry(district, _checked_geometry(geometry))
    district.full_clean()
    district.save()

    # What lies below the district is the same before the move and after it.
    below = {d.pk for d in DistrictTree(current).descendants(district)}
    stale = [d.pk for d in current if d.pk in below and d.level != levels[str(d.pk)]]
    relevelled = []
    for child in District.objects.filter(pk__in=stale).order_by("pk"):
        child_before = audit.snapshot(child)
        child.level = levels[str(child.pk)]
        child.save(update_fields=["level", "updated_at"])
        relevelled.append((child, child_before))
    audit.record_many(
        actor=actor,
        actor_name=actor_name,
        updated=[(district, before), *relevelled],
    )
    return district
