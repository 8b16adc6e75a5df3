"""Importing HSDS 3.0 packages: `kette import_hsds` and the import service."""

from __future__ import annotations

import io
import uuid

import pytest
from django.core.management import CommandError, call_command

from kette.core.models import AuditEntry, Organisation, Sector
from kette.offers.hsds.importer import ACTOR_NAME, hsds_import
from kette.offers.models import Offer, OfferStatus
from kette.offers.services.content import offer_content
from tests.core.factories import DistrictFactory, OrganisationFactory, square
from tests.offers.factories import OfferFactory
from tests.offers.hsds_fixtures import (
    L_MITTE,
    ORG_CITY,
    ORG_FZ,
    S_HAUSAUFGABEN,
    S_HEBAMME,
    S_KRABBEL,
    SAL_1,
    good_tables,
    uid,
    write_json,
    write_package,
)

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def districts(municipality):
    return [
        DistrictFactory(
            municipality=municipality, code="01", geometry=square(6.80, 51.40)
        ),
        DistrictFactory(
            municipality=municipality, code="02", geometry=square(6.85, 51.45)
        ),
    ]


def run_import(path, **options) -> str:
    out = io.StringIO()
    call_command(
        "import_hsds",
        str(path),
        municipality="musterstadt",
        stdout=out,
        stderr=io.StringIO(),
        **options,
    )
    return out.getvalue()


def content(offer_id: str) -> dict:
    return offer_content(Offer.objects.get(pk=offer_id))


def test_a_tabular_package_becomes_offers_that_keep_their_hsds_ids(
    tmp_path, municipality, districts
):
    summary = run_import(write_package(tmp_path / "pkg", good_tables()))

    assert "offers created 3" in summary
    hebamme = Offer.objects.get(pk=S_HEBAMME)
    assert hebamme.municipality == municipality
    assert hebamme.status == OfferStatus.PUBLISHED
    assert hebamme.published_at is not None
    assert str(hebamme.last_verified) == "2025-03-01"
    data = content(S_HEBAMME)
    assert data["title"] == "Hebammensprechstunde"
    assert data["summary"] == "Beratung rund um Schwangerschaft und Geburt."
    assert (data["min_age_months"], data["max_age_months"]) == (-9, 12)
    assert (data["cost"], data["cost_text"]) == ("free", "kostenlos")
    assert data["registration_required"] is False
    assert data["website"] == "https://fz-mitte.example/hebamme"
    assert data["phone"] == "0208 12345"
    assert data["languages"] == ["de", "tr"]  # "tur" is ISO 639-3 for Turkish
    assert data["fields_of_action"] == ["health"]
    assert data["target_groups"] == ["expectant-parents"]  # matched by its label
    [place] = data["locations"]
    assert place["id"] == SAL_1
    assert (place["street"], place["postal_code"], place["city"]) == (
        "Marktstraße 1",
        "46045",
        "Musterstadt",
    )
    location = hebamme.locations.get()
    assert location.district.code == "01"  # from the coordinates
    assert str(location.hsds_location_id) == L_MITTE
    assert location.hsds_extra["address"]["address_2"] == "2. Etage"
    weekly = [s for s in data["schedules"] if s["kind"] == "weekly"]
    assert [(s["weekday"], s["opens_at"], s["location"]) for s in weekly] == [
        (0, "09:00:00", 0),
        (2, "09:00:00", 0),
    ]
    [dated] = [s for s in data["schedules"] if s["kind"] == "dated"]
    assert (dated["date"], dated["opens_at"], dated["closes_at"]) == (
        "2025-06-14",
        "10:00:00",
        "13:00:00",
    )
    assert data["contacts"] == [
        {
            "name": "Anna Beispiel",
            "role": "Familienhebamme",
            "phone": "0208 12346",
            "email": "anna@fz-mitte.example",
        }
    ]
    # HSDS fields without a kette column are kept for the export.
    assert hebamme.hsds_extra["service"]["eligibility_description"] == (
        "Schwangere und Eltern mit Baby"
    )
    assert hebamme.hsds_extra["program"]["name"] == "Frühe Hilfen"
    assert [a["taxonomy_term"]["name"] for a in hebamme.hsds_extra["attributes"]] == [
        "Familienbildung"
    ]


