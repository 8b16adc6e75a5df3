"""Importing SMART grids from XLSX (or CSV): a municipality's Word and Excel
grids moved in without retyping.

The columns are the export's (``grid_files.COLUMNS``), matched by their German
or English header, so an exported file imports again. A row names its goal by
number ("1.2") and/or title: a goal of that number, or else of that title
under the same parent, is used (and its texts updated where the row gives
them); otherwise a new goal is made, below the goal its number points to.
A row with a task is a measure of that goal: the goal's measure of the same
number is updated, otherwise a new one is added. All or nothing: every
problem is listed with file, row and column, and nothing is written unless
there is none. Writes go through the goal and measure services (audited).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kette.core.importers.problems import ProblemCollector
from kette.core.models import Municipality
from kette.monitoring.importers.spreadsheet import Table, read_table

from .grid_files import COLUMNS, column_choices, fold, header_names, parse_date
from .models import Goal, GoalLevel, Measure
from .selectors.goals import goal_outline
from .services import goals as goal_services
from .services import measures as measure_services
from .services.balance import balance_counts_deferred

CODE = re.compile(r"^\d+(?:\.\d+)*$")
EMAIL = re.compile(r"<([^<>@\s]+@[^<>\s]+)>\s*$")
GOAL_TEXTS = ("goal_title", "goal_description", "measurement_criteria")
MEASURE_KEYS = tuple(
    column.key
    for column in COLUMNS
    if column.key not in {"goal", *GOAL_TEXTS, "measure"}
)
# Service field names that have another name as a column.
SERVICE_FIELDS = {
    "on": "status_changed_on",
    "title": "goal_title",
    "description": "goal_description",
}
TEXTS = ("task", "responsibility_note", "cooperation_note", "schedule_note")
DATES = ("start", "due", "recurrence_until", "status_changed_on")


@dataclass
class GoalPlan:
    """A goal of the file: an existing one (``goal``) or one to create."""

    row: int
    code: str
    title: str
    parent: GoalPlan | None = None
    goal: Goal | None = None
    texts: dict[str, str] = field(default_factory=dict)
    measures: list[MeasurePlan] = field(default_factory=list)


@dataclass
class MeasurePlan:
    row: int
    number: int | None
    values: dict[str, Any]


@dataclass
class GoalSummary:
    code: str
    title: str
    new: bool
    measures: int


@dataclass
class GridImportResult:
    file: str
    goals_created: int = 0
    goals_updated: int = 0
    measures_created: int = 0
    measures_updated: int = 0
    goals: list[GoalSummary] = field(default_factory=list)


class _Reader:
    """Reads the table's rows into goal and measure plans, noting problems."""

    def __init__(self, municipality: Municipality, table: Table) -> None:
        self.municipality = municipality
        self.table = table
        self.problems = ProblemCollector(table.file, in_file_order=True)
        self.columns: dict[str, int] = {}
        self.headers: dict[str, str] = {}
        nodes = goal_outline(municipality=municipality)
        self.existing = {node.code: node.goal for node in nodes}
        self.existing_titles = {
            (node.goal.parent_id, fold(node.goal.title)): node.goal for node in nodes
        }
        self.depth = GoalLevel.objects.for_municipality(municipality).count() or 3
        self.plans: dict[str, GoalPlan] = {}
        self.by_title: dict[tuple[int | None, str], GoalPlan] = {}
        self.order: list[GoalPlan] = []
        self.choices = column_choices(municipality)

    def where(self, row: int):
        return self.table.where(row)

    def add(self, message: str, row: int | None, key: str | None = None) -> None:
        self.problems.add(
            message,
            row=self.where(row) if row is not None else self.table.where(),
            field=self.headers.get(key) if key else None,
        )

    # --- Header ---

    def read_header(self) -> bool:
        names = header_names()
        for index, text in enumerate(self.table.header):
            if not text:
                continue
            key = names.get(fold(text))
            if key is None:
                self.problems.add(
                    _("unknown column “%(name)s” (known columns: %(known)s)")
                    % {
                        "name": text,
                        "known": ", ".join(str(column.label) for column in COLUMNS),
                    },
                    row=self.table.where(1),
                    field=text,
                )
            elif key in self.columns:
                self.problems.add(
                    _("the column “%(name)s” appears twice") % {"name": text},
                    row=self.table.where(1),
                    field=text,
                )
            else:
                self.columns[key] = index
                self.headers[key] = text
        labels = {column.key: str(column.label) for column in COLUMNS}
        if "goal" not in self.columns and "goal_title" not in self.columns:
            self.problems.add(
                _("a column “%(number)s” or “%(title)s” is needed")
                % {"number": labels["goal"], "title": labels["goal_title"]},
                row=self.table.where(1),
            )
        if "task" not in self.columns and any(
            key in self.columns for key in MEASURE_KEYS
        ):
            self.problems.add(
                _("the column “%(task)s” is missing") % {"task": labels["task"]},
                row=self.table.where(1),
            )
        return not self.problems

    # --- Rows ---

    def read_rows(self) -> None:
        for number, cells in self.table.rows:
            values = {
                key: cells[index] if index < len(cells) else ""
                for key, index in self.columns.items()
            }
            plan = self._goal(number, values)
            if plan is None:
                continue
            if any(values.get(key) for key in (*MEASURE_KEYS, "measure")):
                measure = self._measure(number, values)
                if measure is not None:
                    self._add_measure(plan, measure)
            if self.problems.full:
                break

    def _goal(self, row: int, values: dict[str, str]) -> GoalPlan | None:
        code = values.get("goal", "")
        title = values.get("goal_title", "")
        texts = {
            key: values[key]
            for key in ("goal_description", "measurement_criteria")
            if values.get(key)
        }
        if code and not CODE.match(code):
            self.add(
                _("“%(code)s” is not a goal number such as 1 or 2.1") % {"code": code},
                row,
                "goal",
            )
            return None
        if code:
            plan = self.plans.get(code)
            if plan is None:
                plan = self._new_plan(row, code, title)
                if plan is None:
                    return None
            elif title and fold(title) != fold(plan.title):
                self.add(
                    _("goal %(code)s is called “%(title)s” in row %(row)d")
                    % {"code": code, "title": plan.title, "row": plan.row},
                    row,
                    "goal_title",
                )
        elif title:
            plan = self.by_title.get((None, fold(title))) or self._new_plan(
                row, "", title
            )
        else:
            self.add(_("the goal is missing (number or title)"), row, "goal_title")
            return None
        for key, text in texts.items():
            if plan.texts.get(key, text) != text:
                self.add(
                    _("goal %(code)s has another text here than in row %(row)d")
                    % {"code": plan.code or plan.title, "row": plan.row},
                    row,
                    key,
                )
            plan.texts[key] = text
        return plan

    def _new_plan(self, row: int, code: str, title: str) -> GoalPlan | None:
        parent = None
        existing = self.existing.get(code) if code else None
        if code and existing is None:
            parts = code.split(".")
            if len(parts) > self.depth:
                self.add(
                    _(
                        "goal %(code)s lies deeper than the %(count)d levels of the goals"
                    )
                    % {"code": code, "count": self.depth},
                    row,
                    "goal",
                )
                return None
            if len(parts) > 1:
                parent_code = ".".join(parts[:-1])
                parent = self.plans.get(parent_code)
                if parent is None and parent_code in self.existing:
                    parent = self._new_plan(row, parent_code, "")
                if parent is None:
                    self.add(
                        _(
                            "the goal above %(code)s (%(parent)s) is neither in the "
                            "file before this row nor in kette"
                        )
                        % {"code": code, "parent": parent_code},
                        row,
                        "goal",
                    )
                    return None
        if existing is None:
            parent_id = parent.goal.pk if parent and parent.goal else None
            if parent is None or parent.goal is not None:
                existing = self.existing_titles.get((parent_id, fold(title)))
        if existing is None and not title:
            self.add(_("a new goal needs a title"), row, "goal_title")
            return None
        plan = GoalPlan(
            row=row,
            code=code,
            title=existing.title if existing and not title else title,
            parent=parent,
            goal=existing,
        )
        if code:
            self.plans[code] = plan
        if parent is None:
            self.by_title[(None, fold(plan.title))] = plan
        self.order.append(plan)
        return plan

    def _choice(self, row: int, key: str, text: str) -> Any:
        """The value named ``text`` in column ``key``; None (and a problem)
        when there is none or more than one of that name."""
        found, what = self.choices[key]
        matches = found.get(fold(text), [])
        if len(matches) == 1:
            return matches[0]
        message = (
            _("“%(value)s” names more than one of %(what)s")
            if matches
            else _("“%(value)s” is none of %(what)s")
        )
        self.add(message % {"value": text, "what": what}, row, key)
        return None

    def _measure(self, row: int, values: dict[str, str]) -> MeasurePlan | None:
        count = self.problems.count
        fields: dict[str, Any] = {
            key: values[key] for key in TEXTS if key in self.columns
        }
        if not values.get("task"):
            self.add(_("the task is missing"), row, "task")
        number = None
        if values.get("measure"):
            try:
                number = int(values["measure"])
            except ValueError:
                self.add(
                    _("“%(value)s” is not a whole number")
                    % {"value": values["measure"]},
                    row,
                    "measure",
                )
        for key in DATES:
            if key not in self.columns:
                continue
            fields[key] = None
            if values[key]:
                try:
                    fields[key] = parse_date(values[key])
                except ValueError:
                    self.add(
                        _("“%(value)s” is not a date (e.g. 31.12.2026)")
                        % {"value": values[key]},
                        row,
                        key,
                    )
        for key in self.choices:
            text = values.get(key, "")
            if key == "responsible_person" and (address := EMAIL.search(text)):
                text = address.group(1)
            if key == "cooperation_partners":
                names = [name.strip() for name in re.split(r"[;\n]", text)]
                fields[key] = [self._choice(row, key, n) for n in names if n]
            elif text:
                fields[key] = self._choice(row, key, text)
            elif key in self.columns and key != "status":
                fields[key] = "" if key == "recurrence" else None
        if self.problems.count > count:
            return None
        return MeasurePlan(row=row, number=number, values=fields)

    def _add_measure(self, plan: GoalPlan, measure: MeasurePlan) -> None:
        if measure.number is not None and any(
            other.number == measure.number for other in plan.measures
        ):
            self.add(
                _("goal %(code)s has a measure %(number)d already in the file")
                % {"code": plan.code or plan.title, "number": measure.number},
                measure.row,
                "measure",
            )
            return
        plan.measures.append(measure)


