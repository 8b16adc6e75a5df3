"""Writing the plans through the registry services, changed values only."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kette.goals.grid_files import fold

from ..models import Body, MemberRole
from ..selectors.exchange import (
    import_memberships,
)
from ..services import registry
from .plans import (
    BodyPlan,
    BodySummary,
    MemberPlan,
    PersonPlan,
    RegistryImportResult,
)
from .reader import Reader

# Model fields whose errors belong to another column.
ERROR_COLUMNS = {
    "city_wide": "scope",
    "districts": "scope",
    "person": "last_name",
    "first_name": "first_name",
}


class Writer:
    """Writes the plans through the registry services, changed values only;
    a refusal of a service becomes a problem at its row."""

    def __init__(self, reader: Reader, actor: Any) -> None:
        self.reader = reader
        self.actor = actor
        self.result = RegistryImportResult(files=[])
        self.written: set[int] = set()

    def _refused(self, error: ValidationError, plan: Any, default: str) -> None:
        messages = (
            error.message_dict.items()
            if hasattr(error, "error_dict")
            else [(default, error.messages)]
        )
        for name, texts in messages:
            name = ERROR_COLUMNS.get(name, name)
            key = name if name in plan.at[1] else default
            for text in texts:
                self.reader.add(text, plan.row, key, plan.at)

    def write(self) -> RegistryImportResult:
        for plan in self.reader.planned_people:
            try:
                self._person(plan)
            except ValidationError as error:
                self._refused(error, plan, "last_name")
        if self.reader.problems:
            return self.result
        for plan in self.reader.bodies.values():
            self._body_in_order(plan, [])
        if self.reader.problems:
            return self.result
        existing = {
            (
                member.body_id,
                member.person_id or (None, member.organisation_id),
                member.joined_on,
            ): member
            for member in import_memberships(municipality=self.reader.municipality)
        }
        for plan in self.reader.members:
            try:
                self._member(plan, existing)
            except ValidationError as error:
                self._refused(error, plan, "last_name")
        self.result.bodies = [
            BodySummary(
                name=plan.name, new=plan.body.pk in self.written, members=plan.members
            )
            for plan in self.reader.bodies.values()
        ]
        return self.result

    def _person(self, plan: PersonPlan) -> None:
        if plan.person is None:
            plan.person = registry.person_create(
                actor=self.actor,
                municipality=self.reader.municipality,
                first_name=plan.first_name,
                last_name=plan.last_name,
                email=plan.email,
                **plan.details,
            )
            self.result.people_created += 1
            return
        changed = {
            key: value
            for key, value in plan.details.items()
            if getattr(plan.person, key) != value
        }
        if changed:
            registry.person_update(actor=self.actor, person=plan.person, **changed)

    def _body_in_order(self, plan: BodyPlan, path: list[BodyPlan]) -> None:
        """Write the body after the body it is part of (when that is new too)."""
        if plan.body is not None and plan.body.pk in self.written or plan in path:
            if plan in path:
                self.reader.add(
                    _("a body cannot be part of itself"), plan.row, "parent", plan.at
                )
            return
        parent = plan.parent_plan
        if isinstance(parent, BodyPlan):
            self._body_in_order(parent, [*path, plan])
            parent = parent.body
        if self.reader.problems:
            return
        try:
            self._body(plan, parent)
        except ValidationError as error:
            self._refused(error, plan, "name")

    def _body(self, plan: BodyPlan, parent: Body | None) -> None:
        values = dict(plan.values)
        if plan.parent:
            values["parent"] = parent
        if plan.lead is not None:
            values["lead_person"] = plan.lead.person
        if plan.body is None:
            plan.body = registry.body_create(
                actor=self.actor,
                municipality=self.reader.municipality,
                topics=plan.topics,
                **values,
            )
            self.result.bodies_created += 1
            self.written.add(plan.body.pk)
            return
        body = plan.body
        self.written.add(body.pk)
        changed = {
            key: value
            for key, value in values.items()
            if self._differs(body, key, value)
        }
        topics = plan.topics
        if topics is not None and {fold(t) for t in topics} == {
            fold(topic.name) for topic in body.topics.all()
        }:
            topics = None
        if changed or topics is not None:
            registry.body_update(actor=self.actor, body=body, topics=topics, **changed)
            self.result.bodies_updated += 1

    @staticmethod
    def _differs(instance: Any, key: str, value: Any) -> bool:
        if key in registry.BODY_TAGS:
            return {term.pk for term in getattr(instance, key).all()} != {
                term.pk for term in value
            }
        return getattr(instance, key) != value

    def _member(self, plan: MemberPlan, existing: dict) -> None:
        body = plan.body.body if isinstance(plan.body, BodyPlan) else plan.body
        values = dict(plan.values)
        person = plan.person.person if plan.person else None
        who = person.pk if person else (None, values.get("organisation").pk)
        member = existing.get((body.pk, who, values["joined_on"]))
        if member is None:
            values.setdefault("role", MemberRole.MEMBER)
            registry.member_add(actor=self.actor, body=body, person=person, **values)
            self.result.members_created += 1
            return
        changed = {
            key: value for key, value in values.items() if getattr(member, key) != value
        }
        if changed:
            registry.member_update(actor=self.actor, member=member, **changed)
            self.result.members_updated += 1