def test_fees_ages_in_decimal_years_and_places_of_a_second_service(
    tmp_path, municipality, districts
):
    run_import(write_package(tmp_path / "pkg", good_tables()))

    data = content(S_HAUSAUFGABEN)
    assert (data["cost"], data["cost_text"]) == ("fee", "5 € pro Monat")
    assert data["registration_required"] is True
    assert (data["min_age_months"], data["max_age_months"]) == (72, 126)
    assert data["languages"] == ["ar"]  # Klingon is not on kette's list
    assert [p["name"] for p in data["locations"]] == [
        "Familienzentrum Mitte",
        "Jugendtreff Nord",
    ]
    offer = Offer.objects.get(pk=S_HAUSAUFGABEN)
    assert [loc.district.code for loc in offer.locations.all()] == ["01", "02"]
    # A monthly rule kette cannot show is kept as it came.
    assert offer.hsds_extra["schedules"][0]["byday"] == "1SA"
    assert offer.hsds_extra["cost_options"][0]["amount"] == 5


def test_status_and_an_age_band_term_when_the_service_gives_no_ages(
    tmp_path, municipality
):
    run_import(write_package(tmp_path / "pkg", good_tables()))

    krabbel = Offer.objects.get(pk=S_KRABBEL)
    assert krabbel.status == OfferStatus.DRAFT  # temporarily closed
    assert krabbel.hsds_extra["service"]["status"] == "temporarily closed"
    assert (krabbel.min_age_months, krabbel.max_age_months) == (-9, 36)


def test_organisations_are_created_with_their_hsds_id_and_sector(
    tmp_path, municipality
):
    run_import(write_package(tmp_path / "pkg", good_tables()))

    centre = Organisation.objects.get(hsds_id=ORG_FZ)
    assert centre.municipality == municipality
    assert centre.name == "Familienzentrum Mitte e.V."
    assert centre.legal_form == "ev"
    assert centre.phone == "0208 10000"
    assert centre.sector.code == "civil-society"  # the default
    city = Organisation.objects.get(hsds_id=ORG_CITY)
    assert city.sector.code == "administration"  # from its attribute
    assert city.legal_form == "public_body"


def test_an_existing_organisation_of_the_same_name_is_adopted(tmp_path, municipality):
    existing = OrganisationFactory(
        municipality=municipality, name="Familienzentrum Mitte e.V."
    )

    run_import(write_package(tmp_path / "pkg", good_tables()))

    existing.refresh_from_db()
    assert str(existing.hsds_id) == ORG_FZ
    assert Offer.objects.get(pk=S_HEBAMME).organisation == existing
    assert Organisation.objects.filter(municipality=municipality).count() == 2


def test_every_write_is_in_the_audit_trail(tmp_path, municipality):
    run_import(write_package(tmp_path / "pkg", good_tables()))

    entries = AuditEntry.objects.filter(actor_name=ACTOR_NAME)
    assert (
        entries.filter(object_type="kette_offers.Offer", action="create").count() == 3
    )
    assert entries.filter(object_type="kette_core.Organisation").count() == 2
    created = entries.get(object_id=S_HEBAMME)
    assert created.actor is None
    assert created.municipality == municipality
    assert created.changes["title"] == [None, "Hebammensprechstunde"]
    assert created.changes["status"] == [None, "published"]