class _Writer:
    """Writes the plans through the services; a refusal becomes a problem."""

    def __init__(self, reader: _Reader, actor: Any) -> None:
        self.reader = reader
        self.actor = actor
        self.result = GridImportResult(file=reader.table.file)
        self.created: set[int] = set()

    def _refused(self, error: ValidationError, row: int, default: str) -> None:
        messages = (
            error.message_dict.items()
            if hasattr(error, "error_dict")
            else [(default, error.messages)]
        )
        for name, texts in messages:
            name = SERVICE_FIELDS.get(name, name)
            key = name if name in self.reader.headers else default
            for text in texts:
                self.reader.add(text, row, key)

    def write(self) -> GridImportResult:
        written = []
        for plan in self.reader.order:
            try:
                self._goal(plan)
            except ValidationError as error:
                self._refused(error, plan.row, "goal_title")
                continue
            for measure in plan.measures:
                try:
                    self._measure(plan.goal, measure)
                except ValidationError as error:
                    self._refused(error, measure.row, "task")
            written.append(plan)
        codes = {
            node.goal.pk: node.code
            for node in goal_outline(municipality=self.reader.municipality)
        }
        self.result.goals = [
            GoalSummary(
                code=codes.get(plan.goal.pk, plan.code),
                title=plan.goal.title,
                new=plan.goal.pk in self.created,
                measures=len(plan.measures),
            )
            for plan in written
        ]
        return self.result

    def _goal(self, plan: GoalPlan) -> None:
        texts = {
            {"goal_description": "description"}.get(key, key): text
            for key, text in plan.texts.items()
        }
        if plan.goal is None:
            plan.goal = goal_services.goal_create(
                actor=self.actor,
                municipality=self.reader.municipality,
                title=plan.title,
                parent=plan.parent.goal if plan.parent else None,
                **texts,
            )
            self.created.add(plan.goal.pk)
            self.result.goals_created += 1
            return
        changed = {
            name: text
            for name, text in {"title": plan.title, **texts}.items()
            if text and getattr(plan.goal, name) != text
        }
        if changed:
            goal_services.goal_update(actor=self.actor, goal=plan.goal, **changed)
            self.result.goals_updated += 1

    def _measure(self, goal: Goal, plan: MeasurePlan) -> None:
        values = dict(plan.values)
        status = values.pop("status", None)
        on = values.pop("status_changed_on", None)
        existing = (
            Measure.objects.for_municipality(self.reader.municipality)
            .filter(goal=goal, number=plan.number)
            .first()
            if plan.number is not None and goal.pk not in self.created
            else None
        )
        if existing is None:
            measure_services.measure_create(
                actor=self.actor,
                goal=goal,
                status=status,
                on=on,
                **values,
            )
            self.result.measures_created += 1
            return
        measure_services.measure_update(actor=self.actor, measure=existing, **values)
        if status is not None and (
            status.pk != existing.status_id
            or (on is not None and on != existing.status_changed_on)
        ):
            measure_services.measure_status_update(
                actor=self.actor, measure=existing, status=status, on=on
            )
        self.result.measures_updated += 1


def grid_import(
    *,
    municipality: Municipality,
    path: Path,
    file: str,
    actor: Any,
    dry_run: bool = False,
    sheet: str | None = None,
) -> GridImportResult:
    """Import the grids in ``path`` (named ``file`` in messages).

    Raises ImportFailed listing every problem; then nothing is written. With
    ``dry_run`` everything is done and checked, then rolled back (the preview).
    """
    table = read_table(path, file, sheet=sheet)
    reader = _Reader(municipality, table)
    if reader.read_header():
        reader.read_rows()
    if reader.problems:
        raise reader.problems.failure()
    with transaction.atomic(), balance_counts_deferred():
        result = _Writer(reader, actor).write()
        if reader.problems:
            raise reader.problems.failure()
        if dry_run:
            transaction.set_rollback(True)
    return result
