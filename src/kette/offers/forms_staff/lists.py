"""Small forms of the staff pages: list filters, review, synonyms, inventory."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kette.core.models import Organisation

from ..models import OfferStatus, SearchSynonym
from ..services.synonyms import synonym_editable_fields


class OfferFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Title contains"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    organisation = forms.TypedChoiceField(
        label=_("Organisation"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, organisations: Iterable[Organisation], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Every status"))] + list(
            OfferStatus.choices
        )
        self.fields["organisation"].choices = [("", _("All organisations"))] + [
            (o.pk, o.name) for o in organisations
        ]

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        return {
            "text": self.cleaned_data["q"].strip(),
            "status": self.cleaned_data["status"],
            "organisation_id": self.cleaned_data["organisation"],
        }


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


class SynonymFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Word contains"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    def text(self) -> str:
        return self.cleaned_data["q"].strip() if self.is_valid() else ""
