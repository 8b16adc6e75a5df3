"""Forms of setting up: a new municipality, and inviting people into one."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from .models import Municipality, Role


class MunicipalityForm(forms.ModelForm):
    """A new municipality; the service fills in what is left empty."""

    class Meta:
        model = Municipality
        fields = ["name", "slug", "ags", "kind", "state"]
        help_texts = {
            "slug": _(
                "Lower-case letters, digits and hyphens, e.g. 'gelsenkirchen'. "
                "Leave empty to make it from the name."
            ),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["ags"].required = False
        self.fields["state"].required = False
        self.fields["state"].help_text = _("Leave empty to take it from the key.")

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("state") and not data.get("ags"):
            self.add_error("state", _("Choose the state (or enter the key)."))
        return data

    def _post_clean(self) -> None:
        # The service validates the complete municipality (slug from the name,
        # state from the key); validating the half-filled instance here would
        # report gaps the service fills.
        pass

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {key: data.get(key) or "" for key in self._meta.fields}


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations"),
        queryset=None,
        required=False,
        help_text=_(
            "Only for provider editors: the organisations whose offers they keep."
        ),
        # Checkboxes: a list box with several choices needs Ctrl-clicks that
        # nobody is told about.
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, organisations: QuerySet, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = organisations

    def clean(self) -> dict:
        data = super().clean()
        if data.get("organisations") and data.get("role") != Role.PROVIDER_EDITOR:
            self.add_error(
                "organisations",
                _("Only provider editors are bound to organisations."),
            )
        return data
