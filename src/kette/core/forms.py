"""Forms of the web shell: they parse and validate input, services write it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import django_filters
from django import forms
from django.apps import apps
from django.contrib.auth.forms import (
    AdminPasswordChangeForm,
    PasswordChangeForm,
    SetPasswordForm,
)
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from . import selectors
from .importers.limits import MaxUploadSize
from .models import ApiToken, Organisation, Role
from .models.organisation import ORGANISATION_EDITABLE_FIELDS
from .services import accounts

AUTOCOMPLETE = {
    "name": "organization",
    "street": "street-address",
    "postal_code": "postal-code",
    "city": "address-level2",
    "email": "email",
    "phone": "tel",
    "website": "url",
}


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's validation error on the form fields it names.

    Errors on fields the form does not have become errors of the whole form,
    so nothing a service rejects is ever lost on the way to the page.
    """
    if hasattr(error, "error_dict"):
        for name, messages in error.error_dict.items():
            target = name if name in form.fields else None
            for message in messages:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def _formfield(db_field: models.Field, **kwargs) -> forms.Field | None:
    if isinstance(db_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return db_field.formfield(**kwargs)


class OrganisationForm(forms.ModelForm):
    """Create or edit an organisation (Träger); the municipality comes from the URL."""

    class Meta:
        model = Organisation
        fields = ORGANISATION_EDITABLE_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        formfield_callback = _formfield

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].queryset = selectors.sector_list()
        self.fields["sector"].empty_label = _("– please choose –")
        self.fields["website"].help_text = _("For example https://www.example.org")
        for name, token in AUTOCOMPLETE.items():
            self.fields[name].widget.attrs["autocomplete"] = token

    fieldsets = (
        (_("About the organisation"), ("name", "legal_form", "sector", "description")),
        (
            _("Address and contact"),
            ("street", "postal_code", "city", "email", "phone", "website"),
        ),
        (_("State-wide organisations"), ("statewide_key",)),
    )

    def grouped_fields(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(legend, [self[n] for n in names]) for legend, names in self.fieldsets]

    def service_fields(self) -> dict:
        """The cleaned values as keyword arguments of the organisation services."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


# A filter value that is no choice (an old bookmark, an edited address) is
# named at its field; the list is filtered by the other fields only.
FILTER_CHOICE_ERRORS = {
    "invalid_choice": _(
        "There is no such choice (any more); the list is not filtered by it."
    )
}


class TextFilter(django_filters.CharFilter):
    """The "contains" search box of a staff list."""

    def __init__(self, field_name: str, label: Any, **kwargs: Any):
        super().__init__(
            field_name=field_name,
            lookup_expr="icontains",
            label=label,
            max_length=100,
            widget=forms.TextInput(attrs={"type": "search"}),
            **kwargs,
        )


def sector_choices() -> list[tuple[str, str]]:
    return [(sector.code, sector.label) for sector in selectors.sector_list()]


class OrganisationFilter(django_filters.FilterSet):
    """GET filters of the staff organisation list (validated, bookmarkable)."""

    q = TextFilter("name", _("Name contains"))
    sector = django_filters.ChoiceFilter(
        field_name="sector__code",
        label=_("Sector"),
        choices=sector_choices,
        empty_label=_("All sectors"),
        error_messages=FILTER_CHOICE_ERRORS,
    )


class MemberFilter(django_filters.FilterSet):
    """GET filters of the members list: a name, and a role the person holds
    (their other roles stay listed)."""

    q = TextFilter("user", _("Name contains"), method="name_contains")
    role = django_filters.ChoiceFilter(
        label=_("Role"),
        choices=Role.choices,
        empty_label=_("Every role"),
        error_messages=FILTER_CHOICE_ERRORS,
        method="holds_role",
    )

    def name_contains(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(
            Q(user__first_name__icontains=value)
            | Q(user__last_name__icontains=value)
            | Q(user__username__icontains=value)
        )

    def holds_role(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(user__in=queryset.filter(role=value).values("user"))


def object_type_label(label: str) -> str:
    """A model label such as ``kette_core.Organisation`` as its verbose name."""
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return label
    return str(model._meta.verbose_name).capitalize()


class AuditFilter(django_filters.FilterSet):
    """GET filters of the change log: the kinds of object and people in it."""

    object_type = django_filters.ChoiceFilter(
        label=_("Kind of object"),
        empty_label=_("All kinds"),
        error_messages=FILTER_CHOICE_ERRORS,
    )
    actor = django_filters.ChoiceFilter(
        field_name="actor_name",
        label=_("Person"),
        empty_label=_("Everyone"),
        error_messages=FILTER_CHOICE_ERRORS,
    )

    def __init__(
        self, *args: Any, object_types: Iterable[str], actors: Iterable[str], **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.filters["object_type"].extra["choices"] = sorted(
            ((t, object_type_label(t)) for t in object_types), key=lambda c: c[1]
        )
        self.filters["actor"].extra["choices"] = [(a, a) for a in actors]


class TokenForm(forms.Form):
    """A six-digit code from an authenticator app."""

    otp_token = forms.CharField(
        label=_("Six-digit code"),
        help_text=_("Open your authenticator app and type the code it shows now."),
        max_length=9,
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "size": 9,
                "class": "input-code",
            }
        ),
    )

    def clean_otp_token(self) -> str:
        token = "".join(self.cleaned_data["otp_token"].split())
        if not (len(token) == 6 and token.isdigit()):
            raise ValidationError(_("Enter the six digits your app shows."))
        return token


class AuditedPasswordMixin:
    """Django's password forms, setting the password through ``password_set``.

    ``password_actor`` is who sets the password; None means the user.
    """

    password_actor: Any = None

    def set_password_and_save(
        self,
        user,
        password_field_name="password1",  # noqa: S107 (a field name, as in Django)
        commit=True,
    ):
        if not commit:
            return super().set_password_and_save(user, password_field_name, commit)
        # The admin's form can also switch password login off.
        usable = self.cleaned_data.get("set_usable_password", True)
        accounts.password_set(
            actor=self.password_actor or user,
            user=user,
            raw_password=self.cleaned_data[password_field_name] if usable else None,
        )
        return user


class AuditedPasswordChangeForm(AuditedPasswordMixin, PasswordChangeForm):
    """Change one's own password (needs the old one)."""


