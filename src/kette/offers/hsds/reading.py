"""Opening an HSDS package in whichever form it comes."""

from __future__ import annotations

import zipfile
from pathlib import Path

from django.utils.translation import gettext as _

from kette.core.exceptions import ImportFailed
from kette.core.importers import limits

from .checks import EXTRA_SPECS, Tables, check_references
from .descriptor import official_specs
from .jsonform import read_json
from .problems import Problems
from .tabular import DESCRIPTOR, Progress, read_tabular


def read_package(
    path: Path, problems: Problems, progress: Progress | None = None
) -> Tables:
    """The checked records of a folder, .zip, datapackage.json or JSON file."""
    if not path.exists():
        problems.error(str(path), _("no such file or folder"))
        return Tables(source=str(path), form="tabular")
    if not path.is_dir() and (unreadable := _unreadable(path)):
        problems.error(path.name, unreadable)
        return Tables(source=path.name, form="tabular")
    if not path.is_dir() and (too_large := _too_large(path)):
        problems.error(path.name, too_large)
        return Tables(source=path.name, form="tabular")
    if path.is_dir() or zipfile.is_zipfile(path) or path.suffix.lower() == ".zip":
        tables = read_tabular(path, problems, progress)
    elif path.name == DESCRIPTOR or _is_descriptor(path):
        tables = read_tabular(path.parent, problems, progress)
    else:
        tables = read_json(path, problems, progress)
    if not problems:
        check_references(tables, official_specs() | EXTRA_SPECS, problems)
    return tables


def _unreadable(path: Path) -> str | None:
    """Why the file named on the command line cannot be read, if it cannot."""
    if not path.is_file():  # a dangling link, a device, a pipe
        return _("this is not a file that can be read")
    try:
        with path.open("rb"):
            return None
    except PermissionError:
        return _("the file cannot be read: access is denied")
    except OSError:
        return _("the file cannot be read")


def _too_large(path: Path) -> str | None:
    try:
        size = path.stat().st_size
    except OSError:
        return None  # the readers say what is wrong with it
    problem = limits.size_problem(file=path.name, size=size)
    return problem.message if problem else None


def _is_descriptor(path: Path) -> bool:
    """A JSON file with a ``resources`` list is a package descriptor."""
    try:
        with path.open("rb") as handle:
            start = handle.read(4096)
        if b'"resources"' not in start and b'"profile"' not in start:
            return False
        data = limits.json_load(path.read_bytes(), file=path.name)
    except (OSError, ImportFailed):
        return False  # read as the JSON form, which says what is wrong
    return isinstance(data, dict) and isinstance(data.get("resources"), list)
