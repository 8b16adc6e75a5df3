"""An XLSX workbook uploaded in the staff area is read like the same file on the
command line: the kept upload keeps its extension between preview and import."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from kette.core.services.uploads import upload_path, upload_stash
from kette.monitoring.models import Observation

from .test_staff_pages import planner, staff_url, world  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook(rows: list[list]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_xlsx_upload_previews_then_imports(planner, world):  # noqa: F811
    path = staff_url(world, "data_import")
    data = workbook(
        [
            ["district", "period", "indicator", "value", "numerator", "denominator"],
            ["B1-2", "2025", "poverty", 25, 50, 200],
            ["B1-3", "2025", "poverty", 20, 40, 200],
        ]
    )
    before = Observation.objects.count()

    preview = planner.post(
        path,
        {
            "file": SimpleUploadedFile("Werte 2025.XLSX", data, content_type=XLSX),
            "action": "preview",
        },
    )

    page = preview.content.decode()
    assert preview.status_code == 200, page[page.find("<main") :][:2000]
    assert preview.context["preview"].rows == 2
    assert Observation.objects.count() == before
    done = planner.post(path, {"action": "import"})
    assert done.status_code == 302
    assert Observation.objects.count() == before + 2
    assert Observation.objects.get(district__code="B1-3", period="2025").numerator == 40


def test_a_kept_upload_keeps_only_a_plain_extension(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    assert upload_path(token=upload_stash(data=b"x", name="a.XLSX")).suffix == ".xlsx"
    assert upload_path(token=upload_stash(data=b"x", name="a")).suffix == ""
    odd = upload_stash(data=b"x", name="a.x/../y")
    assert "/" not in odd and upload_path(token=odd) is not None
    assert upload_path(token="../secret") is None