class AuditedSetPasswordForm(AuditedPasswordMixin, SetPasswordForm):
    """Set a new password after following the link of a password reset."""


class AuditedAdminPasswordChangeForm(AuditedPasswordMixin, AdminPasswordChangeForm):
    """A state admin sets someone's password."""


class KeptFileForm(forms.Form):
    """An import form whose ``file`` may come from the preview before.

    The file is required (and marked so) until a preview has kept one; only
    then may it be left empty, and only then is it shown as optional.
    """

    missing_file = _("Choose a file.")

    def __init__(self, *args: Any, kept: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["file"]
        field.required = not kept
        field.error_messages["required"] = self.missing_file


class DistrictImportForm(KeptFileForm):
    """Options of a GeoJSON district import; the file may come from a preview."""

    missing_file = _("Choose a GeoJSON file.")
    file = forms.FileField(
        label=_("GeoJSON file"),
        validators=[MaxUploadSize()],
        help_text=_(
            "A FeatureCollection of polygons in WGS 84 (longitude/latitude). "
            "After a preview the file is kept; choose it again only to replace it."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".geojson,.json,application/geo+json,application/json"}
        ),
    )
    code_field = forms.CharField(
        label=_("Property with the code"), max_length=100, initial="code"
    )
    name_field = forms.CharField(
        label=_("Property with the name"), max_length=100, initial="name"
    )
    parent_field = forms.CharField(
        label=_("Property with the parent's code"),
        max_length=100,
        required=False,
        help_text=_("Leave empty when all areas are on one level."),
    )
    level_name_field = forms.CharField(
        label=_("Property with the kind of area"),
        max_length=100,
        required=False,
        help_text=_("e.g. a property holding 'Stadtteil' or 'Planungsraum'."),
    )
    fix = forms.BooleanField(
        label=_("Repair invalid geometries and report what was repaired"),
        required=False,
    )


class ApiTokenForm(forms.Form):
    """A new API token of the person themselves: what for, what it may, how long."""

    VALIDITY = [
        ("30", _("30 days")),
        ("90", _("90 days")),
        ("365", _("1 year")),
        ("0", _("until revoked")),
    ]

    name = forms.CharField(
        label=_("What is the token for?"),
        help_text=_("A name you will recognise it by, e.g. GIS export."),
        max_length=100,
    )
    scope = forms.ChoiceField(
        label=_("The token may"),
        choices=ApiToken.Scope.choices,
        initial=ApiToken.Scope.READ,
    )
    valid_days = forms.TypedChoiceField(
        label=_("Valid for"),
        choices=VALIDITY,
        coerce=int,
        initial="90",
        help_text=_("A token also stops working when your password changes."),
    )
