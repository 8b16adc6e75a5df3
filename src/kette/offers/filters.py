"""What a search for offers asks: text, filters, order and page."""

from __future__ import annotations

from dataclasses import dataclass, field

FACETS = (
    "age_band",
    "life_phase",
    "field",
    "district",
    "language",
    "target_group",
    "free",
)
SORTS = ("relevance", "name")


@dataclass(frozen=True)
class OfferQuery:
    """A search. Codes are vocabulary codes; ``district`` includes its sub-districts."""

    text: str = ""
    age_months: int | None = None
    age_band: str = ""
    life_phase: str = ""
    field: str = ""
    district: str = ""
    language: str = ""
    target_group: str = ""
    free: bool | None = None
    sort: str = "relevance"
    page: int = 1
    page_size: int = 20
    public: bool = True  # only published offers

    def active_filters(self) -> dict[str, object]:
        values = {
            "age_band": self.age_band,
            "life_phase": self.life_phase,
            "field": self.field,
            "district": self.district,
            "language": self.language,
            "target_group": self.target_group,
            "free": self.free,
            "age_months": self.age_months,
        }
        return {k: v for k, v in values.items() if v not in ("", None)}


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class SearchPage:
    offer_ids: list = field(default_factory=list)
    count: int = 0
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    page: int = 1
    page_size: int = 20

    @property
    def pages(self) -> int:
        return max(1, -(-self.count // self.page_size))
