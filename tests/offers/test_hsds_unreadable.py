"""HSDS packages whose files cannot be read, and the order problems are listed in."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.offers.hsds_fixtures import good_tables, write_package
from tests.offers.test_hsds_malformed import changed, failure

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def pkg(tmp_path):
    return write_package(tmp_path / "pkg", good_tables())


def elsewhere(pkg: Path, name: str) -> Path:
    """Move the package's file ``name`` out of the package."""
    target = pkg.parent / f"outside-{name}"
    (pkg / name).rename(target)
    return target


def test_a_descriptor_linked_from_outside_the_package(pkg, municipality):
    os.symlink(elsewhere(pkg, "datapackage.json"), pkg / "datapackage.json")

    message = failure(pkg)

    assert (
        "datapackage.json: the file is a link to a place outside the package; put "
        "the file itself into the package"
    ) in message
    assert "Traceback" not in message


def test_the_command_given_a_linked_descriptor(pkg, tmp_path, municipality):
    link = tmp_path / "elsewhere" / "datapackage.json"
    link.parent.mkdir()
    os.symlink(pkg / "datapackage.json", link)

    assert "datapackage.json: the file is a link to a place outside" in failure(link)


def test_a_descriptor_that_is_a_folder(pkg, municipality):
    (pkg / "datapackage.json").unlink()
    (pkg / "datapackage.json").mkdir()

    assert "datapackage.json: this is a folder, not a file" in failure(pkg)


def test_a_descriptor_that_is_a_dangling_link(pkg, municipality):
    (pkg / "datapackage.json").unlink()
    os.symlink(pkg / "gone.json", pkg / "datapackage.json")

    assert "datapackage.json: this is not a file that can be read" in failure(pkg)


def test_a_descriptor_that_may_not_be_read(pkg, municipality, monkeypatch):
    # Tests may run as root, who reads every file: refuse like the system would.
    read_bytes = Path.read_bytes

    def refused(path: Path) -> bytes:
        if path.name == "datapackage.json":
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refused)

    assert "datapackage.json: the file cannot be read: access is denied" in failure(pkg)


def test_a_descriptor_that_is_not_utf8(pkg, municipality):
    data = (pkg / "datapackage.json").read_bytes()
    (pkg / "datapackage.json").write_bytes(data.replace(b'"name"', b'"n\xe4me"', 1))

    assert "datapackage.json: not UTF-8 text (byte 0xE4 in line" in failure(pkg)


def test_a_table_linked_from_outside_the_package(pkg, municipality):
    os.symlink(elsewhere(pkg, "services.csv"), pkg / "services.csv")

    assert (
        'datapackage.json: resource "service": path "services.csv": the file is a '
        "link to a place outside the package"
    ) in failure(pkg)


def test_a_link_inside_the_package_is_read(tmp_path, municipality):
    tables = good_tables()
    tables["service"][0]["minimum_age"] = "zwölf"
    pkg = write_package(tmp_path / "pkg", tables)
    (pkg / "tables").mkdir()
    (pkg / "services.csv").rename(pkg / "tables" / "services.csv")
    os.symlink(pkg / "tables" / "services.csv", pkg / "services.csv")

    assert 'services.csv: line 2: field "minimum_age"' in failure(pkg)


def test_problems_are_listed_by_file_then_row_then_field(tmp_path, municipality):
    tables = changed(
        location={"latitude": "north"},
        organization={"email": "nobody at example"},
    )
    tables["service"][2]["minimum_age"] = "zwölf"
    tables["service"][0] |= {"minimum_age": "viel", "maximum_age": "mehr"}
    path = write_package(tmp_path / "pkg", tables)

    lines = failure(path).splitlines()[1:]

    files = [line.split(": ")[0] for line in lines]
    assert files == sorted(files) and len(set(files)) >= 3
    services = [
        (int(found[1]), found[2])
        for line in lines
        if (found := re.match(r'services.csv: line (\d+): field "(\w+)"', line))
    ]
    assert services == sorted(services)
    assert services[0] == (2, "maximum_age") and services[-1] == (4, "minimum_age")


def test_problems_are_ordered_even_with_superscript_digits_in_a_file_name():
    # "²" passes str.isdigit() but int() refuses it: the ordering must not fail.
    from kette.offers.hsds.problems import Problems

    problems = Problems()
    problems.error("service1²2.csv", "b", row="10")
    problems.error("service1²2.csv", "a", row="9")
    problems.error("location.csv", "c", row="2")

    listed = problems.failure().problems
    assert [(p.file, p.row) for p in listed] == [
        ("location.csv", "2"),
        ("service1²2.csv", "9"),
        ("service1²2.csv", "10"),
    ]
