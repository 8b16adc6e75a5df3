"""The people networks are made of: contacts with or without an account.

Most members of a working body never sign in; a person is a contact of the
municipality (name, organisation, how to reach them), linked to a user when
they have one. Erasing a person (GDPR Art. 17) blanks their personal data
but keeps the row, so minutes and memberships that name them still read
"former member".
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kette.core.models import Organisation, TenantModel


class Person(TenantModel):
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100)
    function = models.CharField(
        _("function"),
        max_length=200,
        blank=True,
        help_text=_("e.g. head of the youth office"),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="network_people",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="network_people",
    )
    erased_at = models.DateTimeField(
        _("erased on"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name", "id"]
        indexes = [models.Index(fields=["municipality", "last_name"])]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "user"],
                condition=models.Q(user__isnull=False),
                name="network_person_unique_user",
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None

    @property
    def display_name(self) -> str:
        if self.is_erased:
            return str(_("former member"))
        return " ".join(part for part in (self.first_name, self.last_name) if part)
