"""The staff's monitoring desk: catalogue, publishing, index definitions,
analysis and the data upload with its preview."""

from __future__ import annotations

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kette.core.models import AuditEntry, Role
from kette.monitoring import selectors
from kette.monitoring.models import IndexDefinition, Indicator, Observation
from kette.monitoring.services.indices import index_export
from tests.core.factories import user_with_role
from tests.monitoring.factories import index_spec
from tests.monitoring.pages_world import build_world, csv_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def staff_url(world, name: str, **kwargs) -> str:
    return reverse(
        f"monitoring:staff_{name}",
        kwargs={"municipality": world.municipality.slug, **kwargs},
    )


@pytest.fixture
def planner(client, world):
    client.force_login(user_with_role(world.municipality, Role.PLANNER))
    return client


def test_the_catalogue_shows_every_indicator_to_planners_only(client, world):
    path = staff_url(world, "catalogue")
    assert client.get(path).status_code == 302
    client.force_login(
        user_with_role(world.municipality, Role.PROVIDER_EDITOR, organisations=[])
    )
    assert client.get(path).status_code == 403
    client.force_login(user_with_role(world.municipality, Role.COORDINATOR))
    page = client.get(path).content.decode()
    assert "Vertrauliche Quote" in page and "Armutsquote" in page
    assert staff_url(world, "index_analysis", index_key="need") in page


def test_publishing_an_indicator_is_audited_and_shows_it_in_public(planner, world):
    path = staff_url(world, "indicator_publish", indicator_key="secret")
    assert planner.get(path).status_code == 405
    response = planner.post(path, {"published": "1"})
    assert response.status_code == 302
    assert Indicator.objects.get(pk=world.secret.pk).is_published
    entry = AuditEntry.objects.filter(object_type="kette_monitoring.Indicator").latest(
        "pk"
    )
    assert entry.changes["is_published"] == [False, True]
    public = reverse(
        "monitoring:indicator",
        kwargs={"municipality": world.municipality.slug, "indicator_key": "secret"},
    )
    assert planner.get(public).status_code == 200
    planner.post(path, {"published": "0"})
    assert not Indicator.objects.get(pk=world.secret.pk).is_published


def test_provider_editors_cannot_publish(client, world):
    client.force_login(
        user_with_role(world.municipality, Role.PROVIDER_EDITOR, organisations=[])
    )
    path = staff_url(world, "indicator_publish", indicator_key="secret")
    assert client.post(path, {"published": "1"}).status_code == 403
    assert not Indicator.objects.get(pk=world.secret.pk).is_published


def test_withdrawing_an_index_takes_it_off_the_public_pages(planner, world):
    planner.post(
        staff_url(world, "index_publish", index_key="need"), {"published": "0"}
    )
    assert not IndexDefinition.objects.get(pk=world.index.pk).is_published
    public = reverse(
        "monitoring:index",
        kwargs={"municipality": world.municipality.slug, "index_key": "need"},
    )
    assert planner.get(public).status_code == 404


def test_installing_the_template(planner, world):
    response = planner.post(staff_url(world, "template_install"))
    assert response.status_code == 302
    definition = IndexDefinition.objects.get(
        municipality=world.municipality, key="partizipation"
    )
    assert definition.current_version().number == 1
    assert Indicator.objects.filter(municipality=world.municipality).count() > 10
    page = planner.get(staff_url(world, "catalogue")).content.decode()
    assert staff_url(world, "template_install") not in page  # installed once


