from .bodies import Body, BodyMember, BodyStatus, MeetingRhythm, MemberRole, Topic
from .checklist import (
    ChecklistAnswer,
    ChecklistAssessment,
    ChecklistItem,
    ChecklistRating,
    ChecklistTheme,
)
from .meetings import (
    OPEN_ACTION_STATUSES,
    ActionItem,
    ActionStatus,
    AgendaItem,
    Meeting,
    Minutes,
    MinutesEntry,
    MinutesState,
)
from .people import Person
from .tasks import ActionItemReminder, ActionReminderKind

__all__ = [
    "OPEN_ACTION_STATUSES",
    "ActionItem",
    "ActionItemReminder",
    "ActionReminderKind",
    "ActionStatus",
    "AgendaItem",
    "Body",
    "BodyMember",
    "BodyStatus",
    "ChecklistAnswer",
    "ChecklistAssessment",
    "ChecklistItem",
    "ChecklistRating",
    "ChecklistTheme",
    "Meeting",
    "MeetingRhythm",
    "MemberRole",
    "Minutes",
    "MinutesEntry",
    "MinutesState",
    "Person",
    "Topic",
]
