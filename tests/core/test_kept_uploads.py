"""The kept upload (kette.core.views.kept_uploads): a file chosen for a preview
waits under a token in the session, so the import that follows needs no second
upload. Every import page (districts, indicator data, the catalogue, HSDS)
goes through it; their own tests cover the pages."""

from __future__ import annotations

import os
import time

import pytest
from django import forms
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.utils import translation

from kette.core.forms import KeptFileForm
from kette.core.importers.limits import MaxUploadSize
from kette.core.services.uploads import MAX_AGE_SECONDS, upload_path, upload_stash
from kette.core.views.kept_uploads import KeptUpload

KEY = "kette_test_upload"


class SheetForm(KeptFileForm):
    missing_file = "Choose a spreadsheet."
    file = forms.FileField(validators=[MaxUploadSize()])
    sheet = forms.CharField(required=False)


@pytest.fixture(autouse=True)
def uploads_in_tmp(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    with translation.override("en"):
        yield


class Browser:
    """Requests of one person in one session, against one municipality."""

    def __init__(self, municipality) -> None:
        self.municipality = municipality
        self.session = None

    def request(self, data=None, *, method="post"):
        factory = RequestFactory()
        request = (
            factory.post("/import/", data) if method == "post" else factory.get("/")
        )
        SessionMiddleware(lambda r: None).process_request(request)
        if self.session is not None:
            request.session.update(self.session)
        request.municipality = self.municipality
        return request

    def send(self, data=None, *, method="post"):
        request = self.request(data, method=method)
        kept = KeptUpload(request, KEY)
        form, path = kept.form_and_path(SheetForm)
        self.session = dict(request.session)
        return kept, form, path


def sheet(data=b"a;b\n1;2\n", name="Werte.XLSX"):
    return SimpleUploadedFile(name, data)


def test_a_preview_keeps_the_file_and_its_options_for_the_import(municipality):
    browser = Browser(municipality)
    kept, _form, path = browser.send({"file": sheet(), "sheet": "2024"})
    assert path.read_bytes() == b"a;b\n1;2\n"
    assert kept.name == "Werte.XLSX" and kept.dry_run

    kept, form, again = browser.send({"sheet": "2024", "action": "import"})
    assert not form.errors and again == path and not kept.dry_run
    assert kept.options == {"sheet": "2024"}
    kept.forget()
    assert not path.exists() and KEY not in kept.request.session


def test_the_page_shown_again_offers_the_kept_options_and_no_longer_needs_a_file(
    municipality,
):
    browser = Browser(municipality)
    browser.send({"file": sheet(), "sheet": "2024"})
    _kept, form, path = browser.send(method="get")
    assert path is None
    assert form.initial == {"sheet": "2024"}
    assert not form.fields["file"].required


def test_the_kept_file_keeps_its_extension_in_lower_case(municipality):
    _kept, _form, path = Browser(municipality).send({"file": sheet()})
    assert path.suffix == ".xlsx"


@pytest.mark.parametrize("name", ["daten", "daten.", "daten.tar gz", "d.abcdefghijkl"])
def test_a_name_without_a_plain_extension_is_kept_without_one(name):
    token = upload_stash(data=b"x", name=name)
    assert "." not in token
    assert upload_path(token=token).read_bytes() == b"x"


def test_a_confirmation_without_any_file_asks_for_one(municipality):
    _kept, form, path = Browser(municipality).send({"action": "import"})
    assert path is None
    assert form.errors["file"] == ["Choose a spreadsheet."]


def test_a_file_kept_for_another_municipality_is_not_used(
    municipality, other_municipality
):
    browser = Browser(municipality)
    browser.send({"file": sheet()})
    browser.municipality = other_municipality
    kept, form, path = browser.send({"action": "import"})
    assert path is None and kept.stash is None
    assert form.errors["file"] == ["Choose a spreadsheet."]


def test_an_expired_file_is_asked_for_again_and_forgotten(municipality):
    browser = Browser(municipality)
    _kept, _form, path = browser.send({"file": sheet()})
    old = time.time() - MAX_AGE_SECONDS - 60
    os.utime(path, (old, old))
    upload_stash(data=b"someone else's", name="other.csv")  # clears old files

    kept, form, again = browser.send({"action": "import"})
    assert again is None and not path.exists()
    assert form.errors["file"] == [
        "The file from the preview has expired; choose it again."
    ]
    assert KEY not in kept.request.session


@pytest.mark.parametrize("token", ["../secret_key", "a/b", "", ".xlsx", "x.XLSX"])
def test_a_token_that_is_not_one_of_ours_reads_nothing(municipality, token):
    browser = Browser(municipality)
    browser.session = {
        KEY: {"token": token, "name": "x.xlsx", "municipality": municipality.pk}
    }
    kept, form, path = browser.send({"action": "import"})
    assert path is None and upload_path(token=token) is None
    assert "expired" in form.errors["file"][0]


def test_a_new_file_replaces_the_kept_one(municipality):
    browser = Browser(municipality)
    _kept, _form, first = browser.send({"file": sheet(b"old")})
    _kept, _form, second = browser.send({"file": sheet(b"new", "neu.csv")})
    assert not first.exists() and second.read_bytes() == b"new"
    assert second.suffix == ".csv"


def test_a_file_over_the_size_limit_is_refused_and_nothing_kept(municipality, settings):
    settings.KETTE_MAX_UPLOAD_MB = 0.001
    kept, form, path = Browser(municipality).send({"file": sheet(b"x" * 2000)})
    assert path is None and kept.stash is None
    assert "Werte.XLSX" in form.errors["file"][0]
    assert "MB" in form.errors["file"][0]
    assert not list((settings.DATA_DIR / "uploads").glob("*"))
