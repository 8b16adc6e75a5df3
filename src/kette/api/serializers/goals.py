"""Goals, measures and status changes: what members read and what staff send.

Input serializers only check types and resolve codes and ids within the
municipality (given in their context as ``municipality``); the rules of
goals and measures are the services' (``kette.goals.services``).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kette.core.models import (
    AgeBand,
    FieldOfAction,
    LifePhase,
    MeasureStatus,
    MeasureType,
    PreventionStandard,
)
from kette.goals.models import Goal, GoalStatus, Measure, Recurrence
from kette.goals.selectors import goals as selectors

from .municipalities import absolute
from .offers import OrganisationRefSerializer, TermSerializer

#: The largest id a database column holds (a larger one would overflow).
MAX_ID = 2**63 - 1
#: The largest number of a goal or measure (a small integer column).
MAX_NUMBER = 32767


def id_field(help_text, **kwargs: Any) -> serializers.IntegerField:
    """An optional id (of this municipality's objects), within the column's range."""
    return serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, help_text=help_text, **kwargs
    )


def term(value) -> dict[str, str] | None:
    return None if value is None else {"code": value.code, "label": value.label}


def terms(manager) -> list[dict[str, str]]:
    return [term(item) for item in manager.all()]


# --- reading -----------------------------------------------------------------------


class GoalLevelSerializer(serializers.Serializer):
    position = serializers.IntegerField(help_text=_("Depth in the hierarchy; 1: top."))
    name = serializers.CharField(help_text=_("Name of the level, e.g. Leitziel."))


class PersonRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="display_name")


class OfferRefSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    title = serializers.CharField()


class MeasureSerializer(serializers.Serializer):
    """A measure (task of a SMART grid); needs ``codes`` ({goal id: "1.2"})."""

    id = serializers.IntegerField()
    url = serializers.SerializerMethodField()
    goal = serializers.IntegerField(source="goal_id", help_text=_("Id of its goal."))
    code = serializers.SerializerMethodField(
        help_text=_("Its number with its goal's, e.g. 2.1.3.")
    )
    number = serializers.IntegerField(help_text=_("Its place within its goal."))
    task = serializers.CharField()
    measure_type = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField()
    status_changed_on = serializers.DateField(
        allow_null=True, help_text=_("The date of the current status.")
    )
    responsible_person = PersonRefSerializer(allow_null=True)
    responsible_organisation = OrganisationRefSerializer(allow_null=True)
    responsibility_note = serializers.CharField()
    cooperation_partners = OrganisationRefSerializer(many=True)
    cooperation_note = serializers.CharField()
    start = serializers.DateField(allow_null=True)
    due = serializers.DateField(allow_null=True)
    recurrence = serializers.CharField(
        help_text=_("monthly, quarterly, yearly; empty: once.")
    )
    recurrence_until = serializers.DateField(allow_null=True)
    schedule_note = serializers.CharField()
    prevention_standards = serializers.SerializerMethodField()
    offers = OfferRefSerializer(many=True)
    status_changes_url = serializers.SerializerMethodField(
        help_text=_("Its status history; POST there to record a new status.")
    )
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def _url(self, name: str, measure: Measure) -> str:
        return absolute(
            self.context.get("request"),
            name,
            municipality=self.context["municipality"].slug,
            measure_id=measure.pk,
        )

    @extend_schema_field(serializers.URLField())
    def get_url(self, measure: Measure) -> str:
        return self._url("measure-detail", measure)

    @extend_schema_field(serializers.URLField())
    def get_status_changes_url(self, measure: Measure) -> str:
        return self._url("measure-status-changes", measure)

    def get_code(self, measure: Measure) -> str:
        return f"{self.context['codes'][measure.goal_id]}.{measure.number}"

    @extend_schema_field(TermSerializer(allow_null=True))
    def get_measure_type(self, measure: Measure) -> dict | None:
        return term(measure.measure_type)

    @extend_schema_field(TermSerializer)
    def get_status(self, measure: Measure) -> dict | None:
        return term(measure.status)

    @extend_schema_field(TermSerializer(many=True))
    def get_prevention_standards(self, measure: Measure) -> list[dict]:
        return terms(measure.prevention_standards)


class GoalSerializer(serializers.Serializer):
    """A goal with its SMART grid; needs ``codes`` ({goal id: "1.2"})."""

    id = serializers.IntegerField()
    url = serializers.SerializerMethodField()
    code = serializers.SerializerMethodField(
        help_text=_("Its number in the tree, e.g. 1.2.")
    )
    level = GoalLevelSerializer()
    parent = serializers.IntegerField(
        source="parent_id", allow_null=True, help_text=_("Id of the parent goal.")
    )
    number = serializers.IntegerField(help_text=_("Its place among its siblings."))
    title = serializers.CharField()
    description = serializers.CharField()
    measurement_criteria = serializers.CharField()
    status = serializers.ChoiceField(choices=GoalStatus.choices)
    status_label = serializers.CharField(source="get_status_display")
    fields_of_action = serializers.SerializerMethodField()
    age_bands = serializers.SerializerMethodField()
    life_phases = serializers.SerializerMethodField()
    prevention_standards = serializers.SerializerMethodField()
    children = serializers.SerializerMethodField(
        help_text=_("Ids of its sub-goals in their order.")
    )
    measures = MeasureSerializer(many=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    @extend_schema_field(serializers.URLField())
    def get_url(self, goal: Goal) -> str:
        return absolute(
            self.context.get("request"),
            "goal-detail",
            municipality=self.context["municipality"].slug,
            goal_id=goal.pk,
        )

    def get_code(self, goal: Goal) -> str:
        return self.context["codes"][goal.pk]

    @extend_schema_field(TermSerializer(many=True))
    def get_fields_of_action(self, goal: Goal) -> list[dict]:
        return terms(goal.fields_of_action)

    @extend_schema_field(TermSerializer(many=True))
    def get_age_bands(self, goal: Goal) -> list[dict]:
        return terms(goal.age_bands)

    @extend_schema_field(TermSerializer(many=True))
    def get_life_phases(self, goal: Goal) -> list[dict]:
        return terms(goal.life_phases)

    @extend_schema_field(TermSerializer(many=True))
    def get_prevention_standards(self, goal: Goal) -> list[dict]:
        return terms(goal.prevention_standards)

    def get_children(self, goal: Goal) -> list[int]:
        return [child.pk for child in goal.children.all()]


class StatusChangeSerializer(serializers.Serializer):
    """One dated entry of a measure's status history."""

    id = serializers.IntegerField()
    date = serializers.DateField(source="on")
    old_status = serializers.SerializerMethodField()
    new_status = serializers.SerializerMethodField()
    comment = serializers.CharField()
    changed_by = serializers.CharField(
        source="actor_name", help_text=_("Name of the person who recorded it.")
    )
    created_at = serializers.DateTimeField()

    @extend_schema_field(TermSerializer(allow_null=True))
    def get_old_status(self, change) -> dict | None:
        return term(change.old_status)

    @extend_schema_field(TermSerializer)
    def get_new_status(self, change) -> dict | None:
        return term(change.new_status)


# --- query parameters --------------------------------------------------------------


class GoalQuerySerializer(serializers.Serializer):
    level = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=100,
        help_text=_("Depth; 1: the top."),
    )
    parent = id_field(_("Id of the parent goal."))
    status = serializers.ChoiceField(choices=GoalStatus.choices, required=False)