def test_a_second_import_updates_offers_by_id(tmp_path, municipality):
    tables = good_tables()
    run_import(write_package(tmp_path / "first", tables))
    first_place = Offer.objects.get(pk=S_HEBAMME).locations.get().pk

    tables["service"][0]["name"] = "Hebammensprechstunde am Markt"
    tables["service"][0]["maximum_age"] = "2"
    summary = run_import(write_package(tmp_path / "second", tables))

    assert "created 0, updated 1, unchanged 2" in summary
    assert Offer.objects.count() == 3
    offer = Offer.objects.get(pk=S_HEBAMME)
    assert offer.title == "Hebammensprechstunde am Markt"
    assert offer.max_age_months == 24
    assert offer.locations.get().pk == first_place
    [entry] = AuditEntry.objects.filter(object_id=S_HEBAMME, action="update")
    assert entry.changes["title"] == [
        "Hebammensprechstunde",
        "Hebammensprechstunde am Markt",
    ]
    assert entry.changes["max_age_months"] == [12, 24]


def test_the_same_package_twice_writes_nothing_the_second_time(tmp_path, municipality):
    path = write_package(tmp_path / "pkg", good_tables())
    run_import(path)
    entries = AuditEntry.objects.count()

    summary = run_import(path)

    assert "created 0, updated 0, unchanged 3" in summary
    assert AuditEntry.objects.count() == entries


def test_a_reimport_keeps_what_kette_added_and_hsds_cannot_say(tmp_path, municipality):
    tables = good_tables()
    run_import(write_package(tmp_path / "first", tables))
    offer = Offer.objects.get(pk=S_HEBAMME)
    offer.capacity = 12
    offer.save()
    offer.prevention_standards.set(
        offer.prevention_standards.model.objects.filter(code="outreach")
    )

    tables["service"][0]["name"] = "Hebammensprechstunde neu"
    run_import(write_package(tmp_path / "second", tables))

    offer.refresh_from_db()
    assert offer.title == "Hebammensprechstunde neu"
    assert offer.capacity == 12
    # The package says nothing about prevention standards: kette's stay.
    assert content(S_HEBAMME)["prevention_standards"] == ["outreach"]


def test_excel_csv_with_semicolons_and_a_byte_order_mark_is_read(
    tmp_path, municipality
):
    tables = good_tables()
    tables["location"][0]["latitude"] = "51,405"  # a German decimal comma
    run_import(write_package(tmp_path / "pkg", tables, delimiter=";", bom=True))

    data = content(S_HEBAMME)
    assert data["title"] == "Hebammensprechstunde"
    assert data["locations"][0]["latitude"] == 51.405


def test_a_zipped_package_and_a_zipped_folder_are_read(tmp_path, municipality):
    run_import(write_package(tmp_path / "pkg.zip", good_tables(), zip_file=True))
    assert Offer.objects.count() == 3


def test_unknown_columns_are_accepted_with_a_warning(tmp_path, municipality):
    err = io.StringIO()
    call_command(
        "import_hsds",
        str(
            write_package(
                tmp_path / "pkg", good_tables(), extra_columns=("lieblingsfarbe",)
            )
        ),
        municipality="musterstadt",
        stdout=io.StringIO(),
        stderr=err,
    )
    assert 'services.csv: line 1: unknown column "lieblingsfarbe" is ignored' in (
        err.getvalue()
    )
    assert Offer.objects.count() == 3


@pytest.mark.parametrize("page", [False, True])
def test_the_json_form_gives_the_same_offers(tmp_path, municipality, page):
    path = write_json(tmp_path / "services.json", good_tables(), page=page)

    run_import(path)

    assert Offer.objects.count() == 3
    data = content(S_HEBAMME)
    assert data["title"] == "Hebammensprechstunde"
    assert (data["min_age_months"], data["max_age_months"]) == (-9, 12)
    assert data["languages"] == ["de", "tr"]
    assert data["fields_of_action"] == ["health"]
    assert len(data["schedules"]) == 3
    assert data["contacts"][0]["phone"] == "0208 12346"
    assert Organisation.objects.get(hsds_id=ORG_CITY).sector.code == "administration"


def test_json_and_tabular_forms_of_one_package_import_alike(tmp_path, municipality):
    run_import(write_package(tmp_path / "pkg", good_tables()))
    tabular = {o.pk: offer_content(o) for o in Offer.objects.all()}
    extras = {o.pk: o.hsds_extra for o in Offer.objects.all()}

    run_import(write_json(tmp_path / "services.json", good_tables()))

    assert {o.pk: offer_content(o) for o in Offer.objects.all()} == tabular
    assert {o.pk: o.hsds_extra for o in Offer.objects.all()} == extras


