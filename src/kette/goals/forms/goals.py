"""Forms of the vision, the goal levels, goals, measures and status updates.

Each form only parses input; the services validate the rules and write.
Choices (parent goals, people, organisations, offers) come from the
selectors, within the request's municipality.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kette.core.models import MeasureStatus, MeasureType, Municipality
from kette.monitoring.forms import TableImportForm

from ..models import Goal, Measure, Vision
from ..selectors import goals as selectors

DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
CHECKBOXES = forms.CheckboxSelectMultiple
MAX_LEVELS = 8


class Grouped:
    """Forms shown as fieldsets: ``fieldsets`` = ((legend, field names), …)."""

    fieldsets: Sequence[tuple[Any, Sequence[str]]] = ()

    def grouped_fields(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [
            (legend, [self[name] for name in names if name in self.fields])
            for legend, names in self.fieldsets
        ]


class VisionForm(forms.ModelForm):
    class Meta:
        model = Vision
        fields = ("text", "adopted_on")
        widgets = {"text": forms.Textarea(attrs={"rows": 8}), "adopted_on": DATE}

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("adopted_on", timezone.localdate())


class GoalLevelsForm(forms.Form):
    """The level names from the top down; empty fields at the end are dropped."""

    def __init__(self, *args: Any, names: Sequence[str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        for depth in range(1, MAX_LEVELS + 1):
            self.fields[f"level_{depth}"] = forms.CharField(
                label=_("Level %(depth)d") % {"depth": depth},
                max_length=100,
                required=depth == 1,
                initial=names[depth - 1] if depth <= len(names) else "",
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        names = [data.get(f"level_{depth}", "") for depth in range(1, MAX_LEVELS + 1)]
        while names and not names[-1]:
            names.pop()
        if "" in names:
            raise forms.ValidationError(
                _("Name the levels from the top down without leaving one empty.")
            )
        data["names"] = names
        return data


def _parent_choices(
    municipality: Municipality, *, exclude: Goal | None = None
) -> list[tuple[str, str]]:
    """Goals that may hold sub-goals (not on the deepest level), by number."""
    depth = len(selectors.level_names(municipality=municipality))
    choices = [("", _("– none: a goal on the first level –"))]
    skip_below = None
    for node in selectors.goal_outline(municipality=municipality):
        if skip_below is not None and node.depth > skip_below:
            continue
        skip_below = None
        if exclude is not None and node.goal.pk == exclude.pk:
            skip_below = node.depth
            continue
        if node.depth < depth:
            choices.append((str(node.goal.pk), f"{node.code} {node.goal.title}"))
    return choices


class ParentField(forms.TypedChoiceField):
    def __init__(self, municipality: Municipality, **kwargs: Any):
        super().__init__(
            label=_("parent goal").capitalize(),
            required=False,
            coerce=int,
            empty_value=None,
            **kwargs,
        )
        self.municipality = municipality

    def to_goal(self, value: int | None) -> Goal | None:
        if value is None:
            return None
        return selectors.goal_get(municipality=self.municipality, pk=value)


class GoalForm(Grouped, forms.ModelForm):
    class Meta:
        model = Goal
        fields = (
            "title",
            "description",
            "measurement_criteria",
            "status",
            "fields_of_action",
            "age_bands",
            "life_phases",
            "prevention_standards",
        )
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 5}),
            "measurement_criteria": forms.Textarea(attrs={"rows": 5}),
            "fields_of_action": CHECKBOXES,
            "age_bands": CHECKBOXES,
            "life_phases": CHECKBOXES,
            "prevention_standards": CHECKBOXES,
        }

    fieldsets = (
        (_("The goal"), ("parent", "title", "description", "measurement_criteria")),
        (
            _("Whom and what it is about"),
            ("fields_of_action", "age_bands", "life_phases", "prevention_standards"),
        ),
        (_("Status"), ("status",)),
    )

    def __init__(
        self, *args: Any, municipality: Municipality, creating: bool, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        if creating:
            self.fields["parent"] = ParentField(
                municipality, choices=_parent_choices(municipality)
            )
        for name in ("fields_of_action", "age_bands", "life_phases"):
            field = self.fields[name]
            field.queryset = field.queryset.filter(is_active=True)
        self.fields["prevention_standards"].queryset = self.fields[
            "prevention_standards"
        ].queryset.filter(is_active=True)

    def clean_parent(self) -> Goal | None:
        return self.fields["parent"].to_goal(self.cleaned_data.get("parent"))

    def service_fields(self) -> dict[str, Any]:
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields}
        if "parent" in self.fields:
            fields["parent"] = self.cleaned_data["parent"]
        return fields


class GoalMoveForm(forms.Form):
    number = forms.IntegerField(
        label=_("Number"),
        min_value=1,
        help_text=_("Its place among the goals of the same parent."),
    )

    def __init__(self, *args: Any, goal: Goal, **kwargs: Any):
        super().__init__(*args, **kwargs)
        municipality = goal.municipality
        self.fields = {
            "parent": ParentField(
                municipality,
                choices=_parent_choices(municipality, exclude=goal),
                initial=goal.parent_id,
            ),
            **self.fields,
        }
        self.initial.setdefault("number", goal.number)

    def clean_parent(self) -> Goal | None:
        return self.fields["parent"].to_goal(self.cleaned_data.get("parent"))


class MeasureForm(Grouped, forms.ModelForm):
    status = forms.ModelChoiceField(
        label=_("Status"),
        queryset=MeasureStatus.objects.filter(is_active=True),
        empty_label=None,
    )

    class Meta:
        model = Measure
        fields = (
            "task",
            "measure_type",
            "responsible_person",
            "responsible_organisation",
            "responsibility_note",
            "cooperation_partners",
            "cooperation_note",
            "start",
            "due",
            "recurrence",
            "recurrence_until",
            "schedule_note",
            "prevention_standards",
            "offers",
        )
        widgets = {
            "task": forms.Textarea(attrs={"rows": 4}),
            "start": DATE,
            "due": DATE,
            "recurrence_until": DATE,
            "cooperation_partners": CHECKBOXES,
            "prevention_standards": CHECKBOXES,
            "offers": forms.SelectMultiple(attrs={"size": 8}),
        }

    fieldsets = (
        (_("Task"), ("task", "measure_type", "status")),
        (
            _("Responsibility"),
            ("responsible_person", "responsible_organisation", "responsibility_note"),
        ),
        (_("Cooperation"), ("cooperation_partners", "cooperation_note")),
        (
            _("Schedule"),
            ("start", "due", "recurrence", "recurrence_until", "schedule_note"),
        ),
        (_("Standards and offers"), ("prevention_standards", "offers")),
    )

    def __init__(
        self, *args: Any, municipality: Municipality, creating: bool, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        if not creating:
            # The status changes only with a dated entry in its history.
            del self.fields["status"]
        else:
            self.initial.setdefault(
                "status", self.fields["status"].queryset.order_by("position").first()
            )
        fields = self.fields
        fields["measure_type"].queryset = MeasureType.objects.filter(is_active=True)
        fields["responsible_person"].queryset = selectors.responsible_people(
            municipality=municipality
        )
        fields["responsible_person"].label_from_instance = lambda user: (
            user.display_name
        )
        organisations = selectors.organisation_choices(municipality=municipality)
        fields["responsible_organisation"].queryset = organisations
        fields["cooperation_partners"].queryset = organisations
        fields["offers"].queryset = selectors.offer_choices(municipality=municipality)
        fields["prevention_standards"].queryset = fields[
            "prevention_standards"
        ].queryset.filter(is_active=True)
        fields["offers"].help_text = _("Hold Ctrl (or Cmd) to choose several offers.")

    def service_fields(self) -> dict[str, Any]:
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields}
        if "status" in self.fields:
            fields["status"] = self.cleaned_data["status"]
        return fields


class MeasureMoveForm(forms.Form):
    number = forms.IntegerField(label=_("Number"), min_value=1)


class MeasureStatusForm(forms.Form):
    status = forms.ModelChoiceField(
        label=_("Status"),
        queryset=MeasureStatus.objects.filter(is_active=True),
        empty_label=None,
        widget=forms.RadioSelect,
    )
    on = forms.DateField(label=_("As of"), widget=DATE)
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What has been done, what is missing, what stands in the way."),
    )

    def __init__(self, *args: Any, measure: Measure, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("status", measure.status_id)
        self.initial.setdefault("on", timezone.localdate())


class GridImportForm(TableImportForm):
    """Upload of SMART grids (goals and measures) from XLSX or CSV."""

    file_help = _(
        "One row per measure, with the columns of the grid download (Excel); "
        "the first row holds the column names. Goals are found by number or "
        "title, measures by number; everything else is added. After a preview "
        "the file is kept; choose it again only to replace it."
    )
