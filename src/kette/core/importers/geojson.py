"""Reading districts from a GeoJSON FeatureCollection (RFC 7946, WGS 84).

``read_districts`` checks the whole file and returns the features it could
read together with every problem found; it writes nothing. Hierarchy checks
that need the database (unknown parents, cycles) are the service's.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _
from shapely.geometry.base import BaseGeometry

from ..exceptions import ImportFailed, ImportProblem
from ..geo import check_district_geometry
from ..models import District
from . import limits
from .problems import ProblemCollector, feature_label, property_label

Source = Path | bytes | IO[bytes]
Progress = Callable[[int, int], None]

# Names a `crs` member (GeoJSON 2008; RFC 7946 dropped it) may give WGS 84.
WGS84_NAMES = re.compile(
    r"(CRS:?84|EPSG:{1,2}(\d+(\.\d+)*:)?4326|EPSG/\d+/4326|WGS ?84)$", re.IGNORECASE
)
# How many features with projected coordinates are listed one by one.
PROJECTED_LISTED = 3


@dataclass(frozen=True)
class DistrictFields:
    """Which feature properties hold what."""

    code: str
    name: str
    parent: str | None = None
    level_name: str | None = None


@dataclass
class DistrictFeature:
    """One feature with a usable code; other values may be missing if faulty."""

    index: int
    code: str
    name: str = ""
    parent_code: str | None = None
    level_name: str | None = None
    geometry: dict[str, Any] | None = None
    shape: BaseGeometry | None = None

    @property
    def label(self) -> str:
        return feature_label(self.index, self.code)


@dataclass
class DistrictFile:
    file: str
    problems: ProblemCollector
    features: list[DistrictFeature] = field(default_factory=list)
    warnings: list[ImportProblem] = field(default_factory=list)
    total: int = 0


def source_name(source: Source) -> str:
    if isinstance(source, Path):
        return str(source)
    return Path(str(getattr(source, "name", "") or "upload.geojson")).name


def _read_bytes(source: Source, problems: ProblemCollector) -> bytes | None:
    """The file's bytes, or None after a problem (missing, unreadable, too large)."""
    if isinstance(source, bytes):
        size = len(source)
    elif isinstance(source, Path):
        try:
            size = source.stat().st_size
            if source.is_dir():
                raise IsADirectoryError
        except FileNotFoundError:
            problems.add(_("file not found"))
            return None
        except IsADirectoryError:
            problems.add(_("is a directory, not a file"))
            return None
        except OSError as error:
            problems.add(
                _("cannot read the file: %(error)s") % {"error": error.strerror}
            )
            return None
    else:
        size = getattr(source, "size", None) or 0
    if problem := limits.size_problem(file=problems.file, size=size):
        problems.add(problem.message)
        return None
    if isinstance(source, bytes):
        return source
    if isinstance(source, Path):
        try:
            return source.read_bytes()
        except OSError as error:
            problems.add(
                _("cannot read the file: %(error)s") % {"error": error.strerror}
            )
            return None
    data = source.read(limits.max_upload_bytes() + 1)
    data = data.encode() if isinstance(data, str) else data
    if problem := limits.size_problem(file=problems.file, size=len(data)):
        problems.add(problem.message)
        return None
    return data


def _load_json(data: bytes, problems: ProblemCollector) -> Any:
    """The parsed document, or None after a problem (limits.json_load's)."""
    try:
        return limits.json_load(data, file=problems.file)
    except ImportFailed as failure:
        for problem in failure.problems:
            problems.add(problem.message, row=problem.row)
    return None


