"""Small forms of the staff pages: list filters, review, synonyms, inventory."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from kette.core.forms import FILTER_CHOICE_ERRORS, TextFilter
from kette.core.models import Organisation

from ...models import OfferStatus, SearchSynonym
from ...services.synonyms import synonym_editable_fields


class OfferFilter(django_filters.FilterSet):
    """GET filters of the staff offer list (validated, bookmarkable).

    ``organisations`` are those the user keeps offers of: another one is no
    choice.
    """

    q = TextFilter("title", _("Title contains"))
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=OfferStatus.choices,
        empty_label=_("Every status"),
        error_messages=FILTER_CHOICE_ERRORS,
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"),
        empty_label=_("All organisations"),
        error_messages=FILTER_CHOICE_ERRORS,
    )

    def __init__(
        self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        self.filters["organisation"].queryset = organisations


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What should change?"),
        help_text=_("The editors of the offer see this comment."),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say what should change.")},
    )


class OfferEditOptions(forms.Form):
    """The checkbox only coordinators see."""

    publish = forms.BooleanField(
        label=_("Publish immediately, without review"), required=False
    )


class InventoryFilterForm(forms.Form):
    district = forms.ChoiceField(label=_("District"), required=False)

    def __init__(self, *args: Any, districts: Iterable, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [("", _("Whole municipality"))] + [
            (node.district.code, "\u2003" * node.depth + node.district.name)
            for node in districts
        ]

    def district_code(self) -> str:
        return self.cleaned_data["district"] if self.is_valid() else ""


class SynonymForm(forms.ModelForm):
    """Every editable field of a synonym; the services normalise and validate."""

    class Meta:
        model = SearchSynonym
        fields = synonym_editable_fields()
        widgets = {"alternatives": forms.Textarea(attrs={"rows": 3})}


class SynonymFilter(django_filters.FilterSet):
    """GET filter of the synonym list: the word or one of its alternatives."""

    q = TextFilter("term", _("Word contains"), method="word_contains")

    def word_contains(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(
            Q(term__icontains=value) | Q(alternatives__icontains=value)
        )
