"""Models of the prevention monitoring (Präventionsmonitoring)."""

from .catalogue import (
    Indicator,
    IndicatorKind,
    Observation,
    ObservationStatus,
    Periodicity,
    Polarity,
    period_start,
)
from .indices import IndexDefinition, IndexVersion, MonitoringSettings

__all__ = [
    "IndexDefinition",
    "IndexVersion",
    "Indicator",
    "IndicatorKind",
    "MonitoringSettings",
    "Observation",
    "ObservationStatus",
    "Periodicity",
    "Polarity",
    "period_start",
]
