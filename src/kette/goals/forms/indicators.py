"""Forms of goal indicators, their targets and their actuals.

They parse input; the services check the rules (goal xor measure, periods,
the municipality) and write. Choices of the monitoring come from the
selectors, within the request's municipality.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kette.core.models import Municipality

from ..models import GoalIndicator
from ..selectors import indicators as selectors
from ..services.indicators import INDICATOR_FIELDS
from .goals import DATE, Grouped

PERIOD_HELP = _("A year (2025) or a quarter (2025-Q2).")


class GoalIndicatorForm(Grouped, forms.ModelForm):
    class Meta:
        model = GoalIndicator
        fields = INDICATOR_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "level": forms.RadioSelect,
            "direction": forms.RadioSelect,
        }
        help_texts = {"baseline_period": PERIOD_HELP}

    fieldsets = (
        (_("Indicator"), ("level", "name", "description", "unit", "direction")),
        (_("Baseline"), ("baseline_value", "baseline_period")),
        (
            _("Actual values from the monitoring (optional)"),
            ("monitoring_indicator", "monitoring_district"),
        ),
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any):
        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["level"].choices = fields["level"].choices[1:]  # no empty choice
        fields[
            "monitoring_indicator"
        ].queryset = selectors.monitoring_indicator_choices(municipality=municipality)
        fields["monitoring_indicator"].empty_label = _("none: entered by hand")
        fields["monitoring_indicator"].help_text = _(
            "Its figures become the actual values and follow every new import."
        )
        fields["monitoring_district"].queryset = selectors.district_choices(
            municipality=municipality
        )
        fields["monitoring_district"].empty_label = _("the municipality as a whole")

    def service_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class TargetForm(forms.Form):
    period = forms.CharField(label=_("Period"), max_length=7, help_text=PERIOD_HELP)
    value = forms.FloatField(label=_("Target"))


class ActualForm(forms.Form):
    period = forms.CharField(label=_("Period"), max_length=7, help_text=PERIOD_HELP)
    value = forms.FloatField(label=_("Actual value"))
    recorded_on = forms.DateField(label=_("As of"), widget=DATE)
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("e.g. where the figure comes from"),
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("recorded_on", timezone.localdate())
