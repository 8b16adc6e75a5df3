"""Demo users: one per role in Musterstadt, a state admin, Kleinhausen's coordinator.

Passwords are not in the repository: each is derived from the installation's
SECRET_KEY and the username, so every run gives the same logins and no two
installations share them. So is the authenticator key of each login whose role
requires two-factor login (coordinators and the state admin by default): the
login table prints it for an authenticator app, and ``kette demo_code USERNAME``
prints the current code for those who have no app at hand.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import NamedTuple

from django.conf import settings
from django.utils.translation import gettext as _

from .. import audit
from ..models import Organisation, Role, User
from ..services import otp
from ..services.accounts import membership_grant
from .registry import DemoContext, DemoLogin, register

# 32 letters and digits without the look-alikes l, o, 0 and 1.
READABLE_CHARACTERS = "abcdefghijkmnpqrstuvwxyz23456789"


class DemoUser(NamedTuple):
    username: str
    first_name: str
    last_name: str
    email_domain: str
    municipality: str = ""  # slug; empty for the state admin
    role: str = ""
    organisations: tuple[str, ...] = ()
    is_state_admin: bool = False


DEMO_USERS = (
    DemoUser(
        "koordination", "Sabine", "Brandt", "musterstadt", "musterstadt",
        Role.COORDINATOR,
    ),
    DemoUser(
        "planung", "Murat", "Yılmaz", "musterstadt", "musterstadt", Role.PLANNER
    ),
    DemoUser(
        "netzwerk", "Katharina", "Lehmann", "musterstadt", "musterstadt",
        Role.NETWORK_LEAD,
    ),
    DemoUser(
        "traeger", "Thomas", "Becker", "awo-musterstadt", "musterstadt",
        Role.PROVIDER_EDITOR,
        (
            "AWO Kreisverband Musterstadt e.V.",
            "AWO-Familienzentrum Sonnenschein",
            "Kinder- und Jugendhaus Hafenviertel gGmbH",
        ),
    ),
    DemoUser(
        "land", "Petra", "Hoffmann", "landeskoordination-nrw", is_state_admin=True
    ),
    DemoUser(
        "kleinhausen", "Jonas", "Krüger", "kleinhausen", "kleinhausen",
        Role.COORDINATOR,
    ),
)  # fmt: skip


def demo_password(username: str, *, secret: str | None = None) -> str:
    """The demo login's password: HMAC-SHA256(SECRET_KEY, username), readable.

    Three groups of four characters (60 bits), e.g. ``k7dp-xm3q-a9ve``.
    """
    key = (settings.SECRET_KEY if secret is None else secret).encode()
    digest = hmac.new(key, f"kette-demo:{username}".encode(), hashlib.sha256).digest()
    # 256 is a multiple of 32, so every character is equally likely.
    chars = "".join(READABLE_CHARACTERS[byte % 32] for byte in digest[:12])
    return "-".join(chars[i : i + 4] for i in range(0, 12, 4))


def demo_totp_key(username: str, *, secret: str | None = None) -> str:
    """The demo login's authenticator key (hex, 160 bits), like its password
    derived from SECRET_KEY and the username."""
    key = (settings.SECRET_KEY if secret is None else secret).encode()
    message = f"kette-demo-totp:{username}".encode()
    return hmac.new(key, message, hashlib.sha256).digest()[:20].hex()


def _user(context: DemoContext, person: DemoUser, password: str) -> User:
    user = User.objects.filter(username=person.username).first()
    created = user is None
    if created:
        user = User(username=person.username)
    before = None if created else audit.snapshot(user)
    user.first_name = person.first_name
    user.last_name = person.last_name
    user.email = f"{person.username}@{person.email_domain}.example"
    user.is_active = True
    user.is_state_admin = person.is_state_admin
    # The state admin works in the Django admin as well.
    user.is_staff = person.is_state_admin
    # Hashing is slow on purpose: only hash when the stored one does not match.
    new_password = not user.check_password(password)
    if new_password:
        user.set_password(password)
    if created:
        user.full_clean()
        user.save()
        context.record_created(user)
    elif new_password or audit.snapshot(user) != before:
        user.full_clean()
        user.save()
        context.record_updated(user, before)
    return user


@register(order=30)
def build_people(context: DemoContext) -> None:
    for person in DEMO_USERS:
        password = demo_password(person.username)
        user = _user(context, person, password)
        context.users[person.username] = user
        municipality = context.municipalities.get(person.municipality)
        if municipality is not None:
            membership_grant(
                actor=None,
                actor_name="demo",
                user=user,
                municipality=municipality,
                role=person.role,
                organisations=Organisation.objects.for_municipality(
                    municipality
                ).filter(name__in=person.organisations),
            )
        totp_key = ""
        if otp.totp_required(user=user):
            device = otp.totp_install(
                user=user, key=demo_totp_key(person.username), actor_name="demo"
            )
            totp_key = otp.totp_secret_base32(device)
        role = Role(person.role).label if person.role else _("state admin")
        context.logins.append(
            DemoLogin(
                username=person.username,
                password=password,
                role=str(role),
                municipality=municipality,
                totp_key=totp_key,
            )
        )
    context.say(_("Users: %(count)d") % {"count": len(DEMO_USERS)})