def _features(document: Any, problems: ProblemCollector) -> list[Any] | None:
    """The features list of a FeatureCollection, or None after a problem."""
    expected = _('expected {"type": "FeatureCollection", "features": [...]}')
    if not isinstance(document, dict):
        kind = _("a JSON array") if isinstance(document, list) else _("a JSON value")
        problems.add(
            _("not a GeoJSON FeatureCollection: the file holds %(kind)s; %(hint)s")
            % {"kind": kind, "hint": expected}
        )
        return None
    kind = document.get("type")
    if kind == "Feature":
        problems.add(
            _(
                "a single Feature, not a FeatureCollection: wrap it as "
                '{"type": "FeatureCollection", "features": [ ... ]}'
            )
        )
        return None
    if kind != "FeatureCollection":
        problems.add(
            _('not a GeoJSON FeatureCollection (its "type" is %(type)s); %(hint)s')
            % {"type": json.dumps(kind), "hint": expected}
        )
        return None
    features = document.get("features")
    if not isinstance(features, list):
        problems.add(_('"features" must be a list of features'), field="features")
        return None
    if not features:
        problems.add(_("the collection contains no features"), field="features")
        return None
    return features


def _crs_name(crs: Any) -> str | None:
    """The name a GeoJSON 2008 ``crs`` member gives, if any."""
    if not isinstance(crs, dict):
        return None if crs is None else json.dumps(crs)
    properties = crs.get("properties") or {}
    if not isinstance(properties, dict):
        return json.dumps(crs)
    if crs.get("type") == "EPSG" and "code" in properties:
        return f"EPSG:{properties['code']}"
    name = properties.get("name") or properties.get("href")
    return str(name) if name else json.dumps(crs)


def _check_crs(document: dict[str, Any], problems: ProblemCollector) -> bool:
    """False (with a problem) if the file declares a system other than WGS 84."""
    name = _crs_name(document.get("crs"))
    if name is None or WGS84_NAMES.search(name.strip()):
        return True
    problems.add(
        _(
            'the file declares the coordinate reference system "%(crs)s", but '
            "districts are read as WGS 84 longitude/latitude (EPSG:4326): "
            "reproject the file to WGS 84 first, e.g. in QGIS or with "
            "ogr2ogr -t_srs EPSG:4326 out.geojson in.geojson"
        )
        % {"crs": name},
        field="crs",
    )
    return False


