from .offer import CostKind, Offer, OfferStatus
from .parts import OfferContact, OfferLocation, OfferSchedule, ScheduleKind
from .review import OfferRevision, RevisionState
from .search import OfferSearchEntry, OfferSearchTerm, SearchIndexState
from .synonyms import SearchSynonym

__all__ = [
    "CostKind",
    "Offer",
    "OfferContact",
    "OfferLocation",
    "OfferRevision",
    "OfferSchedule",
    "OfferSearchEntry",
    "OfferSearchTerm",
    "OfferStatus",
    "RevisionState",
    "ScheduleKind",
    "SearchIndexState",
    "SearchSynonym",
]
