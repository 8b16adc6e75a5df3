"""Forms of review rounds: opening a round, and a person's answers."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kette.core.models import MeasureStatus, Organisation

from ..models import Goal, Measure, MeasureStatusChange
from .goals import DATE


def default_title() -> str:
    today = timezone.localdate()
    return _("Quarterly review Q%(quarter)d/%(year)d") % {
        "quarter": (today.month - 1) // 3 + 1,
        "year": today.year,
    }


class GoalChoice(forms.ModelMultipleChoiceField):
    def __init__(self, *args: Any, codes: dict[int, str], **kwargs: Any):
        self.codes = codes
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Goal) -> str:
        return f"{self.codes.get(obj.pk, '')} {obj.title}".strip()


class ReviewRoundForm(forms.Form):
    """Title, due date, goals (none: all pursued), and a contact for each
    organisation responsible for measures without a responsible person."""

    title = forms.CharField(label=_("Title"), max_length=200)
    due_by = forms.DateField(label=_("Answers due by"), required=False, widget=DATE)

    def __init__(
        self,
        *args: Any,
        goals: Any,
        codes: dict[int, str],
        organisations: list[Organisation],
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("title", default_title())
        self.fields["goals"] = GoalChoice(
            label=_("Goals"),
            queryset=goals,
            codes=codes,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text=_("Leave empty for all pursued goals."),
        )
        self.organisations = organisations
        for organisation in organisations:
            self.fields[f"contact_name_{organisation.pk}"] = forms.CharField(
                label=_("Contact person at %(organisation)s")
                % {"organisation": organisation.name},
                max_length=200,
                required=False,
            )
            self.fields[f"contact_email_{organisation.pk}"] = forms.EmailField(
                label=_("E-mail of the contact at %(organisation)s")
                % {"organisation": organisation.name},
                required=False,
                help_text=_(
                    "For measures this organisation is responsible for without "
                    "a responsible person. Without an address nobody is asked."
                ),
            )

    def service_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "due_by": data["due_by"],
            "goals": list(data["goals"]),
            "contacts": {
                organisation.pk: (
                    data.get(f"contact_name_{organisation.pk}", ""),
                    data.get(f"contact_email_{organisation.pk}", ""),
                )
                for organisation in self.organisations
            },
        }


class ReviewAnswerForm(forms.Form):
    """Per measure: the status (preselected: the current one, or the last
    answer) and a comment."""

    def __init__(
        self,
        *args: Any,
        measures: list[tuple[str, Measure]],
        answers: dict[int, MeasureStatusChange],
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.measures = measures
        self.answers = answers
        statuses = MeasureStatus.objects.filter(is_active=True)
        for code, measure in measures:
            last = answers.get(measure.pk)
            self.fields[f"status_{measure.pk}"] = forms.ModelChoiceField(
                label=_("Status of measure %(code)s") % {"code": code},
                queryset=statuses,
                empty_label=None,
                widget=forms.RadioSelect,
                initial=last.new_status_id if last else measure.status_id,
            )
            self.fields[f"comment_{measure.pk}"] = forms.CharField(
                label=_("Comment on measure %(code)s") % {"code": code},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=last.comment if last else "",
                help_text=_(
                    "What has been done, what is missing, what stands in the way."
                ),
            )

    def rows(self) -> list[tuple[str, Measure, Any, Any, Any]]:
        """(code, measure, status field, comment field, last answer)."""
        return [
            (
                code,
                measure,
                self[f"status_{measure.pk}"],
                self[f"comment_{measure.pk}"],
                self.answers.get(measure.pk),
            )
            for code, measure in self.measures
        ]

    def answer_data(self) -> dict[int, tuple[MeasureStatus, str]]:
        return {
            measure.pk: (
                self.cleaned_data[f"status_{measure.pk}"],
                self.cleaned_data[f"comment_{measure.pk}"],
            )
            for _code, measure in self.measures
        }
