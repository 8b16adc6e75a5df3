"""Inviting a person into a municipality with a role, from the staff area.

A new person gets an account without a password and an e-mail with a signed
link (Django's password-reset token: it expires, and it is spent once the
password is set) to choose one; then they log in as everyone does. A person
who has an account already gets the role and an e-mail saying so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from .. import audit
from ..models import Membership, Municipality, Organisation, Role, User
from .accounts import membership_grant


@dataclass
class Invitation:
    user: User
    membership: Membership
    #: whether the e-mail holds a link to choose a password (a new account,
    #: or one whose password was never chosen)
    new_account: bool


def _person(*, email: str, first_name: str, last_name: str) -> tuple[User, bool]:
    """The account with this e-mail address, or a new one (not saved yet)."""
    found = list(User.objects.filter(email__iexact=email)[:2])
    if len(found) > 1:
        raise ValidationError(
            {
                "email": _(
                    "Several accounts use this e-mail address. Please ask the state "
                    "coordination office to give the role."
                )
            }
        )
    if found and not found[0].is_active:
        raise ValidationError(
            {
                "email": _(
                    "The account with this e-mail address is deactivated. Please "
                    "ask the state coordination office."
                )
            }
        )
    if found:
        return found[0], False
    username = email.lower()[:150]
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(
            {"email": _("An account with this user name exists already.")}
        )
    user = User(
        username=username, email=email, first_name=first_name, last_name=last_name
    )
    user.set_unusable_password()
    return user, True


@transaction.atomic
def invitation_send(
    *,
    actor: Any,
    municipality: Municipality,
    email: str,
    first_name: str,
    last_name: str,
    role: str,
    organisations: Iterable[Organisation] = (),
    site_url: str,
) -> Invitation:
    """Give the person with ``email`` the ``role`` in ``municipality`` and tell them.

    ``site_url`` (scheme and host) starts the links in the e-mail. Raises
    ``ValidationError`` by form field; then nothing is written or sent.
    """
    organisations = list(organisations)
    if role == Role.PROVIDER_EDITOR and not organisations:
        raise ValidationError(
            {"organisations": _("Choose the organisations whose offers they keep.")}
        )
    user, new_account = _person(
        email=email.strip(), first_name=first_name.strip(), last_name=last_name.strip()
    )
    # Someone invited before who never chose a password (nor logged in) gets
    # a new link: the old one may have expired, and "forgot password" mails
    # no account without a password. An account whose password login a state
    # admin switched off is not switched back on this way.
    needs_password = new_account or (
        not user.has_usable_password() and user.last_login is None
    )
    if new_account:
        user.full_clean(exclude=["password"])
        user.save()
        audit.record_created(actor=actor, instance=user)
    elif (
        not needs_password
        and Membership.objects.filter(
            user=user, municipality=municipality, role=role
        ).exists()
    ):
        raise ValidationError({"role": _("This person has this role here already.")})
    membership = membership_grant(
        actor=actor,
        user=user,
        municipality=municipality,
        role=role,
        organisations=organisations,
    )
    _notify(user, membership, new_account=needs_password, site_url=site_url)
    return Invitation(user=user, membership=membership, new_account=needs_password)


def _notify(
    user: User, membership: Membership, *, new_account: bool, site_url: str
) -> None:
    municipality = membership.municipality
    if new_account:
        link = reverse(
            "core:password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
    else:
        link = reverse("core:staff_dashboard", args=[municipality.slug])
    context = {
        "user": user,
        "municipality": municipality,
        "role": membership.get_role_display(),
        "link": site_url.rstrip("/") + link,
        "username": user.get_username(),
        "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
    }
    template = "invitation_new" if new_account else "invitation_role"
    send_mail(
        subject=_("Your access to the prevention chain of %(place)s")
        % {"place": municipality.name},
        message=render_to_string(f"kette_core/emails/{template}.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )
