"""Reads of the Checkliste Netzwerkmanagement: the items by theme, an
assessment's result per theme, what changed since the previous assessment
of the same subject, and the course over time."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from kette.core.models import Municipality

from ..models import (
    ChecklistAnswer,
    ChecklistAssessment,
    ChecklistItem,
    ChecklistRating,
    ChecklistTheme,
)

#: What a rating counts towards the share of the theme that is in place.
RATING_SCORE = {
    ChecklistRating.YES: 1.0,
    ChecklistRating.PARTLY: 0.5,
    ChecklistRating.NO: 0.0,
}


def assessment_list(
    *, municipality: Municipality, body_id: int | None = None
) -> list[ChecklistAssessment]:
    assessments = ChecklistAssessment.objects.for_municipality(
        municipality
    ).select_related("body", "assessed_by")
    if body_id is not None:
        assessments = assessments.filter(body_id=body_id)
    return list(assessments)


def assessment_get(*, municipality: Municipality, pk: int) -> ChecklistAssessment:
    return (
        ChecklistAssessment.objects.for_municipality(municipality)
        .select_related("body", "assessed_by")
        .get(pk=pk)
    )


def latest_assessment(
    *,
    municipality: Municipality,
    body: object | None,
    before: ChecklistAssessment | None = None,
) -> ChecklistAssessment | None:
    """The latest assessment of the same subject (a body, or None for the
    network management), earlier than ``before`` if given."""
    assessments = ChecklistAssessment.objects.for_municipality(municipality).filter(
        body=body
    )
    if before is not None:
        assessments = assessments.filter(
            Q(assessed_on__lt=before.assessed_on)
            | Q(assessed_on=before.assessed_on, created_at__lt=before.created_at)
        )
    return assessments.order_by("-assessed_on", "-created_at").first()


def items_by_theme() -> list[tuple[ChecklistTheme, list[ChecklistItem]]]:
    """The active items grouped by their theme, in order."""
    groups: dict[int, tuple[ChecklistTheme, list[ChecklistItem]]] = {}
    items = ChecklistItem.objects.filter(is_active=True, theme__is_active=True)
    for item in items.select_related("theme").order_by("theme__position", "position"):
        groups.setdefault(item.theme_id, (item.theme, []))[1].append(item)
    return list(groups.values())


def rating_label(rating: str | None) -> str:
    """The rating in words; "not rated yet" for None."""
    return str(ChecklistRating(rating).label) if rating else str(_("not rated yet"))


@dataclass
class ItemRow:
    item: ChecklistItem
    answer: ChecklistAnswer | None

    @property
    def label(self) -> str:
        return self.item.label

    @property
    def answer_label(self) -> str:
        return rating_label(self.answer.rating if self.answer else None)

    @property
    def comment(self) -> str:
        return self.answer.comment if self.answer else ""


@dataclass
class ThemeResult:
    theme: ChecklistTheme
    counts: dict[str, int] = field(default_factory=dict)
    unrated: int = 0
    items: list[ItemRow] = field(default_factory=list)

    @property
    def share(self) -> int | None:
        """Percent of the theme in place (yes = 1, partly = ½, not applicable
        left out); None when nothing applicable is rated."""
        rated = sum(self.counts.get(rating, 0) for rating in RATING_SCORE)
        if not rated:
            return None
        score = sum(self.counts.get(r, 0) * value for r, value in RATING_SCORE.items())
        return round(100 * score / rated)


@dataclass
class Change:
    item: ChecklistItem
    before: str | None
    after: str | None

    @property
    def before_label(self) -> str:
        return rating_label(self.before)

    @property
    def after_label(self) -> str:
        return rating_label(self.after)


@dataclass
class Result:
    assessment: ChecklistAssessment
    themes: list[ThemeResult]
    answers: dict[int, ChecklistAnswer]
    previous: ChecklistAssessment | None
    changes: list[Change]

    @property
    def next_steps(self) -> list[ChecklistAnswer]:
        return [answer for answer in self.answers.values() if answer.next_step]


def _answers(assessment: ChecklistAssessment) -> dict[int, ChecklistAnswer]:
    return {
        answer.item_id: answer
        for answer in assessment.answers.select_related(
            "item", "item__theme", "next_step_person"
        )
    }


def result(assessment: ChecklistAssessment) -> Result:
    answers = _answers(assessment)
    themes = []
    for theme, items in items_by_theme():
        outcome = ThemeResult(theme=theme)
        for item in items:
            answer = answers.get(item.pk)
            outcome.items.append(ItemRow(item, answer))
            if answer is None:
                outcome.unrated += 1
            else:
                outcome.counts[answer.rating] = outcome.counts.get(answer.rating, 0) + 1
        themes.append(outcome)
    previous = latest_assessment(
        municipality=assessment.municipality, body=assessment.body, before=assessment
    )
    changes = []
    if previous is not None:
        earlier = {a.item_id: a.rating for a in previous.answers.all()}
        for _theme, items in items_by_theme():
            for item in items:
                now = answers[item.pk].rating if item.pk in answers else None
                if earlier.get(item.pk) != now:
                    changes.append(
                        Change(item=item, before=earlier.get(item.pk), after=now)
                    )
    return Result(assessment, themes, answers, previous, changes)


def course(
    *, municipality: Municipality, body_id: int | None
) -> tuple[list[ChecklistTheme], list[tuple[ChecklistAssessment, list[int | None]]]]:
    """Per assessment of one subject, oldest first: the share in place per theme."""
    assessments = ChecklistAssessment.objects.for_municipality(municipality).filter(
        body_id=body_id
    )
    themes = [theme for theme, _items in items_by_theme()]
    active = {
        item.pk: item.theme_id for _t, items in items_by_theme() for item in items
    }
    rows = []
    for assessment in assessments.order_by("assessed_on", "created_at"):
        per_theme = {theme.pk: ThemeResult(theme=theme) for theme in themes}
        for item_id, rating in assessment.answers.values_list("item_id", "rating"):
            if item_id in active:
                counts = per_theme[active[item_id]].counts
                counts[rating] = counts.get(rating, 0) + 1
        rows.append((assessment, [per_theme[theme.pk].share for theme in themes]))
    return themes, rows
