"""The public search form of the offer directory (Wegweiser).

Everything arrives by GET from links and forms people bookmark, share and
type by hand, so nothing here raises: a value the search cannot use is left
out and a friendly note says so. ``DirectorySearch.query`` is the
``OfferQuery`` for ``kette.offers.selectors.public.search_offers``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kette.core.models import (
    AgeBand,
    FieldOfAction,
    Language,
    LifePhase,
    Municipality,
    TargetGroup,
)
from kette.core.pagination import page_notice

from ..ages import (
    COMMON_AGES,
    EXPECTING,
    MAX_YEARS,
    PREGNANCY_MONTHS,
    common_age_choices,
)
from ..filters import SORTS, OfferQuery
from ..search.terms import search_districts, search_terms

PAGE_SIZE = 20
PRINT_LIMIT = 300
MAX_TEXT = 200
MAX_PAGE = 10_000

# Facet parameters and the vocabulary their codes come from.
CODE_FILTERS = {
    "age_band": AgeBand,
    "life_phase": LifePhase,
    "field": FieldOfAction,
    "language": Language,
    "target_group": TargetGroup,
}
FILTER_LABELS = {
    "age_band": gettext_lazy("Age group"),
    "life_phase": gettext_lazy("Life phase"),
    "field": gettext_lazy("Field of action"),
    "district": gettext_lazy("District"),
    "language": gettext_lazy("Language"),
    "target_group": gettext_lazy("Target group"),
    "free": gettext_lazy("Cost"),
}
# Every parameter that sets the child's age: removing the age removes them all.
AGE_PARAMETERS = ("child", "years", "months", "age_months")
TRUE_WORDS = {"true", "1", "yes", "on", "ja"}
FALSE_WORDS = {"false", "0", "no", "off", "nein"}


class SearchForm(forms.Form):
    """The fields of the search box and the age input, for rendering the form."""

    q = forms.CharField(
        label=gettext_lazy("What are you looking for?"),
        required=False,
        max_length=MAX_TEXT,
        help_text=gettext_lazy("e.g. Hebamme, Kita, Hausaufgabenhilfe, Sport"),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    child = forms.ChoiceField(
        label=gettext_lazy("My child is …"), required=False, choices=()
    )
    years = forms.IntegerField(
        label=gettext_lazy("years"), required=False, min_value=0, max_value=MAX_YEARS
    )
    months = forms.IntegerField(
        label=gettext_lazy("months"), required=False, min_value=0, max_value=11
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["child"].choices = common_age_choices()


@dataclass
class DirectorySearch:
    """A request's search: the query, and notes on what was left out of it."""

    query: OfferQuery
    notes: list[str] = field(default_factory=list)
    asked_page: str = ""  # the page parameter as given, for the notice

    def with_page(self, page: int, page_size: int | None = None) -> OfferQuery:
        return replace(
            self.query, page=page, page_size=page_size or self.query.page_size
        )

    def params(self) -> dict[str, str]:
        """The search as canonical query parameters (without the page)."""
        query = self.query
        params = {"q": query.text}
        if query.age_months is not None:
            params["age_months"] = str(query.age_months)
        for name in (*CODE_FILTERS, "district"):
            params[name] = getattr(query, name)
        if query.free is not None:
            params["free"] = "true" if query.free else "false"
        if query.sort != "relevance":
            params["sort"] = query.sort
        return {name: value for name, value in params.items() if value}

    def form(self) -> SearchForm:
        """The search form showing this search; the age in the select if it is
        one of its ages, else as years and months."""
        months = self.query.age_months
        initial: dict[str, Any] = {"q": self.query.text}
        if months is not None:
            if months < 0:
                initial["child"] = EXPECTING
            elif months in COMMON_AGES:
                initial["child"] = str(months)
            else:
                initial["years"], initial["months"] = divmod(months, 12)
        return SearchForm(initial=initial)


def _first(data: QueryDict, name: str) -> str:
    return (data.get(name) or "").strip()


def _integer(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        return None


def _age(data: QueryDict, notes: list[str]) -> int | None:
    """The child's age in months: exact years/months, else the select, else
    ``age_months`` (the API's name, for links)."""
    years_text, months_text = _first(data, "years"), _first(data, "months")
    if years_text or months_text:
        years = _integer(years_text) if years_text else 0
        months = _integer(months_text) if months_text else 0
        if years is None or months is None:
            notes.append(
                _("The age “%(value)s” was not understood and is left out.")
                % {"value": " ".join(t for t in (years_text, months_text) if t)}
            )
        elif not (0 <= years <= MAX_YEARS and 0 <= months <= 11):
            notes.append(
                _(
                    "Give the age as 0 to %(max)d years and 0 to 11 months; "
                    "the age was left out."
                )
                % {"max": MAX_YEARS}
            )
        else:
            return years * 12 + months
    child = _first(data, "child")
    if child == EXPECTING:
        return PREGNANCY_MONTHS
    if child:
        months = _integer(child)
        if months is not None and 0 <= months <= MAX_YEARS * 12:
            return months
        notes.append(_("The age “%(value)s” was not understood.") % {"value": child})
    raw = _first(data, "age_months")
    if raw:
        months = _integer(raw)
        if months is not None and -9 <= months <= MAX_YEARS * 12:
            return months
        notes.append(_("The age “%(value)s” was not understood.") % {"value": raw})
    return None


def _unknown(name: str, value: str) -> str:
    return _("The filter “%(filter)s: %(value)s” is unknown here and is left out.") % {
        "filter": FILTER_LABELS.get(name, name),
        "value": value,
    }


def _codes(
    data: QueryDict, municipality: Municipality, notes: list[str]
) -> dict[str, str]:
    """The facet codes that exist (the vocabularies and districts held in
    memory, see ``search.terms``)."""
    codes = {}
    terms = search_terms()
    for name in CODE_FILTERS:
        code = _first(data, name)
        if not code:
            continue
        term = terms[name].get(code)
        if term is not None and term.is_active:
            codes[name] = code
        else:
            notes.append(_unknown(name, code))
    code = _first(data, "district")
    if code:
        if code in search_districts(municipality).below:
            codes["district"] = code
        else:
            notes.append(_unknown("district", code))
    return codes


def _free(data: QueryDict, notes: list[str]) -> bool | None:
    value = _first(data, "free").lower()
    if not value:
        return None
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    notes.append(_unknown("free", value))
    return None


def parse_search(
    data: QueryDict, *, municipality: Municipality, page_size: int = PAGE_SIZE
) -> DirectorySearch:
    """Read a directory search from query parameters; never raises on bad input."""
    notes: list[str] = []
    text = _first(data, "q")
    if len(text) > MAX_TEXT:
        text = text[:MAX_TEXT]
        notes.append(
            _("The search text was shortened to %(n)d characters.") % {"n": MAX_TEXT}
        )
    age_months = _age(data, notes)
    codes = _codes(data, municipality, notes)
    sort = _first(data, "sort") or "relevance"
    if sort not in SORTS:
        notes.append(
            _("Unknown order “%(value)s”; sorted by relevance.") % {"value": sort}
        )
        sort = "relevance"
    asked_page = _first(data, "page")
    page = _integer(asked_page or "1")
    if page is None or page < 1:
        notes.append(page_notice(asked_page, 1, 1))
        page = 1
    page = min(page, MAX_PAGE)
    query = OfferQuery(
        text=text,
        age_months=age_months,
        free=_free(data, notes),
        sort=sort,
        page=page,
        page_size=page_size,
        public=True,
        **codes,
    )
    return DirectorySearch(query=query, notes=notes, asked_page=asked_page)