def test_a_dry_run_checks_but_writes_nothing(tmp_path, municipality):
    summary = run_import(write_package(tmp_path / "pkg", good_tables()), dry_run=True)

    assert "dry run" in summary
    assert "would create 3" in summary
    assert not Offer.objects.exists()
    assert not Organisation.objects.exists()
    assert not AuditEntry.objects.exists()


def test_checking_in_worker_processes_gives_the_same_result(tmp_path, municipality):
    path = write_package(tmp_path / "pkg", good_tables())
    hsds_import(municipality=municipality, path=path, workers=2)
    parallel = {o.pk: (offer_content(o), o.hsds_extra) for o in Offer.objects.all()}
    Offer.objects.all().delete()

    hsds_import(municipality=municipality, path=path, workers=1)

    assert {
        o.pk: (offer_content(o), o.hsds_extra) for o in Offer.objects.all()
    } == parallel


def test_an_id_of_another_municipalitys_offer_is_refused(
    tmp_path, municipality, other_municipality
):
    OfferFactory(municipality=other_municipality, id=uuid.UUID(S_HEBAMME))

    with pytest.raises(CommandError, match='services.csv: line 2: field "id"'):
        run_import(write_package(tmp_path / "pkg", good_tables()))
    assert not Offer.objects.filter(municipality=municipality).exists()


def test_an_organisation_name_taken_by_another_hsds_organisation_is_refused(
    tmp_path, municipality
):
    OrganisationFactory(
        municipality=municipality,
        name="Familienzentrum Mitte e.V.",
        hsds_id=uuid.UUID(uid(99, "a")),
    )

    with pytest.raises(CommandError, match='organizations.csv: line 2: field "name"'):
        run_import(write_package(tmp_path / "pkg", good_tables()))
    assert not Offer.objects.exists()


def test_a_default_sector_can_be_chosen(tmp_path, municipality):
    run_import(write_package(tmp_path / "pkg", good_tables()), default_sector="health")
    assert Organisation.objects.get(hsds_id=ORG_FZ).sector == Sector.objects.get(
        code="health"
    )


def test_free_texts_longer_than_kette_shows_are_shortened_with_a_warning(
    tmp_path, municipality
):
    tables = good_tables()
    long_fees = "Kursgebühr " + "nach Einkommen gestaffelt, " * 20
    tables["service"][1]["fees_description"] = long_fees
    err = io.StringIO()
    call_command(
        "import_hsds",
        str(write_package(tmp_path / "pkg", tables)),
        municipality="musterstadt",
        stdout=io.StringIO(),
        stderr=err,
    )

    assert 'services.csv: line 3: field "fees_description": longer than the 300' in (
        err.getvalue()
    )
    offer = Offer.objects.get(pk=S_HAUSAUFGABEN)
    assert len(offer.cost_text) <= 300
    assert offer.cost_text.endswith("…")
    assert offer.hsds_extra["service"]["fees_description"] == long_fees.strip()


def test_the_index_entries_of_an_import_equal_those_of_a_rebuild(
    tmp_path, municipality, districts
):
    from kette.offers.models import OfferSearchEntry
    from kette.offers.search.index import rebuild_index

    fields = (
        "offer_id",
        "status",
        "min_age_months",
        "max_age_months",
        "last_verified",
        "sort_title",
        "facet_keys",
        "title_terms",
        "summary_terms",
        "body_terms",
        "source_updated_at",
    )

    def entries() -> dict:
        rows = OfferSearchEntry.objects.filter(municipality=municipality)
        return {row[0]: row for row in rows.values_list(*fields)}

    run_import(write_package(tmp_path / "pkg", good_tables()))
    imported = entries()
    assert len(imported) == 3
    rebuild_index(municipality)
    assert entries() == imported
