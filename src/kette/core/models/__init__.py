from .audit import AuditEntry
from .district import District, DistrictPopulation
from .municipality import Municipality, TenantModel, TenantQuerySet
from .organisation import LegalForm, Organisation
from .people import ApiToken, Membership, Role, User
from .vocabulary import (
    AgeBand,
    BodyType,
    FieldOfAction,
    Language,
    LifePhase,
    MeasureStatus,
    MeasureType,
    PreventionStandard,
    QualityStation,
    Sector,
    StationStandard,
    TargetGroup,
    VocabularyTerm,
)

__all__ = [
    "AgeBand",
    "ApiToken",
    "AuditEntry",
    "BodyType",
    "District",
    "DistrictPopulation",
    "FieldOfAction",
    "Language",
    "LegalForm",
    "LifePhase",
    "MeasureStatus",
    "MeasureType",
    "Membership",
    "Municipality",
    "Organisation",
    "PreventionStandard",
    "QualityStation",
    "Role",
    "Sector",
    "StationStandard",
    "TargetGroup",
    "TenantModel",
    "TenantQuerySet",
    "User",
    "VocabularyTerm",
]
