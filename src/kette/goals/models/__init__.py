from .goals import DEFAULT_LEVEL_NAMES, Goal, GoalLevel, GoalStatus, Vision
from .measures import Measure, MeasureStatusChange, Recurrence

__all__ = [
    "DEFAULT_LEVEL_NAMES",
    "Goal",
    "GoalLevel",
    "GoalStatus",
    "Measure",
    "MeasureStatusChange",
    "Recurrence",
    "Vision",
]
