"""Reading an HSDS tabular data package: a folder or a .zip with datapackage.json.

Files are found through ``resources[].path``, never by guessing names.
CSV files are read as Excel writes them too: UTF-8 with or without a byte
order mark, comma or semicolon (sniffed from the header line) or whatever
the resource's ``dialect`` declares. A file that is not UTF-8 (and declares
no other ``encoding``) is refused with the line of its first bad byte.
"""

from __future__ import annotations

import codecs
import csv
import io
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kette.core.exceptions import ImportFailed
from kette.core.importers import limits

from .checks import EXTRA_SPECS, RecordBuilder, Tables
from .descriptor import ResourceSpec, official_specs
from .problems import Problems, line_label

Progress = Callable[[str, int, int], None]
DESCRIPTOR = "datapackage.json"
DELIMITERS = ",;\t|"
PROGRESS_EVERY = 20_000
# HSDS 2.x names, read as their 3.0 resources.
ALIASES = {"services_at_location": "service_at_location"}

csv.field_size_limit(sys.maxsize)


class PackageError(Exception):
    """A file of the package cannot be read; ``message`` says why, for people."""

    def __init__(self, member: str, message: str) -> None:
        super().__init__(f"{member}: {message}")
        self.member = member
        self.message = message


class FolderSource:
    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.name = root.name

    def read(self, member: str) -> bytes | None:
        """The file's bytes; None if it is not there; PackageError if it is
        there but cannot be read as a file of this package."""
        link = self.root / member
        path = link.resolve()
        if not path.is_relative_to(self.root):
            raise PackageError(
                member,
                _(
                    "the file is a link to a place outside the package; put the "
                    "file itself into the package"
                ),
            )
        if not link.exists() and not link.is_symlink():
            return None
        if path.is_dir():
            raise PackageError(member, _("this is a folder, not a file"))
        if not path.is_file():  # a dangling link, a device, a pipe
            raise PackageError(member, _("this is not a file that can be read"))
        try:
            return path.read_bytes()
        except PermissionError:
            raise PackageError(
                member, _("the file cannot be read: access is denied")
            ) from None
        except OSError:
            raise PackageError(member, _("the file cannot be read")) from None


class ZipSource:
    def __init__(self, path: Path, problems: Problems) -> None:
        self.name = path.name
        self.zip = zipfile.ZipFile(path)
        for info in self.zip.infolist():
            if not _safe_member(info.filename):
                problems.error(
                    self.name,
                    _(
                        'the archive holds "%(member)s", a path that leaves the '
                        "package; such archives are refused"
                    )
                    % {"member": info.filename},
                )
        if too_large := limits.unpacked_problem(self.zip, file=self.name):
            problems.error(self.name, too_large.message)
        names = {i.filename for i in self.zip.infolist() if not i.is_dir()}
        self.prefix = ""
        if DESCRIPTOR not in names:
            # A zipped folder: datapackage.json one level down.
            nested = sorted(
                n for n in names if n.count("/") == 1 and n.endswith("/" + DESCRIPTOR)
            )
            if len(nested) == 1:
                self.prefix = nested[0][: -len(DESCRIPTOR)]
        self.names = names

    def read(self, member: str) -> bytes | None:
        name = self.prefix + member
        if name not in self.names:
            return None
        return self.zip.read(name)


def _safe_member(name: str) -> bool:
    path = name.replace("\\", "/")
    if path.startswith("/") or (len(path) > 1 and path[1] == ":"):
        return False
    return ".." not in PurePosixPath(path).parts


def _safe_resource_path(path: Any) -> bool:
    return (
        isinstance(path, str)
        and bool(path)
        and "://" not in path
        and _safe_member(path)
    )


