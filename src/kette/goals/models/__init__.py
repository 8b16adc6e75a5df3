from .deadlines import CalendarFeedKey, MeasureReminder, ReminderKind
from .goals import DEFAULT_LEVEL_NAMES, Goal, GoalLevel, GoalStatus, Vision
from .indicators import (
    Direction,
    GoalIndicator,
    IndicatorActual,
    IndicatorLevel,
    IndicatorTarget,
)
from .measures import BalanceCount, Measure, MeasureStatusChange, Recurrence
from .quality import AssessmentState, QualityAssessment, Rating, StandardRating
from .reviews import ReviewMail, ReviewRequest, ReviewRound
from .workshops import (
    Idea,
    Perspective,
    PerspectiveDecision,
    Vote,
    VotingState,
    Workshop,
    WorkshopParticipant,
)

__all__ = [
    "DEFAULT_LEVEL_NAMES",
    "AssessmentState",
    "BalanceCount",
    "CalendarFeedKey",
    "Direction",
    "Goal",
    "GoalIndicator",
    "GoalLevel",
    "GoalStatus",
    "Idea",
    "IndicatorActual",
    "IndicatorLevel",
    "IndicatorTarget",
    "Measure",
    "MeasureReminder",
    "MeasureStatusChange",
    "Perspective",
    "PerspectiveDecision",
    "QualityAssessment",
    "Rating",
    "Recurrence",
    "ReminderKind",
    "ReviewMail",
    "ReviewRequest",
    "ReviewRound",
    "StandardRating",
    "Vision",
    "Vote",
    "VotingState",
    "Workshop",
    "WorkshopParticipant",
]
