"""Forms of the offer staff pages (see ``editor.py`` for the offer editor)."""

from .editor import OfferEditor
from .lists import (
    InventoryFilterForm,
    OfferEditOptions,
    OfferFilterForm,
    ReturnForm,
    SynonymFilterForm,
    SynonymForm,
)
from .offer import OfferForm, months_of

__all__ = [
    "InventoryFilterForm",
    "OfferEditOptions",
    "OfferEditor",
    "OfferFilterForm",
    "OfferForm",
    "ReturnForm",
    "SynonymFilterForm",
    "SynonymForm",
    "months_of",
]
