"""Forms of meetings, their agenda, the unified minutes and action items.

Forms only parse what a person typed; the services check and write it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kette.core.exceptions import KetteError
from kette.core.forms import add_service_errors
from kette.core.models import Organisation
from kette.goals.models import Goal

from ..models import ActionStatus, AgendaItem, Body, BodyMember, Meeting, Person
from ..selectors.people import current_members

DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
TIME = forms.TimeInput(format="%H:%M", attrs={"type": "time"})


def show_error(form: forms.BaseForm, error: KetteError | ValidationError) -> None:
    """Put a service's refusal on the form fields it names (else on the form)."""
    if isinstance(error, ValidationError):
        add_service_errors(form, error)
        return
    if not error.errors:
        form.add_error(None, error.message)
    for name, messages in error.errors.items():
        for message in messages:
            form.add_error(name if name in form.fields else None, message)


class MemberChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, member: BodyMember) -> str:
        return str(member.person or member.organisation)


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=250, required=False)
    date = forms.DateField(label=_("Date"), widget=DATE)
    start = forms.TimeField(label=_("Starts at"), widget=TIME)
    end = forms.TimeField(label=_("Ends at"), widget=TIME, required=False)
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    online_link = forms.URLField(
        label=_("Online link"), required=False, assume_scheme="https"
    )
    invited = MemberChoice(
        label=_("Invited"),
        queryset=BodyMember.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    attended = MemberChoice(
        label=_("Attended"),
        queryset=BodyMember.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, body: Body, meeting: Meeting | None, **kwargs):
        if meeting is not None:
            starts = timezone.localtime(meeting.starts_at)
            ends = timezone.localtime(meeting.ends_at) if meeting.ends_at else None
            kwargs["initial"] = {
                "title": meeting.title,
                "date": starts.date(),
                "start": starts.time(),
                "end": ends.time() if ends else None,
                "place": meeting.place,
                "online_link": meeting.online_link,
                "invited": list(meeting.invited.all()),
                "attended": list(meeting.attended.all()),
            }
        super().__init__(*args, **kwargs)
        members = body.members.select_related("person", "organisation")
        self.fields["invited"].queryset = members
        self.fields["attended"].queryset = members
        if meeting is None:
            # A new meeting invites the current members; who came is later.
            del self.fields["attended"]
            self.fields["invited"].initial = list(members.filter(current_members()))

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        day: dt.date = data["date"]

        def at(time: dt.time) -> dt.datetime:
            return timezone.make_aware(dt.datetime.combine(day, time))

        values = {
            "title": data["title"],
            "starts_at": at(data["start"]),
            "ends_at": at(data["end"]) if data.get("end") else None,
            "place": data["place"],
            "online_link": data["online_link"],
            "invited": data["invited"],
        }
        if "attended" in self.fields:
            values["attended"] = data["attended"]
        return values


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Agenda item"), max_length=300)


class MinutesForm(forms.Form):
    """General remarks and, per agenda item, discussion and agreements."""

    summary = forms.CharField(
        label=_("General remarks"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args: Any, agenda: list[AgendaItem], entries: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.agenda = agenda
        for item in agenda:
            entry = entries.get(item.pk)
            self.fields[f"discussion_{item.pk}"] = forms.CharField(
                label=_("Discussion"),
                widget=forms.Textarea(attrs={"rows": 4}),
                required=False,
                initial=entry.discussion if entry else "",
            )
            self.fields[f"agreements_{item.pk}"] = forms.CharField(
                label=_("Agreements"),
                help_text=_("What was decided, one per line."),
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                initial=entry.agreements if entry else "",
            )

    def sections(self) -> list[tuple[AgendaItem, Any, Any]]:
        return [
            (item, self[f"discussion_{item.pk}"], self[f"agreements_{item.pk}"])
            for item in self.agenda
        ]

    def entries(self) -> dict[int, dict[str, str]]:
        data = self.cleaned_data
        return {
            item.pk: {
                "discussion": data[f"discussion_{item.pk}"],
                "agreements": data[f"agreements_{item.pk}"],
            }
            for item in self.agenda
        }


class CorrectionForm(forms.Form):
    correction_note = forms.CharField(label=_("What is corrected?"), max_length=500)


class ActionItemForm(forms.Form):
    agenda_item = forms.ModelChoiceField(
        label=_("Agenda item"), queryset=AgendaItem.objects.none(), required=False
    )
    task = forms.CharField(label=_("Task"), widget=forms.Textarea(attrs={"rows": 3}))
    responsible_person = forms.ModelChoiceField(
        label=_("Responsible person"), queryset=Person.objects.none(), required=False
    )
    responsible_organisation = forms.ModelChoiceField(
        label=_("Responsible organisation"),
        queryset=Organisation.objects.none(),
        required=False,
    )
    due = forms.DateField(label=_("Due"), widget=DATE, required=False)

    def __init__(self, *args: Any, meeting: Meeting, people, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda.all()
        self.fields["responsible_person"].queryset = people
        self.fields["responsible_organisation"].queryset = organisations


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    done_on = forms.DateField(
        label=_("Done on"),
        widget=DATE,
        required=False,
        help_text=_("Only for done items; today if left empty."),
    )
    note = forms.CharField(label=_("Comment"), max_length=500, required=False)


class TakeOverForm(forms.Form):
    goal = forms.ModelChoiceField(label=_("Goal"), queryset=Goal.objects.none())

    def __init__(self, *args: Any, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = goals
