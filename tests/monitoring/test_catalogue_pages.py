"""Editing the indicator catalogue in the staff area: the indicator form, the
catalogue download and the catalogue upload (preview, then import)."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from kette.core.models import AuditEntry, Role
from kette.monitoring.models import Indicator
from tests.core.factories import user_with_role
from tests.monitoring.factories import IndicatorFactory

pytestmark = pytest.mark.django_db

NEW = {
    "key": "zahngesundheit",
    "name_de": "Kariesfreie Gebisse",
    "kind": "rate",
    "scale": "100",
    "polarity": "higher_is_better",
    "periodicity": "school_year",
    "source": "Gesundheitsamt",
    "licence": "dl-de/by-2-0",
    "minimum_count": "10",
}


def url(municipality, name: str, **kwargs) -> str:
    return reverse(
        f"monitoring:staff_{name}", kwargs={"municipality": municipality.slug, **kwargs}
    )


@pytest.fixture
def armut(municipality):
    return IndicatorFactory(
        municipality=municipality, key="armut", name_de="Armutsquote", source=""
    )


@pytest.fixture
def planner(client, municipality):
    client.force_login(user_with_role(municipality, Role.PLANNER))
    return client


@pytest.mark.parametrize("role", [Role.PLANNER, Role.COORDINATOR])
def test_planners_and_coordinators_add_an_indicator(client, municipality, role):
    user = user_with_role(municipality, role)
    client.force_login(user)
    assert client.get(url(municipality, "indicator_create")).status_code == 200
    response = client.post(url(municipality, "indicator_create"), NEW)
    assert response.status_code == 302
    indicator = Indicator.objects.get(municipality=municipality, key="zahngesundheit")
    assert (indicator.licence, indicator.minimum_count, indicator.is_published) == (
        "dl-de/by-2-0",
        10,
        False,
    )
    entry = AuditEntry.objects.get(object_id=str(indicator.pk), action="create")
    assert entry.actor == user
    page = client.get(url(municipality, "catalogue")).content.decode()
    assert "Kariesfreie Gebisse" in page
    assert url(municipality, "indicator_update", indicator_key=indicator.key) in page


def test_the_form_sets_the_record_source_and_says_what_it_does(
    planner, municipality, armut
):
    page = planner.get(url(municipality, "indicator_create")).content.decode()
    assert "Einzeldatenquelle" in page
    assert "öffentlich gemeinsam gesperrt" in page  # the help text, in German
    response = planner.post(
        url(municipality, "indicator_create"), NEW | {"record_source": "SEU 2024"}
    )
    assert response.status_code == 302
    new = Indicator.objects.get(municipality=municipality, key="zahngesundheit")
    assert new.record_source == "SEU 2024"
    path = url(municipality, "indicator_update", indicator_key="armut")
    form = planner.get(path).context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if name in form.fields and value is not None
    }
    assert planner.post(path, data | {"record_source": "SEU 2024"}).status_code == 302
    armut.refresh_from_db()
    assert armut.record_source == "SEU 2024"
    entry = AuditEntry.objects.get(object_id=str(armut.pk), action="update")
    assert entry.changes == {"record_source": ["", "SEU 2024"]}


def test_the_form_names_the_fields_it_refuses(planner, municipality, armut):
    data = NEW | {"key": "armut", "name_de": "", "minimum_count": "2", "scale": "0"}
    response = planner.post(url(municipality, "indicator_create"), data)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {"name_de", "minimum_count"}
    # the service's checks reach the form's fields too
    response = planner.post(
        url(municipality, "indicator_create"), NEW | {"key": "armut", "scale": "0"}
    )
    errors = response.context["form"].errors
    assert "Es gibt bereits einen Indikator mit dem Schlüssel „armut“." in errors["key"]
    assert "scale" in errors
    page = response.content.decode()
    assert 'href="#id_key"' in page  # the summary links to the field
    assert Indicator.objects.filter(municipality=municipality).count() == 1


def test_editing_keeps_the_key_and_is_audited(planner, municipality, armut):
    path = url(municipality, "indicator_update", indicator_key="armut")
    form = planner.get(path).context["form"]
    assert form.fields["key"].disabled
    data = {
        name: value
        for name, value in form.initial.items()
        if name in form.fields and value is not None
    }
    data |= {"key": "anders", "source": "Jobcenter", "licence": "CC BY 4.0"}
    assert planner.post(path, data).status_code == 302
    armut.refresh_from_db()
    assert (armut.key, armut.source, armut.licence) == (
        "armut",
        "Jobcenter",
        "CC BY 4.0",
    )
    entry = AuditEntry.objects.get(object_id=str(armut.pk), action="update")
    assert entry.changes == {
        "licence": ["", "CC BY 4.0"],
        "source": ["", "Jobcenter"],
    }


def test_an_unknown_indicator_cannot_be_edited(planner, municipality):
    path = url(municipality, "indicator_update", indicator_key="gibt-es-nicht")
    assert planner.get(path).status_code == 404


def test_nobody_else_adds_or_edits_indicators(
    client, municipality, other_municipality, armut
):
    create = url(municipality, "indicator_create")
    update = url(municipality, "indicator_update", indicator_key="armut")
    upload = url(municipality, "catalogue_import")
    assert client.get(create).status_code == 302  # to the login
    for user in (
        user_with_role(municipality, Role.PROVIDER_EDITOR, organisations=[]),
        user_with_role(other_municipality, Role.PLANNER),
        user_with_role(other_municipality, Role.COORDINATOR),
    ):
        client.force_login(user)
        for path in (create, update, upload):
            assert client.get(path).status_code in {403, 404}
        assert client.post(create, NEW).status_code in {403, 404}
        assert client.post(update, NEW | {"key": "armut"}).status_code in {403, 404}
    assert Indicator.objects.count() == 1
    assert Indicator.objects.get(pk=armut.pk).source == ""
    assert not AuditEntry.objects.exists()


def test_the_catalogue_downloads_as_csv_and_xlsx(planner, municipality, armut):
    response = planner.get(url(municipality, "catalogue_csv"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffSchlüssel;") and "armut;Armutsquote" in text
    response = planner.get(url(municipality, "catalogue_xlsx"))
    sheet = load_workbook(BytesIO(response.content)).active
    assert [row[0] for row in sheet.iter_rows(values_only=True)] == [
        "Schlüssel",
        "armut",
    ]


def test_a_provider_editor_cannot_download_the_catalogue(client, municipality, armut):
    client.force_login(
        user_with_role(municipality, Role.PROVIDER_EDITOR, organisations=[])
    )
    assert client.get(url(municipality, "catalogue_csv")).status_code == 403


def catalogue_file(text: str, name: str = "katalog.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_the_catalogue_upload_previews_then_imports(planner, municipality, armut):
    path = url(municipality, "catalogue_import")
    assert planner.get(path).status_code == 200
    text = "Schlüssel;Name (Deutsch);Quelle\narmut;Armutsquote;Jobcenter\nneu;Neu;\n"
    preview = planner.post(path, {"file": catalogue_file(text), "action": "preview"})
    assert preview.status_code == 200
    result = preview.context["preview"]
    assert (result.created, result.updated) == (["neu"], ["armut"])
    assert Indicator.objects.count() == 1 and not AuditEntry.objects.exists()
    done = planner.post(path, {"action": "import"})  # the kept file
    assert done.status_code == 302
    assert Indicator.objects.get(key="armut").source == "Jobcenter"
    assert Indicator.objects.filter(municipality=municipality, key="neu").exists()
    entries = AuditEntry.objects.filter(object_type="kette_monitoring.Indicator")
    assert sorted(entries.values_list("action", "actor__memberships__role")) == [
        ("create", Role.PLANNER),
        ("update", Role.PLANNER),
    ]


def test_a_bad_catalogue_upload_names_row_and_column(planner, municipality, armut):
    text = "Schlüssel;Name (Deutsch);Art\nneu;Neu;Menge\n"
    response = planner.post(
        url(municipality, "catalogue_import"),
        {"file": catalogue_file(text), "action": "import"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "katalog.csv: Zeile 2: Art: unbekannter Wert „Menge“" in page
    assert Indicator.objects.count() == 1


def test_a_data_upload_with_unknown_indicators_says_how_to_add_them(
    planner, municipality, armut
):
    text = "district;period;indicator;value\nX;2024;reichtum;3\nX;2024;glueck;4\n"
    response = planner.post(
        url(municipality, "data_import"),
        {"file": catalogue_file(text, "werte.csv"), "action": "preview"},
    )
    assert response.status_code == 400
    assert response.context["unknown_indicators"] == ["reichtum", "glueck"]
    page = response.content.decode()
    assert "Indikatoren, die im Katalog fehlen" in page
    assert "“reichtum” (Zeile 2); “glueck” (Zeile 3)" in page
    assert url(municipality, "indicator_create") in page
    assert url(municipality, "catalogue_import") in page
    assert "import_catalogue" not in page  # no command-line advice on the web


def test_the_catalogue_upload_needs_a_file_within_the_size_limit(
    planner, municipality, settings
):
    path = url(municipality, "catalogue_import")
    response = planner.post(path, {"action": "preview"})
    assert response.status_code == 400
    assert "file" in response.context["form"].errors
    settings.KETTE_MAX_UPLOAD_MB = 0.001  # about 1 KB
    text = "Schlüssel;Name (Deutsch)\n" + "".join(f"k{n};N{n}\n" for n in range(200))
    response = planner.post(path, {"file": catalogue_file(text), "action": "import"})
    assert response.status_code == 400
    assert "file" in response.context["form"].errors
    assert not Indicator.objects.exists()


def test_both_table_uploads_say_what_their_file_holds(planner, municipality):
    catalogue = planner.get(url(municipality, "catalogue_import"))
    assert "Eine Zeile je Indikator" in catalogue.content.decode()
    assert list(catalogue.context["form"].fields) == ["file", "sheet"]
    data = planner.get(url(municipality, "data_import"))
    assert "Langformat: eine Zeile je Gebiet" in data.content.decode()
    assert list(data.context["form"].fields) == ["file", "period", "sheet"]
