from .goals import DEFAULT_LEVEL_NAMES, Goal, GoalLevel, GoalStatus, Vision
from .indicators import (
    Direction,
    GoalIndicator,
    IndicatorActual,
    IndicatorLevel,
    IndicatorTarget,
)
from .measures import Measure, MeasureStatusChange, Recurrence
from .reviews import ReviewMail, ReviewRequest, ReviewRound
from .quality import AssessmentState, QualityAssessment, Rating, StandardRating
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
    "Direction",
    "AssessmentState",
    "Goal",
    "GoalIndicator",
    "GoalLevel",
    "GoalStatus",
    "Idea",
    "IndicatorActual",
    "IndicatorLevel",
    "IndicatorTarget",
    "Measure",
    "MeasureStatusChange",
    "Perspective",
    "PerspectiveDecision",
    "QualityAssessment",
    "Rating",
    "Recurrence",
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