def _code_field(model, help_text, **kwargs: Any) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(
        slug_field="code",
        queryset=model.objects.filter(is_active=True),
        help_text=help_text,
        **kwargs,
    )


def _codes_field(model, help_text) -> serializers.SlugRelatedField:
    return _code_field(model, help_text, many=True, required=False)


class MeasureQuerySerializer(serializers.Serializer):
    """Query parameters of the measure list; needs ``municipality`` in its context."""

    goal = id_field(_("Id of a goal."))
    status = _code_field(MeasureStatus, _("Code of a measure status."), required=False)
    measure_type = _code_field(
        MeasureType, _("Code of a type of measure."), required=False
    )
    responsible_person = id_field(_("Id of the responsible person."))
    due_before = serializers.DateField(
        required=False, help_text=_("Due on or before this day.")
    )
    due_after = serializers.DateField(
        required=False, help_text=_("Due on or after this day.")
    )

    def validate_goal(self, value: int) -> Goal:
        return _goal(self.context["municipality"], value)


def _goal(municipality, pk: int) -> Goal:
    try:
        return selectors.goal_get(municipality=municipality, pk=pk)
    except Goal.DoesNotExist as exc:
        raise serializers.ValidationError(
            _("This municipality has no goal with this id.")
        ) from exc


# --- writing -----------------------------------------------------------------------


class GoalInputSerializer(serializers.Serializer):
    """A goal as coordinators send it; needs ``municipality`` in its context.

    ``parent`` is read only when a goal is created (the level follows from
    it); the tag lists replace the old ones.
    """

    parent = id_field(
        _("Id of the parent goal; none: a goal on the first level."), allow_null=True
    )
    title = serializers.CharField(max_length=300)
    description = serializers.CharField(required=False, allow_blank=True)
    measurement_criteria = serializers.CharField(required=False, allow_blank=True)
    status = serializers.ChoiceField(choices=GoalStatus.choices, required=False)
    fields_of_action = _codes_field(FieldOfAction, _("Codes of fields of action."))
    age_bands = _codes_field(AgeBand, _("Codes of age bands."))
    life_phases = _codes_field(LifePhase, _("Codes of life phases."))
    prevention_standards = _codes_field(
        PreventionStandard, _("Codes of prevention standards.")
    )

    def validate_parent(self, value: int | None) -> Goal | None:
        return None if value is None else _goal(self.context["municipality"], value)


