"""A file chosen for an import, kept in the session between preview and import.

Imports in the staff area show a preview first; the person then confirms
without choosing the file again. ``KeptUpload`` holds the file (in core's
upload stash) and the form's options under one session key per import kind.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from ..services.uploads import upload_discard, upload_path, upload_stash


def import_page(
    request: HttpRequest,
    template: str,
    form: forms.Form,
    stash: dict | None,
    *,
    preview: Any = None,
    problems: list | None = None,
    **context: Any,
) -> HttpResponse:
    """An import page: the form, the kept file (``stash``), and a preview or
    the problems; 400 when there are problems or the form has errors."""
    return render(
        request,
        template,
        {
            "form": form,
            "stash": stash,
            "preview": preview,
            "problems": problems or [],
            **context,
        },
        status=400 if problems or form.errors else 200,
    )


class KeptUpload:
    def __init__(self, request: HttpRequest, session_key: str) -> None:
        self.request = request
        self.session_key = session_key
        stash = request.session.get(session_key)
        owner = request.municipality.pk
        self.stash: dict | None = (
            stash if stash and stash.get("municipality") == owner else None
        )

    @property
    def options(self) -> dict[str, Any]:
        return (self.stash or {}).get("options", {})

    @property
    def name(self) -> str:
        return (self.stash or {}).get("name", "")

    def receive(
        self, form: forms.Form, options: dict[str, Any], *, missing: str
    ) -> Path | None:
        """Keep the form's newly chosen file (or the one from the preview)
        with ``options``; None, with an error on the form's file field, when
        there is no file or the kept one has expired."""
        upload = form.cleaned_data.get("file")
        if upload:
            self.forget()
            self.stash = {
                "token": upload_stash(data=upload.read(), name=upload.name),
                "name": upload.name,
                "municipality": self.request.municipality.pk,
            }
        if not self.stash:
            form.add_error("file", missing)
            return None
        self.stash["options"] = options
        self.request.session[self.session_key] = self.stash
        path = upload_path(token=self.stash["token"])
        if path is None:
            self.forget()
            form.add_error(
                "file", _("The file from the preview has expired; choose it again.")
            )
        return path

    def form_and_path(
        self, form_class: type[forms.Form]
    ) -> tuple[forms.Form, Path | None]:
        """The page's form and the file to read, for a view that previews
        first: the path is None when there is nothing to read yet (a GET, an
        invalid form, no file); then the view shows the form. The form's
        options other than the file are kept with the file. ``form_class`` is
        a ``KeptFileForm``."""
        kept = bool(self.stash)
        if self.request.method != "POST":
            return form_class(initial=self.options, kept=kept), None
        form = form_class(self.request.POST, self.request.FILES, kept=kept)
        if not form.is_valid():
            return form, None
        options = {k: v for k, v in form.cleaned_data.items() if k != "file"}
        return form, self.receive(form, options, missing=str(form.missing_file))

    @property
    def dry_run(self) -> bool:
        """Whether the person asked for the preview (anything but "import")."""
        return self.request.POST.get("action") != "import"

    def forget(self) -> None:
        """Remove the kept file and its session entry (after the import)."""
        if self.stash:
            upload_discard(token=self.stash["token"])
        self.request.session.pop(self.session_key, None)
        self.stash = None
