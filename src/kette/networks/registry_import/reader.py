"""Reading the tables into plans, noting every problem with its place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from kette.core.importers.problems import ProblemCollector
from kette.core.models import BodyType, Municipality
from kette.core.selectors import district_list
from kette.goals.grid_files import Column, fold, header_names, parse_date
from kette.goals.grid_import import EMAIL
from kette.monitoring.importers.spreadsheet import Table

from ..models import Body, BodyStatus, MeetingRhythm, MemberRole, Person
from ..registry_files import BODY_COLUMNS, MEMBER_COLUMNS
from ..selectors.exchange import (
    exchange_bodies,
    import_organisations,
    import_people,
)
from .plans import (
    MEMBER_DETECT,
    NO,
    TERM_KEYS,
    TEXT_KEYS,
    YES,
    BodyPlan,
    MemberPlan,
    PersonPlan,
    choice_names,
    index_by_name,
    split_list,
)


class Reader:
    """Reads the tables into plans of people, bodies and members."""

    def __init__(self, municipality: Municipality) -> None:
        self.municipality = municipality
        self.problems = ProblemCollector(in_file_order=True)
        self.table: Table | None = None
        self.headers: dict[str, str] = {}
        bodies = list(exchange_bodies(municipality=municipality))
        self.existing = index_by_name(bodies, lambda body: (body.name,))
        self.people = import_people(municipality=municipality)
        self.people_by_email = index_by_name(
            self.people, lambda person: (person.email,)
        )
        self.people_by_name = index_by_name(
            self.people, lambda person: (f"{person.first_name} {person.last_name}",)
        )
        organisations = index_by_name(
            import_organisations(municipality=municipality), lambda org: (org.name,)
        )
        terms = {
            key: index_by_name(
                model.objects.filter(is_active=True),
                lambda term: (term.code, term.label_de, term.label_en),
            )
            for key, model in {**TERM_KEYS, "body_type": BodyType}.items()
        }
        self.choices: dict[str, dict[str, list]] = {
            **terms,
            "status": choice_names(BodyStatus),
            "meeting_rhythm": choice_names(MeetingRhythm),
            "role": choice_names(MemberRole),
            "organisation": organisations,
            "lead_organisation": organisations,
            "scope": index_by_name(
                district_list(municipality=municipality),
                lambda district: (district.code, district.name),
            ),
        }
        self.bodies: dict[str, BodyPlan] = {}
        self.planned_people: list[PersonPlan] = []
        self.new_by_email: dict[str, PersonPlan] = {}
        self.new_by_name: dict[str, PersonPlan] = {}
        self.members: list[MemberPlan] = []
        self.member_rows: dict[tuple, int] = {}

    def add(
        self, message: str, row: int | None, key: str | None = None, at: tuple = ()
    ) -> None:
        """Note a problem at the row of the table read now (or of ``at``)."""
        table, headers = at or (self.table, self.headers)
        self.problems.add(
            message,
            file=table.file,
            row=table.where(row) if row is not None else table.where(),
            field=headers.get(key) if key else None,
        )

    @property
    def at(self) -> tuple:
        return (self.table, self.headers)

    # --- Tables and headers ---

    def read(self, table: Table) -> None:
        """Read one table: bodies or members, as its header says."""
        self.table = table
        member_names = header_names(MEMBER_COLUMNS)
        folded = {fold(text) for text in table.header if text}
        is_members = "body" in {member_names.get(name) for name in folded} and any(
            member_names.get(name) in MEMBER_DETECT for name in folded
        )
        columns = MEMBER_COLUMNS if is_members else BODY_COLUMNS
        positions = self._header(columns)
        if positions is None:
            return
        read_row = self._member if is_members else self._body
        for number, cells in table.rows:
            values = {
                key: cells[index] if index < len(cells) else ""
                for key, index in positions.items()
            }
            read_row(number, values, positions)
            if self.problems.full:
                break

    def _header(self, columns: Sequence[Column]) -> dict[str, int] | None:
        names = header_names(columns)
        positions: dict[str, int] = {}
        self.headers = {}
        count = self.problems.count
        for index, text in enumerate(self.table.header):
            key = names.get(fold(text)) if text else None
            if text and key is None:
                known = ", ".join(str(column.label) for column in columns)
                self.add(
                    _("unknown column “%(name)s” (known columns: %(known)s)")
                    % {"name": text, "known": known},
                    1,
                )
            elif key in positions:
                self.add(_("the column “%(name)s” appears twice") % {"name": text}, 1)
            elif key:
                positions[key] = index
                self.headers[key] = text
        needed = ("body",) if columns is MEMBER_COLUMNS else ("name",)
        for key in needed:
            if key not in positions:
                label = next(str(c.label) for c in columns if c.key == key)
                self.add(_("the column “%(name)s” is missing") % {"name": label}, 1)
        return positions if self.problems.count == count else None

    # --- Values ---

    def _choice(self, row: int, key: str, text: str) -> Any:
        matches = self.choices[key].get(fold(text), [])
        if len(matches) == 1:
            return matches[0]
        message = (
            _("“%(value)s” names more than one of %(what)s")
            if matches
            else _("“%(value)s” is none of %(what)s")
        )
        self.add(message % {"value": text, "what": self._what(key)}, row, key)
        return None

    def _what(self, key: str) -> str:
        """What the values of column ``key`` are, for a message."""
        if key in ("organisation", "lead_organisation"):
            return _("the organisations of the municipality")
        if key == "scope":
            return _("the districts of the municipality (or “city-wide”)")
        labels = sorted(
            {
                str(item) if isinstance(item, str) else str(item.label)
                for items in self.choices[key].values()
                for item in items
            }
        )
        if key in ("status", "meeting_rhythm", "role"):
            model = {"status": BodyStatus, "meeting_rhythm": MeetingRhythm}.get(
                key, MemberRole
            )
            labels = [str(label) for value, label in model.choices if value]
        return _("these: %(list)s") % {"list": ", ".join(labels)}

    def _date(self, row: int, key: str, text: str) -> dt.date | None:
        if not text:
            return None
        try:
            return parse_date(text)
        except ValueError:
            self.add(
                _("“%(value)s” is not a date (e.g. 31.12.2026)") % {"value": text},
                row,
                key,
            )
            return None

    def _person(self, row: int, first: str, last: str, email: str) -> PersonPlan:
        """The person of this name and e-mail: one of kette's, or one to make
        (the same plan for every row naming them)."""
        email_key, name_key = email.casefold(), fold(f"{first} {last}")
        plan = self.new_by_email.get(email_key) if email_key else None
        if plan is None and email_key:
            found = self.people_by_email.get(email_key, [])
            if len(found) > 1:
                self.add(_("more than one person has this e-mail"), row, "email")
            elif found:
                plan = self._known(row, found[0])
        if plan is None:
            plan = self.new_by_name.get(name_key)
            if (
                plan is not None
                and email_key
                and plan.email.casefold()
                not in (
                    "",
                    email_key,
                )
            ):
                plan = None  # another person of the same name
        if plan is None:
            found = [
                person
                for person in self.people_by_name.get(name_key, [])
                if not email_key or person.email.casefold() in ("", email_key)
            ]
            if len(found) > 1:
                self.add(
                    _("more than one person is called “%(name)s”; give the e-mail")
                    % {"name": f"{first} {last}".strip()},
                    row,
                    "last_name",
                )
            plan = (
                self._known(row, found[0])
                if len(found) == 1
                else PersonPlan(row=row, at=self.at, first_name=first, last_name=last)
            )
            if plan.person is None:
                self.planned_people.append(plan)
        if email and not plan.email:
            plan.email = email
            if plan.person is not None:
                plan.details["email"] = email
        if plan.person is None:
            self.new_by_email.setdefault(email_key, plan) if email_key else None
            self.new_by_name.setdefault(name_key, plan)
        return plan

    def _known(self, row: int, person: Person) -> PersonPlan:
        plan = next((p for p in self.planned_people if p.person == person), None)
        if plan is None:
            plan = PersonPlan(
                row=row,
                at=self.at,
                first_name=person.first_name,
                last_name=person.last_name,
                email=person.email,
                person=person,
            )
            self.planned_people.append(plan)
        return plan

    def _lead(self, row: int, text: str) -> PersonPlan | None:
        email = ""
        if match := EMAIL.search(text):
            email, text = match.group(1), text[: match.start()].strip()
        first, _space, last = text.rpartition(" ")
        if not last:
            self.add(_("the lead needs a name"), row, "lead_person")
            return None
        return self._person(row, first, last, email)

    # --- Rows ---

    def _body(self, row: int, values: dict[str, str], positions: dict) -> None:
        name = values["name"]
        if not name:
            self.add(_("the name is missing"), row, "name")
            return
        if fold(name) in self.bodies:
            self.add(
                _("“%(name)s” is in row %(row)d already")
                % {"name": name, "row": self.bodies[fold(name)].row},
                row,
                "name",
            )
            return
        found = self.existing.get(fold(name), [])
        if len(found) > 1:
            self.add(_("more than one body has this name in kette"), row, "name")
            return
        plan = BodyPlan(
            row=row, at=self.at, name=name, body=found[0] if found else None, values={}
        )
        self.bodies[fold(name)] = plan
        fields = plan.values
        fields.update({key: values[key] for key in TEXT_KEYS if key in positions})
        if plan.body is None or plan.body.name != name:
            fields["name"] = name
        for key in ("body_type", "status", "meeting_rhythm", "lead_organisation"):
            if values.get(key):
                fields[key] = self._choice(row, key, values[key])
            elif key in positions and key in ("meeting_rhythm", "lead_organisation"):
                fields[key] = "" if key == "meeting_rhythm" else None
        if plan.body is None and not values.get("body_type"):
            self.add(_("the type of body is missing"), row, "body_type")
        for key in TERM_KEYS:
            if key in positions:
                texts = split_list(values[key])
                fields[key] = [self._choice(row, key, text) for text in texts]
        if "scope" in positions:
            texts = split_list(values["scope"])
            city = not texts or fold(texts[0]) in self._city_words()
            fields["city_wide"] = city
            if not city:
                fields["districts"] = [self._choice(row, "scope", t) for t in texts]
            else:
                fields["districts"] = []
        if "topics" in positions:
            plan.topics = split_list(values["topics"])
        if "founded_on" in positions:
            fields["founded_on"] = self._date(row, "founded_on", values["founded_on"])
        if "is_public" in positions:
            answer = fold(values["is_public"])
            if answer not in YES | NO:
                self.add(
                    _("“%(value)s” is neither yes nor no") % {"value": answer},
                    row,
                    "is_public",
                )
            fields["is_public"] = answer in YES
        plan.parent = values.get("parent", "")
        if "parent" in positions and not plan.parent:
            fields["parent"] = None
        if values.get("lead_person"):
            plan.lead = self._lead(row, values["lead_person"])
        elif "lead_person" in positions:
            fields["lead_person"] = None

    def _city_words(self) -> set[str]:
        words = {"city-wide", "city wide", "stadtweit", "gesamtstädtisch", "kreisweit"}
        with translation.override("de"):
            words.add(_("city-wide"))
        return {fold(word) for word in words}

    def _member(self, row: int, values: dict[str, str], positions: dict) -> None:
        count = self.problems.count
        name = values["body"]
        body: BodyPlan | Body | None = self.bodies.get(fold(name))
        if not name:
            self.add(_("the body is missing"), row, "body")
        elif body is None:
            found = self.existing.get(fold(name), [])
            if len(found) == 1:
                body = found[0]
            else:
                self.add(
                    _("there is no body “%(name)s” in the file or in kette")
                    % {"name": name},
                    row,
                    "body",
                )
        first, last = values.get("first_name", ""), values.get("last_name", "")
        email = values.get("email", "")
        organisation = (
            self._choice(row, "organisation", values["organisation"])
            if values.get("organisation")
            else None
        )
        person = None
        if first or last or email:
            if not last:
                self.add(_("the last name is missing"), row, "last_name")
            else:
                person = self._person(row, first, last, email)
        elif organisation is None:
            self.add(_("name a person or an organisation"), row, "last_name")
        member: dict[str, Any] = {
            "joined_on": self._date(row, "joined_on", values.get("joined_on", "")),
        }
        if values.get("role"):
            member["role"] = self._choice(row, "role", values["role"])
        for key in ("organisation", "left_on", "note"):
            if key in positions:
                member[key] = values[key]
        if "organisation" in positions:
            member["organisation"] = organisation
        if "left_on" in positions:
            member["left_on"] = self._date(row, "left_on", values["left_on"])
        if person is not None:
            for key in ("phone", "function"):
                if values.get(key):
                    person.details[key] = values[key]
            if organisation and person.person is None:
                person.details.setdefault("organisation", organisation)
        if self.problems.count > count or body is None:
            return
        who = id(person) if person else organisation
        key = (id(body), who, member["joined_on"])
        if key in self.member_rows:
            self.add(
                _("this membership is in row %(row)d already")
                % {"row": self.member_rows[key]},
                row,
                "body",
            )
            return
        self.member_rows[key] = row
        if isinstance(body, BodyPlan):
            body.members += 1
        self.members.append(
            MemberPlan(row=row, at=self.at, body=body, person=person, values=member)
        )

    def resolve_parents(self) -> None:
        for plan in self.bodies.values():
            if not plan.parent:
                continue
            parent: Any = self.bodies.get(fold(plan.parent))
            if parent is None:
                found = self.existing.get(fold(plan.parent), [])
                parent = found[0] if len(found) == 1 else None
            if parent is None:
                self.add(
                    _("there is no body “%(name)s” in the file or in kette")
                    % {"name": plan.parent},
                    plan.row,
                    "parent",
                    plan.at,
                )
            plan.parent_plan = parent
