"""Staff forms of the monitoring: an indicator, the catalogue and data uploads."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kette.core.forms import KeptFileForm
from kette.core.importers.limits import MaxUploadSize

from .models import Indicator, period_start
from .services.indicators import EDITABLE_FIELDS

#: What the record source does, in the form and in the docs' words
#: (docs/disclosure-control.md, linked tables).
RECORD_SOURCE_HELP = _(
    "Indicators with the same record source are counted from the same "
    "individual-level records and are withheld together in public, so that "
    "the difference between them cannot reveal a small count. The record "
    "import sets it; leave it empty for an indicator delivered as figures."
)


class IndicatorForm(forms.ModelForm):
    """Create or edit an indicator; the key is fixed once the indicator exists."""

    class Meta:
        model = Indicator
        fields = EDITABLE_FIELDS
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "definition_de",
                "definition_en",
                "numerator_definition",
                "denominator_definition",
            )
        }

    fieldsets = (
        (
            _("Name and definition"),
            ("key", "name_de", "name_en", "definition_de", "definition_en"),
        ),
        (
            _("What is measured"),
            (
                "kind",
                "unit",
                "scale",
                "numerator_definition",
                "denominator_definition",
                "polarity",
                "periodicity",
            ),
        ),
        (
            _("Source and use"),
            ("source", "owner", "licence", "minimum_count", "record_source"),
        ),
        (_("Classification"), ("age_band", "life_phase", "field_of_action")),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        key = self.fields["key"]
        if self.instance.pk:
            key.disabled = True
            key.help_text = _(
                "Data files and index definitions name the indicator by its key; "
                "it cannot be changed."
            )
        else:
            key.help_text = _(
                "Small letters, digits and hyphens, e.g. sgb2-rate-under-6. Data "
                "files and index definitions name the indicator by it; it cannot "
                "be changed later."
            )
        self.fields["scale"].help_text = _(
            "Only for rates: value = numerator / denominator × scale (100 for per cent)."
        )
        self.fields["record_source"].help_text = RECORD_SOURCE_HELP
        for name in ("age_band", "life_phase", "field_of_action"):
            self.fields[name].empty_label = _("– none –")

    def grouped_fields(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(legend, [self[n] for n in names]) for legend, names in self.fieldsets]

    def service_fields(self) -> dict:
        """The cleaned values as keyword arguments of the indicator services."""
        return {name: self.cleaned_data[name] for name in EDITABLE_FIELDS}


class TableImportForm(KeptFileForm):
    """An upload of a CSV or XLSX table; ``file_help`` says what it holds."""

    missing_file = _("Choose a CSV or XLSX file.")
    file_help = ""
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        validators=[MaxUploadSize()],
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.txt"}),
    )
    sheet = forms.CharField(
        label=_("Sheet"),
        required=False,
        max_length=100,
        help_text=_("Only for XLSX files with several sheets; default: the first."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = self.file_help


class CatalogueImportForm(TableImportForm):
    file_help = _(
        "One row per indicator, with the columns of the catalogue download. "
        "A row whose key is in the catalogue changes that indicator, any "
        "other row adds one. After a preview the file is kept; choose it "
        "again only to replace it."
    )


class DataImportForm(TableImportForm):
    file_help = _(
        "Long form: one row per district, period and indicator (columns "
        "district, period, indicator, value, optionally numerator, "
        "denominator, status). Wide form: one row per district and one column "
        "per indicator key. After a preview the file is kept; choose it again "
        "only to replace it."
    )
    period = forms.CharField(
        label=_("Period"),
        required=False,
        max_length=10,
        help_text=_(
            "Only for the wide form without a period column: 2024, 2024/25 or 2024-12-31."
        ),
    )
    field_order = ["file", "period", "sheet"]

    def clean_period(self) -> str:
        period = self.cleaned_data["period"].strip()
        if period:
            try:
                period_start(period)
            except ValueError as error:
                raise forms.ValidationError(
                    _("“%(period)s” is not a period") % {"period": period}
                ) from error
        return period