class MeasureInputSerializer(serializers.Serializer):
    """A measure as coordinators send it; needs ``municipality`` in its context.

    ``goal``, ``status`` and ``status_date`` are read only when a measure is
    created; later its status changes through its status history.
    """

    goal = id_field(_("Id of its goal (when created)."))
    task = serializers.CharField()
    measure_type = _code_field(
        MeasureType, _("Code of the type of measure."), required=False, allow_null=True
    )
    status = _code_field(
        MeasureStatus, _("Code of its first status (when created)."), required=False
    )
    status_date = serializers.DateField(
        required=False, help_text=_("Date of its first status; default: today.")
    )
    responsible_person = id_field(
        _("Id of a person with a role in the municipality."), allow_null=True
    )
    responsible_organisation = id_field(_("Id of the organisation."), allow_null=True)
    responsibility_note = serializers.CharField(
        required=False, allow_blank=True, max_length=500
    )
    cooperation_partners = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        required=False,
        help_text=_("Ids of organisations."),
    )
    cooperation_note = serializers.CharField(
        required=False, allow_blank=True, max_length=500
    )
    start = serializers.DateField(required=False, allow_null=True)
    due = serializers.DateField(required=False, allow_null=True)
    recurrence = serializers.ChoiceField(
        choices=Recurrence.choices, required=False, allow_blank=True
    )
    recurrence_until = serializers.DateField(required=False, allow_null=True)
    schedule_note = serializers.CharField(
        required=False, allow_blank=True, max_length=300
    )
    prevention_standards = _codes_field(
        PreventionStandard, _("Codes of prevention standards.")
    )
    offers = serializers.ListField(
        child=serializers.UUIDField(),
        required=False,
        help_text=_("Ids of offers it creates or changes."),
    )

    def _municipality(self):
        return self.context["municipality"]

    def validate_goal(self, value: int) -> Goal:
        return _goal(self._municipality(), value)

    def validate_responsible_person(self, value: int | None):
        if value is None:
            return None
        people = selectors.responsible_people(municipality=self._municipality())
        person = people.filter(pk=value).first()
        if person is None:
            raise serializers.ValidationError(
                _("The person has no role in this municipality.")
            )
        return person

    def validate_responsible_organisation(self, value: int | None):
        if value is None:
            return None
        return _within(
            selectors.organisation_choices(municipality=self._municipality()), [value]
        )[0]

    def validate_cooperation_partners(self, value: list[int]) -> list:
        return _within(
            selectors.organisation_choices(municipality=self._municipality()), value
        )

    def validate_offers(self, value: list) -> list:
        return _within(
            selectors.offer_choices(municipality=self._municipality()), value
        )


def _within(queryset, ids: list) -> list:
    """The objects of ``ids`` in ``queryset`` (the municipality's), or an error."""
    found = {item.pk: item for item in queryset.filter(pk__in=ids)}
    missing = [str(pk) for pk in ids if pk not in found]
    if missing:
        raise serializers.ValidationError(
            _("Not in this municipality: %(ids)s") % {"ids": ", ".join(missing)}
        )
    return [found[pk] for pk in dict.fromkeys(ids)]


class StatusInputSerializer(serializers.Serializer):
    status = _code_field(MeasureStatus, _("Code of the new status."))
    date = serializers.DateField(
        required=False,
        help_text=_(
            "The day the status applies from; default: today. Not in the "
            "future, not before the current status's date."
        ),
    )
    comment = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text=_("What has been done, what is missing, what stands in the way."),
    )


class GoalMoveInputSerializer(serializers.Serializer):
    """Where a goal goes; needs ``municipality`` in its context."""

    parent = id_field(
        _(
            "Id of the new parent goal; null: to the first level; left out: the "
            "parent stays."
        ),
        allow_null=True,
    )
    number = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_NUMBER,
        help_text=_("Its new place among its siblings; left out: the last."),
    )

    def validate_parent(self, value: int | None) -> Goal | None:
        return None if value is None else _goal(self.context["municipality"], value)


class MeasureMoveInputSerializer(serializers.Serializer):
    number = serializers.IntegerField(
        min_value=1,
        max_value=MAX_NUMBER,
        help_text=_("Its new place within its goal; the others close up."),
    )