def test_downloading_and_uploading_a_definition(planner, world):
    response = planner.get(staff_url(world, "index_download", index_key="need"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    exported = json.loads(response.content)
    assert exported == index_export(definition=world.index)
    changed = json.dumps(exported | {"standardise": True}).encode()
    upload = SimpleUploadedFile("need.json", changed, content_type="application/json")
    response = planner.post(staff_url(world, "index_upload"), {"file": upload})
    assert response.status_code == 302
    assert world.index.current_version().number == 2
    assert world.index.current_version().spec["standardise"] is True


@pytest.mark.parametrize(
    "content, expected",
    [
        (b'{"format": "kette-index/1",', r"broken\.json.*1"),
        (b"\xff\xfe\x00", r"broken\.json"),
        (json.dumps(index_spec("poverty", "unknown")).encode(), "unknown"),
    ],
)
def test_a_bad_definition_names_the_file_and_saves_nothing(
    planner, world, content, expected
):
    upload = SimpleUploadedFile("broken.json", content, content_type="application/json")
    response = planner.post(staff_url(world, "index_upload"), {"file": upload})
    assert response.status_code == 400
    assert re.search(expected, response.content.decode())
    assert world.index.versions.count() == 1


def test_the_analysis_shows_correlation_sensitivity_and_change(planner, world):
    path = staff_url(world, "index_analysis", index_key="need")
    response = planner.get(path + "?period=2024&from=2023")
    assert response.status_code == 200
    context = response.context
    assert context["sensitivity"].runs == 200
    assert len(context["sensitivity"].rows) == len(world.leaves)
    # poverty and its mirror image correlate perfectly: a near-duplicate pair
    assert context["correlation"].pairs
    assert {row.district.code for row in context["changes"]} == {
        leaf.code for leaf in world.leaves
    }
    assert "Armutsquote" in response.content.decode()


def test_the_index_page_shows_the_rank_intervals_of_the_analysis(planner, world):
    analysis = planner.get(
        staff_url(world, "index_analysis", index_key="need") + "?period=2024"
    )
    expected = {
        row.district.name: f"{row.low}–{row.high}"
        for row in analysis.context["sensitivity"].rows
    }
    index = staff_url(world, "index", index_key="need")
    ranking = csv_rows(planner.get(index + "?period=2024&csv=ranking"))
    interval = ranking[0].index("Rangintervall (5.–95. Perzentil)")
    name = ranking[0].index("Sozialraum")
    assert len(expected) == len(ranking) - 1 >= 2
    assert {row[name]: row[interval] for row in ranking[1:]} == expected


def data_file(text: str, name: str = "werte.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_the_data_upload_previews_then_imports(planner, world):
    path = staff_url(world, "data_import")
    assert planner.get(path).status_code == 200
    text = "district;period;indicator;value;numerator;denominator\n"
    text += "B1-2;2025;poverty;25;50;200\nB1-3;2025;poverty;20;40;200\n"
    before = Observation.objects.count()
    preview = planner.post(path, {"file": data_file(text), "action": "preview"})
    assert preview.status_code == 200
    assert preview.context["preview"].rows == 2
    assert Observation.objects.count() == before
    # the file waits for the confirmation; it is not chosen again
    done = planner.post(path, {"action": "import"})
    assert done.status_code == 302
    assert Observation.objects.count() == before + 2
    assert Observation.objects.get(district__code="B1-2", period="2025").numerator == 50


def test_a_bad_upload_names_row_and_column_and_writes_nothing(planner, world):
    path = staff_url(world, "data_import")
    text = (
        "district;period;indicator;value\nB1-2;2025;poverty;viel\nQQ;2025;poverty;3\n"
    )
    before = Observation.objects.count()
    response = planner.post(path, {"file": data_file(text), "action": "import"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "werte.csv" in page and "viel" in page and "QQ" in page
    assert Observation.objects.count() == before


def test_the_upload_needs_a_file_and_a_real_period(planner, world):
    path = staff_url(world, "data_import")
    response = planner.post(path, {"action": "preview"})
    assert response.status_code == 400
    assert "file" in response.context["form"].errors
    response = planner.post(
        path, {"file": data_file("district;poverty\nB1-2;3\n"), "period": "bald"}
    )
    assert response.status_code == 400
    assert "period" in response.context["form"].errors


def test_provider_editors_cannot_upload_data(client, world):
    client.force_login(
        user_with_role(world.municipality, Role.PROVIDER_EDITOR, organisations=[])
    )
    path = staff_url(world, "data_import")
    assert client.get(path).status_code == 403
    assert client.post(path, {"file": data_file("x")}).status_code == 403


def test_coordinators_set_the_disclosure_threshold(client, world):
    path = staff_url(world, "threshold_update")
    client.force_login(user_with_role(world.municipality, Role.PLANNER))
    assert client.post(path, {"disclosure_threshold": "50"}).status_code == 403
    client.force_login(user_with_role(world.municipality, Role.COORDINATOR))
    assert client.post(path, {"disclosure_threshold": "2"}).status_code == 302
    assert selectors.threshold_of(world.municipality) == 5  # too low: refused
    assert client.post(path, {"disclosure_threshold": "50"}).status_code == 302
    assert selectors.threshold_of(world.municipality) == 50
    entry = AuditEntry.objects.filter(
        object_type="kette_monitoring.MonitoringSettings"
    ).latest("pk")
    assert entry.changes["disclosure_threshold"][1] == 50
    client.logout()
    public = reverse(
        "monitoring:indicator",
        kwargs={"municipality": world.municipality.slug, "indicator_key": "poverty"},
    )
    rows = {row[1]: row for row in csv_rows(client.get(public + "?csv=map"))[1:]}
    assert rows["B1-2"][2] == ""  # 41 cases are now below k
