"""Forms of the offer staff pages (see ``editor.py`` for the offer editor)."""

from .editor import OfferEditor
from .lists import (
    InventoryFilterForm,
    OfferEditOptions,
    OfferFilter,
    ReturnForm,
    SynonymFilter,
    SynonymForm,
)
from .offer import OfferForm, months_of

__all__ = [
    "InventoryFilterForm",
    "OfferEditOptions",
    "OfferEditor",
    "OfferFilter",
    "OfferForm",
    "ReturnForm",
    "SynonymFilter",
    "SynonymForm",
    "months_of",
]