def read_tabular(
    path: Path, problems: Problems, progress: Progress | None = None
) -> Tables:
    """Read and check a package; problems collect what is wrong."""
    if path.is_dir():
        source: FolderSource | ZipSource = FolderSource(path)
    else:
        try:
            source = ZipSource(path, problems)
        except zipfile.BadZipFile:
            problems.error(path.name, _("not a ZIP archive"))
            return Tables(source=path.name, form="tabular")
        if problems:
            return Tables(source=path.name, form="tabular")
    tables = Tables(source=source.name, form="tabular")
    descriptor = _descriptor(source, problems)
    if descriptor is None:
        return tables
    specs = official_specs() | EXTRA_SPECS
    version = str(descriptor.get("version", ""))
    if version.startswith("2"):
        problems.warn(
            DESCRIPTOR,
            _(
                "this is an HSDS %(version)s package; it is read as HSDS 3.0 "
                "where the columns match"
            )
            % {"version": version},
        )
    for index, resource in enumerate(descriptor["resources"]):
        if not isinstance(resource, dict):
            problems.error(
                DESCRIPTOR, _("resources[%(i)d] is not an object") % {"i": index}
            )
            continue
        name = ALIASES.get(resource.get("name"), resource.get("name"))
        spec = specs.get(name)
        if spec is None:
            problems.warn(
                DESCRIPTOR,
                _('resource "%(name)s" is not imported (kette reads %(known)s)')
                % {"name": resource.get("name"), "known": ", ".join(sorted(specs))},
            )
            continue
        if name in tables.records:
            problems.error(
                DESCRIPTOR, _('resource "%(name)s" is listed twice') % {"name": name}
            )
            continue
        _read_resource(source, resource, spec, tables, problems, progress)
    return tables


def _descriptor(source, problems: Problems) -> dict[str, Any] | None:
    try:
        raw = source.read(DESCRIPTOR)
    except PackageError as error:
        problems.error(DESCRIPTOR, error.message)
        return None
    if raw is None:
        problems.error(
            source.name,
            _(
                "no datapackage.json found; an HSDS tabular package is a folder "
                "or .zip with datapackage.json beside its CSV files"
            ),
        )
        return None
    try:
        descriptor = limits.json_load(raw, file=DESCRIPTOR)
    except ImportFailed as failure:
        for problem in failure.problems:
            problems.error(DESCRIPTOR, problem.message)
        return None
    if not isinstance(descriptor, dict) or not isinstance(
        descriptor.get("resources"), list
    ):
        problems.error(DESCRIPTOR, _('no "resources" list'))
        return None
    return descriptor


def _read_resource(source, resource, spec: ResourceSpec, tables, problems, progress):
    path = resource.get("path")
    name = spec.name
    if isinstance(path, list):
        problems.error(
            DESCRIPTOR,
            _('resource "%(name)s": multi-file resources are not supported')
            % {"name": name},
        )
        return
    if not _safe_resource_path(path):
        problems.error(
            DESCRIPTOR,
            _('resource "%(name)s": path "%(path)s" is not a file inside the package')
            % {"name": name, "path": path},
        )
        return
    try:
        data = source.read(path)
    except PackageError as error:
        problems.error(
            DESCRIPTOR,
            _('resource "%(name)s": path "%(path)s": %(problem)s')
            % {"name": name, "path": path, "problem": error.message},
        )
        return
    tables.files[name] = path
    tables.records[name] = []
    if data is None:
        problems.error(
            DESCRIPTOR,
            _('resource "%(name)s": the file "%(path)s" is missing from the package')
            % {"name": name, "path": path},
        )
        return
    text = _decode(data, path, resource.get("encoding"), problems)
    if text is None:
        return
    dialect = (
        resource.get("dialect") if isinstance(resource.get("dialect"), dict) else {}
    )
    tables.records[name] = _parse_csv(text, path, spec, dialect, problems, progress)


