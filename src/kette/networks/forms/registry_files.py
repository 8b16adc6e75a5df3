"""The upload of networks and members (XLSX or CSV); the file may come from
the preview before."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kette.core.forms import KeptFileForm
from kette.core.importers.limits import MaxUploadSize


class RegistryImportForm(KeptFileForm):
    missing_file = _("Choose a CSV or XLSX file.")
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        validators=[MaxUploadSize()],
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.txt"}),
        help_text=_(
            "An Excel file with a sheet of bodies and a sheet of members, with "
            "the columns of the download; or a CSV file of one of them. Bodies "
            "are found by name, people by e-mail or name; everything else is "
            "added. After a preview the file is kept; choose it again only to "
            "replace it."
        ),
    )
