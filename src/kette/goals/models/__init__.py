from .goals import DEFAULT_LEVEL_NAMES, Goal, GoalLevel, GoalStatus, Vision
from .measures import Measure, MeasureStatusChange, Recurrence
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
    "AssessmentState",
    "Goal",
    "GoalLevel",
    "GoalStatus",
    "Idea",
    "Measure",
    "MeasureStatusChange",
    "Perspective",
    "PerspectiveDecision",
    "QualityAssessment",
    "Rating",
    "Recurrence",
    "StandardRating",
    "Vision",
    "Vote",
    "VotingState",
    "Workshop",
    "WorkshopParticipant",
]