def _decode(data: bytes, path: str, encoding: Any, problems: Problems) -> str | None:
    codec = str(encoding or "utf-8").strip().lower()
    if codec.replace("_", "-") in {"utf-8", "utf8"}:
        codec = "utf-8-sig"
    try:
        codecs.lookup(codec)
    except LookupError:
        problems.error(
            path,
            _('unknown encoding "%(encoding)s" in datapackage.json')
            % {"encoding": encoding},
        )
        return None
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.error(
            path,
            _(
                "the file is not %(encoding)s (byte 0x%(byte)02X cannot be read); "
                'save it as "CSV UTF-8" or declare its "encoding" in '
                "datapackage.json"
            )
            % {
                "encoding": "UTF-8" if codec == "utf-8-sig" else codec,
                "byte": data[error.start],
            },
            row=line_label(line),
        )
        return None


def sniff_delimiter(header_line: str) -> str:
    """The delimiter of a header line: the most frequent candidate outside quotes."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in header_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _parse_csv(text, path, spec, dialect, problems, progress) -> list[dict]:
    first_line = text.split("\n", 1)[0]
    delimiter = dialect.get("delimiter") or sniff_delimiter(first_line)
    reader = csv.reader(
        io.StringIO(text, newline=""),
        delimiter=delimiter,
        quotechar=dialect.get("quoteChar", '"'),
        doublequote=dialect.get("doubleQuote", True),
        skipinitialspace=dialect.get("skipInitialSpace", False),
        strict=True,
    )
    total = text.count("\n")
    try:
        header = next(reader)
    except StopIteration:
        problems.error(path, _("the file is empty (it needs at least a header line)"))
        return []
    except csv.Error as error:
        problems.error(path, str(error), row=line_label(1))
        return []
    header = [column.strip() for column in header]
    try:
        limits.check_table_shape(file=path, rows=total - 1, columns=len(header))
    except ImportFailed as failure:
        for problem in failure.problems:
            problems.error(path, problem.message)
        return []
    columns = _columns(header, path, spec, problems)
    if columns is None:
        return []
    builder = RecordBuilder(spec, path, problems)
    records = []
    end = reader.line_num
    width = len(header)
    while True:
        start = end + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.error(
                path,
                _(
                    "unbalanced quotes: a quoted value starting here is not closed "
                    "properly (%(error)s, at line %(end)d)"
                )
                % {"error": error, "end": reader.line_num},
                row=line_label(start),
            )
            break
        end = reader.line_num
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        if len(row) != width:
            if end > start:
                message = _(
                    "%(count)d values over lines %(start)d-%(end)d, but the header "
                    'has %(width)d columns; is a quote (") not closed?'
                ) % {"count": len(row), "start": start, "end": end, "width": width}
            else:
                message = ngettext(
                    "%(count)d value, but the header has %(width)d columns",
                    "%(count)d values, but the header has %(width)d columns",
                    len(row),
                ) % {"count": len(row), "width": width}
            problems.error(path, message, row=line_label(start))
            if problems.full:
                break
            continue
        records.append(builder.build(((n, row[i]) for i, n in columns), start))
        if progress and len(records) % PROGRESS_EVERY == 0:
            progress(path, end, total)
        if problems.full:
            break
    if progress:
        progress(path, total, total)
    return records


def _columns(
    header, path, spec: ResourceSpec, problems
) -> list[tuple[int, str]] | None:
    columns = []
    seen = set()
    for index, column in enumerate(header):
        if column in seen:
            problems.error(
                path,
                _('column "%(column)s" appears twice') % {"column": column},
                row=line_label(1),
            )
            return None
        seen.add(column)
        if column in spec.fields:
            columns.append((index, column))
        else:
            problems.warn(
                path,
                _('unknown column "%(column)s" is ignored') % {"column": column},
                row=line_label(1),
            )
    missing = [
        f.name for f in spec.fields.values() if f.required and f.name not in seen
    ]
    for name in missing:
        problems.error(
            path,
            _("the column is missing (HSDS 3.0 requires it)"),
            row=line_label(1),
            field=name,
        )
    return None if missing else columns
