"""``kette create_api_token USERNAME --name NAME [--scope read|full] [--days N]``."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kette.core.commands import KetteCommand
from kette.core.models import ApiToken, User
from kette.core.services.accounts import api_token_create


class Command(KetteCommand):
    help = gettext_lazy(
        "Create an API token for a user and print it once; only its hash is stored."
    )

    examples = (
        "kette create_api_token koordination --name GIS-Export --scope read --days 90",
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("username", help=_("The user the token acts as."))
        parser.add_argument(
            "--name", required=True, help=_("What the token is for, e.g. 'GIS export'.")
        )
        parser.add_argument(
            "--scope",
            choices=ApiToken.Scope.values,
            default=ApiToken.Scope.READ,
            help=_("read: GET only (the default); full: may also write."),
        )
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=_("Days until the token expires (default: never)."),
        )

    def handle(
        self,
        *args,
        username: str,
        name: str,
        scope: str,
        days: int | None,
        **options,
    ):
        if days is not None and days < 1:
            raise CommandError(_("--days must be at least 1."))
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist as exc:
            raise CommandError(
                _("There is no user %(username)s.") % {"username": username}
            ) from exc
        if not user.is_active:
            raise CommandError(
                _("The user %(username)s is inactive.") % {"username": username}
            )
        try:
            token, raw = api_token_create(
                actor=None,
                user=user,
                name=name,
                scope=scope,
                valid_days=days,
                actor_name="create_api_token (command line)",
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(raw)
        expiry = (
            _("expires %(date)s") % {"date": token.expires_at.isoformat()}
            if token.expires_at
            else _("does not expire")
        )
        self.stderr.write(
            _(
                "Token %(name)s for %(username)s created (%(scope)s, %(expiry)s). It "
                "is shown only now: store it safely. Send it as 'Authorization: "
                "Bearer <token>'. It stops working when the password of "
                "%(username)s changes."
            )
            % {
                "name": name,
                "username": username,
                "scope": token.get_scope_display(),
                "expiry": expiry,
            }
        )
