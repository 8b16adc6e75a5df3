"""Forms of the Checkliste Netzwerkmanagement: the assessment (subject, date,
note) and one answer form per item, each with its own prefix. They parse
input; services/checklist.py checks and writes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kette.core.models import Municipality

from ..models import Body, ChecklistAssessment, ChecklistRating, Person

DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class AssessmentForm(forms.Form):
    body = forms.ModelChoiceField(
        label=_("What is assessed"),
        queryset=Body.objects.none(),
        required=False,
        empty_label=_("The network management as a whole"),
    )
    assessed_on = forms.DateField(label=_("Assessed on"), widget=DATE)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("e.g. who took part in the assessment"),
    )
    copy_latest = forms.BooleanField(
        label=_("Start from the latest assessment of the same subject"),
        help_text=_(
            "Its answers and next steps are taken over; you enter what changed."
        ),
        required=False,
        initial=True,
    )

    def __init__(
        self,
        *args: Any,
        municipality: Municipality,
        assessment: ChecklistAssessment | None = None,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.for_municipality(municipality)
        if assessment is None:
            self.initial.setdefault("assessed_on", timezone.localdate())
        else:
            # The subject of an assessment stays; only date and note change.
            del self.fields["body"]
            del self.fields["copy_latest"]
            self.initial.update(
                assessed_on=assessment.assessed_on, note=assessment.note
            )


class AnswerForm(forms.Form):
    rating = forms.ChoiceField(
        label=_("Rating"),
        choices=[("", _("not rated yet")), *ChecklistRating.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    next_step = forms.CharField(label=_("Next step"), required=False, max_length=500)
    next_step_due = forms.DateField(
        label=_("Next step due"), required=False, widget=DATE
    )
    next_step_person = forms.ModelChoiceField(
        label=_("Next step by"), queryset=Person.objects.none(), required=False
    )

    def __init__(self, *args: Any, people: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["next_step_person"].queryset = people