def _text(value: Any) -> str | None:
    """Text or a whole number as stripped text; None for other JSON values."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str):
        return value.strip()
    return None


class _FeatureReader:
    """Reads one feature after another into ``DistrictFeature`` records."""

    def __init__(
        self, result: DistrictFile, fields: DistrictFields, present: set[str], fix: bool
    ) -> None:
        self.result = result
        self.problems = result.problems
        self.fields = fields
        self.present = present
        self.fix = fix
        self.first_index: dict[str, int] = {}
        self.projected: list[int] = []
        self.limits = {
            name: District._meta.get_field(name).max_length
            for name in ("code", "name", "level_name")
        }

    def value(
        self, props: dict, name: str | None, row: str, *, required: bool, limit: str
    ) -> str | None:
        """A property as text; problems for missing, blank, wrong type, too long."""
        if name is None or name not in self.present:
            return None  # not asked for, or reported once for the whole file
        where = {"row": row, "field": property_label(name)}
        if name not in props:
            if required:
                self.problems.add(_("missing"), **where)
            return None
        value = _text(props[name])
        if value is None and props[name] is not None:
            self.problems.add(
                _("must be text or a whole number, not %(value)s")
                % {"value": json.dumps(props[name])[:40]},
                **where,
            )
            return None
        if not value:
            if required:
                self.problems.add(_("empty"), **where)
            return None
        if len(value) > self.limits[limit]:
            self.problems.add(
                _("longer than %(limit)d characters") % {"limit": self.limits[limit]},
                **where,
            )
            return None
        return value

    def read(self, index: int, feature: Any, crs_ok: bool) -> None:
        row = feature_label(index)
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            self.problems.add(
                _('not a GeoJSON Feature (an object with "type": "Feature")'), row=row
            )
            return
        props = feature.get("properties")
        if props is None:
            props = {}
        elif not isinstance(props, dict):
            self.problems.add(_("must be an object"), row=row, field="properties")
            props = {}
        fields = self.fields
        code = self.value(props, fields.code, row, required=True, limit="code")
        row = feature_label(index, code)
        name = self.value(props, fields.name, row, required=True, limit="name")
        parent = self.value(props, fields.parent, row, required=False, limit="code")
        level_name = self.value(
            props, fields.level_name, row, required=False, limit="level_name"
        )
        check = check_district_geometry(feature.get("geometry"), fix=self.fix)
        if check.outside_lon_lat:
            self.projected.append(index)
            if crs_ok and len(self.projected) <= PROJECTED_LISTED:
                self.problems.add(check.errors[0], row=row, field="geometry")
        else:
            for error in check.errors:
                self.problems.add(error, row=row, field="geometry")
        for repair in check.repairs:
            self.result.warnings.append(
                ImportProblem(
                    file=self.result.file, message=repair, row=row, field="geometry"
                )
            )
        if code is None:
            return
        if code in self.first_index:
            self.problems.add(
                _("duplicate: feature %(index)d has the same code")
                % {"index": self.first_index[code]},
                row=row,
                field=property_label(fields.code),
            )
            return
        self.first_index[code] = index
        self.result.features.append(
            DistrictFeature(
                index=index,
                code=code,
                name=name or "",
                parent_code=parent,
                level_name=(level_name or "") if fields.level_name else None,
                geometry=check.geometry,
                shape=check.shape,
            )
        )

    def finish(self, crs_ok: bool) -> None:
        hidden = len(self.projected) - (PROJECTED_LISTED if crs_ok else 0)
        if hidden > 0:
            self.problems.add(
                _(
                    "%(count)d more features have coordinates outside longitude/"
                    "latitude range: reproject the file to WGS 84 (EPSG:4326)"
                )
                % {"count": hidden},
                field="geometry",
            )


def _present_properties(
    features: list[Any], fields: DistrictFields, result: DistrictFile
) -> set[str]:
    """Property names found in any feature.

    A required property found in no feature is one problem for the file (most
    likely a wrong field name), not one per feature; an optional one a warning.
    """
    present: set[str] = set()
    for feature in features:
        if isinstance(feature, dict) and isinstance(feature.get("properties"), dict):
            present.update(feature["properties"])
    found = ", ".join(sorted(present)[:30]) or _("none")
    for name in (fields.code, fields.name):
        if name not in present:
            result.problems.add(
                _("no feature has this property; properties found: %(found)s")
                % {"found": found},
                field=property_label(name),
            )
    optional = [
        (fields.parent, _("all districts in the file are imported as top-level")),
        (fields.level_name, _("the kind of area stays empty")),
    ]
    for name, consequence in optional:
        if name and name not in present:
            result.warnings.append(
                ImportProblem(
                    file=result.file,
                    field=property_label(name),
                    message=_(
                        "no feature has this property (properties found: "
                        "%(found)s); %(consequence)s"
                    )
                    % {"found": found, "consequence": consequence},
                )
            )
    return present


def read_districts(
    source: Source,
    *,
    fields: DistrictFields,
    file: str | None = None,
    fix: bool = False,
    progress: Progress | None = None,
) -> DistrictFile:
    """Read and check a district file; never raises for bad input."""
    result = DistrictFile(
        file=file or source_name(source), problems=ProblemCollector(file or "")
    )
    result.problems.file = result.file
    data = _read_bytes(source, result.problems)
    if data is None:
        return result
    document = _load_json(data, result.problems)
    if result.problems:
        return result
    features = _features(document, result.problems)
    if features is None:
        return result
    result.total = len(features)
    crs_ok = _check_crs(document, result.problems)
    present = _present_properties(features, fields, result)
    reader = _FeatureReader(result, fields, present, fix)
    for index, feature in enumerate(features):
        reader.read(index, feature, crs_ok)
        if progress:
            progress(index + 1, result.total)
    reader.finish(crs_ok)
    return result
