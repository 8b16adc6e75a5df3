"""The analysis pages' GET forms: the day, and the overlap's threshold."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..analysis.exports import BODIES, ORGANISATIONS, TWO_MODE
from ..analysis.overlap import DEFAULT_MIN_SHARED, DEFAULT_THRESHOLD

DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class AnalysisForm(forms.Form):
    """Bound to the query string, with the defaults filled in."""

    defaults: dict[str, Any] = {}

    am = forms.DateField(
        label=_("Members on"),
        required=False,
        widget=DATE,
        help_text=_("Empty: today."),
    )

    def __init__(self, query: Any) -> None:
        super().__init__({**self.defaults, **query.dict()})

    @property
    def on(self) -> dt.date | None:
        return self.cleaned_data.get("am")


class OverlapForm(AnalysisForm):
    defaults = {
        "schwelle": str(DEFAULT_THRESHOLD),
        "mindestens": str(DEFAULT_MIN_SHARED),
    }

    schwelle = forms.DecimalField(
        label=_("Overlap coefficient from"),
        min_value=Decimal("0.05"),
        max_value=Decimal(1),
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.05"}),
        help_text=_(
            "Share of the smaller body's members who also sit in the other, "
            "between 0.05 and 1."
        ),
    )
    mindestens = forms.IntegerField(
        label=_("At least this many shared members"),
        min_value=1,
        max_value=1000,
    )

    @property
    def threshold(self) -> float:
        return float(self.cleaned_data["schwelle"])

    @property
    def min_shared(self) -> int:
        return self.cleaned_data["mindestens"]


class ExportForm(AnalysisForm):
    defaults = {"netz": TWO_MODE}

    netz = forms.ChoiceField(
        label=_("Graph"),
        choices=[
            (TWO_MODE, _("Organisations and bodies")),
            (ORGANISATIONS, _("Organisations linked by shared bodies")),
            (BODIES, _("Bodies linked by shared organisations")),
        ],
    )
