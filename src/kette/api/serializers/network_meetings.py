"""Meetings of networks and working bodies, their unified minutes, and the
action items agreed in them.

Reading shows what the pages show to those who may read a body's internals;
writing goes through ``kette.networks.services.meetings`` and ``.minutes``.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kette.networks.models import ActionItem, ActionStatus, Meeting, MinutesState
from kette.networks.selectors import meetings as selectors

from .municipalities import absolute
from .networks import BodyRefSerializer, NetworkPersonRefSerializer
from .offers import OrganisationRefSerializer


class AgendaItemSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    title = serializers.CharField()
    follow_up_of = serializers.IntegerField(
        source="follow_up_of_id",
        allow_null=True,
        help_text=_("Id of the open action item this item follows up (Wiedervorlage)."),
    )


class MinutesEntrySerializer(serializers.Serializer):
    agenda_position = serializers.IntegerField(source="agenda_item.position")
    discussion = serializers.CharField()
    agreements = serializers.CharField()


class MinutesSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    state = serializers.ChoiceField(choices=MinutesState.choices)
    summary = serializers.CharField()
    correction_note = serializers.CharField()
    approved_at = serializers.DateTimeField(allow_null=True)
    entries = MinutesEntrySerializer(many=True, source="entries.all")


class ActionItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.SerializerMethodField()
    body = BodyRefSerializer()
    meeting = serializers.IntegerField(source="meeting_id")
    task = serializers.CharField()
    responsible_person = NetworkPersonRefSerializer(allow_null=True)
    responsible_organisation = OrganisationRefSerializer(allow_null=True)
    due = serializers.DateField(allow_null=True)
    status = serializers.ChoiceField(choices=ActionStatus.choices)
    status_label = serializers.CharField(source="get_status_display")
    done_on = serializers.DateField(allow_null=True)
    status_note = serializers.CharField()
    measure = serializers.IntegerField(
        source="measure_id", allow_null=True, help_text=_("The goal measure it became.")
    )

    @extend_schema_field(serializers.URLField())
    def get_url(self, item: ActionItem) -> str:
        return absolute(
            self.context.get("request"),
            "action-item-detail",
            municipality=self.context["municipality"].slug,
            action_id=item.pk,
        )


class MeetingSerializer(serializers.Serializer):
    """A meeting with its agenda, its latest minutes and its action items."""

    id = serializers.IntegerField()
    url = serializers.SerializerMethodField()
    body = BodyRefSerializer()
    title = serializers.CharField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField(allow_null=True)
    place = serializers.CharField()
    online_link = serializers.CharField()
    agenda = AgendaItemSerializer(many=True, source="agenda.all")
    minutes = serializers.SerializerMethodField(
        help_text=_("The latest version of the minutes; null before they are started.")
    )
    action_items = serializers.SerializerMethodField()

    @extend_schema_field(serializers.URLField())
    def get_url(self, meeting: Meeting) -> str:
        return absolute(
            self.context.get("request"),
            "meeting-detail",
            municipality=self.context["municipality"].slug,
            meeting_id=meeting.pk,
        )

    @extend_schema_field(MinutesSerializer(allow_null=True))
    def get_minutes(self, meeting: Meeting) -> dict[str, Any] | None:
        minutes = selectors.minutes_version(meeting)
        return MinutesSerializer(minutes).data if minutes is not None else None

    @extend_schema_field(ActionItemSerializer(many=True))
    def get_action_items(self, meeting: Meeting) -> list[dict[str, Any]]:
        items = selectors.action_items_of(meeting)
        return ActionItemSerializer(items, many=True, context=self.context).data


class MeetingInputSerializer(serializers.Serializer):
    title = serializers.CharField(required=False, allow_blank=True, max_length=250)
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField(required=False, allow_null=True)
    place = serializers.CharField(required=False, allow_blank=True, max_length=300)
    online_link = serializers.URLField(required=False, allow_blank=True)
    agenda = serializers.ListField(
        child=serializers.CharField(max_length=300),
        required=False,
        help_text=_("Titles of the agenda items (only when the meeting is added)."),
    )


class ActionStatusInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ActionStatus.choices)
    done_on = serializers.DateField(required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)


class ActionItemQuerySerializer(serializers.Serializer):
    body = serializers.IntegerField(required=False, help_text=_("Id of a body."))
    status = serializers.ChoiceField(choices=ActionStatus.choices, required=False)
    mine = serializers.BooleanField(
        required=False, allow_null=True, default=None,
        help_text=_("Only the caller's own tasks."),
    )  # fmt: skip
    overdue = serializers.BooleanField(
        required=False, allow_null=True, default=None,
        help_text=_("Only open items past their due date."),
    )  # fmt: skip
