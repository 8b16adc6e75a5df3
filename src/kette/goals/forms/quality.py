"""Forms of quality-cycle self-assessments: the assessment itself and the
rating of one standard (one form per standard of a station, each with its
own prefix). They only parse input; services/quality.py checks and writes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from kette.core.models import Municipality

from ..models import QualityAssessment, Rating, StandardRating
from ..selectors import goals as goal_selectors
from .goals import DATE


class AssessmentForm(forms.ModelForm):
    class Meta:
        model = QualityAssessment
        fields = ("title", "date", "participants", "note")
        widgets = {
            "date": DATE,
            "participants": forms.Textarea(attrs={"rows": 3}),
            "note": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(
        self, *args: Any, latest: QualityAssessment | None = None, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("date", timezone.localdate())
        if latest is not None:
            self.fields["copy_latest"] = forms.BooleanField(
                label=_("Start as a copy of the self-assessment of %(date)s")
                % {"date": date_format(latest.date, "SHORT_DATE_FORMAT")},
                help_text=_(
                    "Ratings, evidence and next steps are taken over; you then "
                    "enter only what has changed."
                ),
                required=False,
                initial=True,
            )


class StandardRatingForm(forms.ModelForm):
    rating = forms.TypedChoiceField(
        label=_("Rating"),
        choices=[("", _("not rated yet")), *Rating.choices],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = StandardRating
        fields = ("rating", "evidence", "next_steps", "responsible_person", "due")
        widgets = {
            "evidence": forms.Textarea(attrs={"rows": 3}),
            "next_steps": forms.Textarea(attrs={"rows": 3}),
            "due": DATE,
        }

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any):
        super().__init__(*args, **kwargs)
        person = self.fields["responsible_person"]
        person.queryset = goal_selectors.responsible_people(municipality=municipality)
        person.label_from_instance = lambda user: user.display_name
