"""Forms of goal workshops: they parse input; services.workshops writes it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ..models.workshops import (
    Idea,
    Perspective,
    PerspectiveDecision,
    Workshop,
    WorkshopParticipant,
)
from ..services.workshops import (
    IDEA_FIELDS,
    PARTICIPANT_FIELDS,
    PERSPECTIVE_FIELDS,
    WORKSHOP_FIELDS,
)


class WorkshopForm(forms.ModelForm):
    class Meta:
        model = Workshop
        fields = WORKSHOP_FIELDS
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }


class ParticipantForm(forms.ModelForm):
    """A participant: a free name, a person with an account, or both."""

    class Meta:
        model = WorkshopParticipant
        fields = PARTICIPANT_FIELDS

    def __init__(
        self, *args: Any, people: QuerySet, organisations: QuerySet, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = people
        self.fields["user"].label_from_instance = lambda user: user.display_name
        self.fields["organisation"].queryset = organisations


class IdeaForm(forms.ModelForm):
    class Meta:
        model = Idea
        fields = IDEA_FIELDS
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(
        self,
        *args: Any,
        target_groups: QuerySet,
        perspectives: QuerySet,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.fields["target_group"].queryset = target_groups
        self.fields["target_group"].empty_label = _("All target groups")
        self.fields["perspective"].queryset = perspectives
        self.fields["perspective"].empty_label = _("Not grouped yet")


class PerspectiveForm(forms.ModelForm):
    class Meta:
        model = Perspective
        fields = PERSPECTIVE_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"position": _("Order on the ballot; 0 puts it last.")}

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["position"].required = False


class BallotForm(forms.Form):
    """One number input per perspective; the service checks the sum against
    the dots (its errors name the fields ``perspective_<id>``)."""

    def __init__(
        self,
        *args: Any,
        workshop: Workshop,
        perspectives: list[Perspective],
        ballot: dict[int, int] | None = None,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.workshop = workshop
        ballot = ballot or {}
        for perspective in perspectives:
            self.fields[self.field_name(perspective.pk)] = forms.IntegerField(
                label=perspective.title,
                help_text=perspective.description,
                min_value=0,
                max_value=workshop.max_dots_per_perspective,
                required=False,
                initial=ballot.get(perspective.pk, 0),
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )

    @staticmethod
    def field_name(pk: int) -> str:
        return f"perspective_{pk}"

    def dots(self) -> dict[int, int]:
        """{perspective id: dots} from the cleaned data."""
        return {
            int(name.removeprefix("perspective_")): value or 0
            for name, value in self.cleaned_data.items()
        }


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=PerspectiveDecision.choices
    )
    reason = forms.CharField(
        label=_("Reason for the backlog"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed when the perspective goes to the backlog."),
    )


class CutForm(forms.Form):
    keep = forms.IntegerField(
        label=_("Perspectives to take forward"),
        min_value=1,
        help_text=_(
            "The perspectives ranked this high or better are chosen; "
            "perspectives tied at the cut are all chosen."
        ),
    )
    reason = forms.CharField(
        label=_("Reason for the backlog"),
        widget=forms.Textarea(attrs={"rows": 2}),
        initial=_("Fewer dots in the workshop's vote; to be worked on later."),
    )
