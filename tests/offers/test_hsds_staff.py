"""HSDS import (preview, then import) and export in the staff area."""

from __future__ import annotations

import re

import pytest

from kette.core.models import AuditEntry, Organisation, Role
from kette.offers.models import Offer
from tests.core.factories import user_with_role
from tests.offers.hsds_fixtures import good_tables, write_json, write_package

pytestmark = pytest.mark.django_db

PAGE = "/musterstadt/intern/angebote/hsds/"


@pytest.fixture
def package(tmp_path):
    return write_package(tmp_path / "angebote.zip", good_tables(), zip_file=True)


def upload(client, path, action="preview"):
    with path.open("rb") as handle:
        return client.post(PAGE, {"file": handle, "action": action})


def counts(response) -> dict:
    preview = response.context["preview"]
    return {
        "offers": (
            preview.offers_created,
            preview.offers_updated,
            preview.offers_unchanged,
        ),
        "organisations": (preview.organisations_created, preview.organisations_updated),
    }


def test_the_preview_counts_and_writes_nothing_then_the_kept_upload_is_imported(
    client, municipality, coordinator, package
):
    client.force_login(coordinator)
    preview = upload(client, package)
    assert preview.status_code == 200
    assert counts(preview) == {"offers": (3, 0, 0), "organisations": (2, 0)}
    held = dict(preview.context["package"])
    assert (held["Träger"], held["Angebote"], held["Orte"]) == (2, 3, 2)
    assert "angebote.zip" in preview.content.decode()
    assert not Offer.objects.exists()
    assert not Organisation.objects.exists()
    assert not AuditEntry.objects.exists()

    # The import takes the file kept from the preview: no new upload.
    done = client.post(PAGE, {"action": "import"})
    assert done.status_code == 302
    assert done["Location"] == "/musterstadt/intern/angebote/"
    assert Offer.objects.filter(municipality=municipality).count() == 3
    assert Organisation.objects.filter(municipality=municipality).count() == 2
    assert AuditEntry.objects.filter(actor=coordinator).count() == 5
    # Imported once, the same package changes nothing.
    again = upload(client, package)
    assert counts(again) == {"offers": (0, 0, 3), "organisations": (0, 0)}


def test_the_json_form_is_imported_too(client, municipality, coordinator, tmp_path):
    client.force_login(coordinator)
    path = write_json(tmp_path / "services.json", good_tables())
    assert counts(upload(client, path))["offers"] == (3, 0, 0)
    assert upload(client, path, action="import").status_code == 302
    assert Offer.objects.filter(municipality=municipality).count() == 3


def test_problems_name_file_row_and_field_and_nothing_is_written(
    client, municipality, coordinator, tmp_path
):
    tables = good_tables()
    tables["service"][1]["name"] = ""
    path = write_package(tmp_path / "kaputt.zip", tables, zip_file=True)
    client.force_login(coordinator)
    for action in ("preview", "import"):
        response = upload(client, path, action=action)
        assert response.status_code == 400
        page = response.content.decode()
        assert "Die Datei wurde nicht importiert" in page
        [problem] = response.context["problems"]
        assert (problem.file, problem.row, problem.field) == (
            "services.csv",
            "Zeile 3",
            "Feld „name“",
        )
        assert "services.csv: Zeile 3: Feld „name“: " in page
    assert not Offer.objects.exists()
    assert not AuditEntry.objects.exists()


def test_a_file_that_is_no_package_is_refused_by_its_uploaded_name(
    client, municipality, coordinator, tmp_path
):
    path = tmp_path / "notizen.json"
    path.write_text("kein JSON", encoding="utf-8")
    client.force_login(coordinator)
    response = upload(client, path)
    assert response.status_code == 400
    problems = response.context["problems"]
    assert problems
    assert all(p.file.startswith("notizen.json") for p in problems)
    assert str(tmp_path) not in response.content.decode()


def test_a_missing_file_is_asked_for(client, municipality, coordinator):
    client.force_login(coordinator)
    response = client.post(PAGE, {"action": "preview"})
    assert response.status_code == 400
    assert "file" in response.context["form"].errors


@pytest.mark.parametrize(
    ("suffix", "kind"), [("zip", "application/zip"), ("json", "application/json")]
)
def test_the_export_downloads_a_package_that_imports_back(
    client, municipality, coordinator, package, tmp_path, suffix, kind
):
    client.force_login(coordinator)
    upload(client, package)
    client.post(PAGE, {"action": "import"})
    response = client.get(f"{PAGE}export.{suffix}")
    assert response.status_code == 200
    assert response["Content-Type"] == kind
    assert re.search(
        rf'attachment; filename="musterstadt-angebote-hsds\.{suffix}"',
        response["Content-Disposition"],
    )
    exported = tmp_path / f"export.{suffix}"
    exported.write_bytes(response.content)
    back = upload(client, exported)
    assert back.status_code == 200, back.context["problems"]
    offers = counts(back)["offers"]
    assert offers[0] == 0 and sum(offers) == 3


def test_the_offer_list_links_the_page_for_coordinators(
    client, municipality, coordinator
):
    client.force_login(coordinator)
    page = client.get("/musterstadt/intern/angebote/").content.decode()
    assert PAGE in page


@pytest.mark.parametrize("url", [PAGE, PAGE + "export.zip", PAGE + "export.json"])
def test_only_the_municipality_s_coordinators_exchange_hsds(
    client, municipality, other_municipality, url
):
    client.force_login(user_with_role(other_municipality, Role.COORDINATOR))
    assert client.get(url).status_code == 403
    client.force_login(user_with_role(municipality, Role.PLANNER))
    assert client.get(url).status_code == 403


def test_another_coordinator_cannot_import_here(
    client, municipality, other_municipality, package
):
    client.force_login(user_with_role(other_municipality, Role.COORDINATOR))
    assert upload(client, package, action="import").status_code == 403
    assert not Offer.objects.exists()


def test_the_page_says_nothing_is_written_before_the_preview(
    client, municipality, coordinator
):
    client.force_login(coordinator)
    response = client.get(PAGE)
    assert response.status_code == 200
    # A plain form posting the file: the page works without JavaScript.
    assert 'enctype="multipart/form-data"' in response.content.decode()


def test_a_package_over_the_upload_limit_is_refused_before_it_is_read(
    client, municipality, coordinator, package, settings
):
    settings.KETTE_MAX_UPLOAD_MB = 0.001
    client.force_login(coordinator)
    response = upload(client, package)
    assert response.status_code == 400
    [error] = response.context["form"].errors["file"]
    assert error.startswith("angebote.zip: ")
    assert not Offer.objects.exists()


def test_the_file_is_required_until_a_preview_keeps_one(
    client, municipality, coordinator, package
):
    client.force_login(coordinator)
    assert client.get(PAGE).context["form"].fields["file"].required
    upload(client, package)
    assert not client.get(PAGE).context["form"].fields["file"].required
