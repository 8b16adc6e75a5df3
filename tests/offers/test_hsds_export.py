"""Exporting HSDS 3.0 packages, and import → export → import round trips."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from django.core.management import call_command
from frictionless import validate

from kette.core.models import Organisation
from kette.offers.hsds.descriptor import official_descriptor
from kette.offers.models import Offer, OfferStatus
from kette.offers.services.content import offer_content
from kette.offers.services.workflow import offer_archive, offer_create
from tests.core.factories import DistrictFactory, OrganisationFactory, square
from tests.offers.factories import offer_content as content_for
from tests.offers.hsds_fixtures import S_HEBAMME, good_tables, write_json, write_package

pytestmark = pytest.mark.usefixtures("english")


def run(command: str, *args, **options) -> str:
    out = io.StringIO()
    call_command(
        command,
        *map(str, args),
        municipality="musterstadt",
        stdout=out,
        stderr=io.StringIO(),
        **options,
    )
    return out.getvalue()


def state() -> dict:
    """Everything an import writes that HSDS can carry, by HSDS id."""
    offers = {}
    for offer in Offer.objects.select_related("organisation"):
        data = offer_content(offer)
        data["organisation"] = str(offer.organisation.hsds_id)
        offers[str(offer.pk)] = {
            "content": data,
            "hsds_extra": offer.hsds_extra,
            "status": offer.status,
            "last_verified": offer.last_verified,
            "places": [
                (str(loc.hsds_location_id), loc.hsds_extra, loc.district_id)
                for loc in offer.locations.all()
            ],
            "times": sorted(str(s.hsds_id) for s in offer.schedules.all()),
            "contacts": [str(c.hsds_id) for c in offer.contacts.all()],
        }
    organisations = {
        str(o.hsds_id): (
            o.name,
            o.description,
            o.email,
            o.website,
            o.phone,
            o.sector_id,
            o.legal_form,
        )
        for o in Organisation.objects.all()
    }
    return {"offers": offers, "organisations": organisations}


def wipe() -> None:
    Offer.objects.all().delete()
    Organisation.objects.all().delete()


def assert_valid(descriptor_path) -> None:
    report = validate(str(descriptor_path))
    errors = [e.message for task in report.tasks for e in task.errors]
    errors += [e.message for e in report.errors]
    assert report.valid, errors


@pytest.fixture
def imported(tmp_path, municipality):
    DistrictFactory(municipality=municipality, code="01", geometry=square(6.80, 51.40))
    run("import_hsds", write_package(tmp_path / "source", good_tables()))
    return state()


def test_the_export_validates_against_the_official_descriptor(tmp_path, imported):
    summary = run("export_hsds", tmp_path / "out")

    assert "3 offers of Musterstadt written" in summary
    assert_valid(tmp_path / "out" / "datapackage.json")


def test_the_descriptor_is_the_official_one_trimmed_to_what_was_written(
    tmp_path, imported
):
    run("export_hsds", tmp_path / "out")

    written = json.loads((tmp_path / "out" / "datapackage.json").read_text())
    official = {r["name"]: r for r in official_descriptor()["resources"]}
    assert written["profile"] == "tabular-data-package"
    assert written["version"] == "3.0.0"
    assert written["name"] == "kette-musterstadt-angebote"
    names = [r["name"] for r in written["resources"]]
    assert {"organization", "service", "location", "schedule"} <= set(names)
    for resource in written["resources"]:
        assert (
            resource["schema"]["fields"]
            == official[resource["name"]]["schema"]["fields"]
        )
        assert resource["path"] == official[resource["name"]]["path"]
        with (tmp_path / "out" / resource["path"]).open(encoding="utf-8") as handle:
            header = next(csv.reader(handle))
        assert header == [f["name"] for f in resource["schema"]["fields"]]


def test_import_export_import_is_lossless(tmp_path, imported):
    run("export_hsds", tmp_path / "out")
    wipe()

    run("import_hsds", tmp_path / "out")

    assert state() == imported


def test_the_json_form_round_trips_too(tmp_path, imported):
    run("export_hsds", tmp_path / "out.json", json=True)
    services = json.loads((tmp_path / "out.json").read_text())
    hebamme = next(s for s in services if s["id"] == S_HEBAMME)
    assert hebamme["organization"]["name"] == "Familienzentrum Mitte e.V."
    assert hebamme["service_at_locations"][0]["location"]["addresses"][0]["city"] == (
        "Musterstadt"
    )
    wipe()

    run("import_hsds", tmp_path / "out.json")

    assert state() == imported


def test_a_zip_export_round_trips(tmp_path, imported):
    run("export_hsds", tmp_path / "out.zip")
    with zipfile.ZipFile(tmp_path / "out.zip") as archive:
        assert "datapackage.json" in archive.namelist()
        assert "services.csv" in archive.namelist()
    wipe()

    run("import_hsds", tmp_path / "out.zip")

    assert state() == imported


def test_exporting_twice_gives_the_same_rows(tmp_path, imported):
    run("export_hsds", tmp_path / "first")
    wipe()
    run("import_hsds", tmp_path / "first")
    run("export_hsds", tmp_path / "second")

    for name in ("services.csv", "schedules.csv", "attributes.csv", "phones.csv"):
        first = (tmp_path / "first" / name).read_text().splitlines()
        second = (tmp_path / "second" / name).read_text().splitlines()
        if name == "services.csv":  # last_modified is the time of the import
            first = [line.rsplit(",", 1)[0] for line in first]
            second = [line.rsplit(",", 1)[0] for line in second]
        assert sorted(first) == sorted(second), name


def test_offers_made_in_kette_export_valid_hsds_and_read_back(tmp_path, municipality):
    DistrictFactory(municipality=municipality, code="01", geometry=square(6.80, 51.40))
    organisation = OrganisationFactory(municipality=municipality, phone="0208 555")
    offer = offer_create(
        actor=None,
        municipality=municipality,
        content=content_for(
            organisation,
            target_groups=["parents", "migrant-families"],
            life_phases=["pregnancy-birth"],
            prevention_standards=["outreach"],
            cost="fee",
            cost_text="3 € pro Termin",
            website="https://example.org/kurs",
        ),
    )
    before = offer_content(offer)
    run("export_hsds", tmp_path / "out")
    assert_valid(tmp_path / "out" / "datapackage.json")
    wipe()

    run("import_hsds", tmp_path / "out")

    again = Offer.objects.get(pk=offer.pk)
    after = offer_content(again)
    assert again.organisation.name == organisation.name
    assert again.organisation.phone == "0208 555"
    for key in ("organisation", "capacity", "registration_required"):
        before.pop(key)
        after.pop(key)
    assert after == before


def test_archived_offers_are_left_out_unless_asked_for(tmp_path, imported):
    offer_archive(actor=None, offer=Offer.objects.get(pk=S_HEBAMME))

    run("export_hsds", tmp_path / "default")
    run("export_hsds", tmp_path / "all", include_archived=True)

    assert S_HEBAMME not in (tmp_path / "default" / "services.csv").read_text()
    rows = list(csv.DictReader((tmp_path / "all" / "services.csv").open()))
    [hebamme] = [row for row in rows if row["id"] == S_HEBAMME]
    assert hebamme["status"] == "defunct"
    assert_valid(tmp_path / "all" / "datapackage.json")


def test_status_of_drafts_in_the_export(tmp_path, imported):
    rows = {}
    run("export_hsds", tmp_path / "out")
    for row in csv.DictReader((tmp_path / "out" / "services.csv").open()):
        rows[row["id"]] = row["status"]
    assert sorted(rows.values()) == ["active", "active", "temporarily closed"]
    assert Offer.objects.filter(status=OfferStatus.DRAFT).count() == 1


def test_a_json_export_of_a_json_import(tmp_path, municipality):
    run("import_hsds", write_json(tmp_path / "in.json", good_tables()))
    first = state()
    run("export_hsds", tmp_path / "out.json", json=True)
    wipe()

    run("import_hsds", tmp_path / "out.json")

    assert state() == first


def test_a_shortened_text_is_exported_in_full(tmp_path, municipality):
    tables = good_tables()
    long_summary = "Beratung rund um Schwangerschaft und Geburt. " * 12
    tables["service"][0]["alternate_name"] = long_summary
    run("import_hsds", write_package(tmp_path / "source", tables))
    assert len(Offer.objects.get(pk=S_HEBAMME).summary) <= 400

    run("export_hsds", tmp_path / "out")

    rows = csv.DictReader((tmp_path / "out" / "services.csv").open(encoding="utf-8"))
    [hebamme] = [row for row in rows if row["id"] == S_HEBAMME]
    assert hebamme["alternate_name"] == long_summary.strip()


def test_the_accessibility_of_places_survives_an_export_and_its_import(
    tmp_path, municipality
):
    # A coordinator exported the directory and imported the package again: the
    # package had no accessibility.csv, so every place lost its description of
    # accessibility, and every further round trip counted the offer as changed.
    DistrictFactory(municipality=municipality, code="01", geometry=square(6.80, 51.40))
    organisation = OrganisationFactory(municipality=municipality)
    place = {
        "name": "Familienzentrum Mitte",
        "street": "Marktstraße 1",
        "postal_code": "46045",
        "city": "Musterstadt",
        "latitude": 51.405,
        "longitude": 6.805,
        "accessibility": "Stufenloser Eingang, Aufzug vorhanden.",
    }
    offer = offer_create(
        actor=None,
        municipality=municipality,
        content=content_for(organisation, locations=[place]),
    )
    run("export_hsds", tmp_path / "out")
    assert_valid(tmp_path / "out" / "datapackage.json")
    run("export_hsds", tmp_path / "out.zip")
    run("import_hsds", tmp_path / "out.zip")
    run("export_hsds", tmp_path / "again.zip")

    summary = run("import_hsds", tmp_path / "again.zip")

    assert "updated 0, unchanged 1" in summary
    [location] = offer_content(Offer.objects.get(pk=offer.pk))["locations"]
    assert location["accessibility"] == "Stufenloser Eingang, Aufzug vorhanden."
