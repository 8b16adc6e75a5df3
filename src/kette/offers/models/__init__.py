from .offer import CostKind, Offer, OfferStatus
from .parts import OfferContact, OfferLocation, OfferSchedule, ScheduleKind
from .review import OfferRevision, RevisionState
from .synonyms import SearchSynonym

__all__ = [
    "CostKind",
    "Offer",
    "OfferContact",
    "OfferLocation",
    "OfferRevision",
    "OfferSchedule",
    "OfferStatus",
    "RevisionState",
    "ScheduleKind",
    "SearchSynonym",
]
