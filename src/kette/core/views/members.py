"""Inviting people into a municipality and taking roles away (staff area)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import selectors
from ..forms import add_service_errors
from ..forms_setup import InvitationForm
from ..models import Membership
from ..services.accounts import membership_revoke
from ..services.invitations import invitation_send
from ..tenancy import municipality_view


@municipality_view("core.manage_memberships")
@require_http_methods(["GET", "POST"])
def member_invite(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality
    form = InvitationForm(
        request.POST or None,
        organisations=selectors.organisation_list(municipality=municipality),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation = invitation_send(
                actor=request.user,
                municipality=municipality,
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                role=data["role"],
                organisations=data["organisations"],
                site_url=request.build_absolute_uri("/"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            text = (
                _(
                    "%(name)s has been invited as %(role)s and gets an e-mail "
                    "with a link to choose a password."
                )
                if invitation.new_account
                else _(
                    "%(name)s now has the role %(role)s and has been told by e-mail."
                )
            )
            messages.success(
                request,
                text
                % {
                    "name": invitation.user.display_name,
                    "role": invitation.membership.get_role_display(),
                },
            )
            return redirect("core:staff_membership_list", municipality.slug)
    return render(
        request,
        "kette_core/member_invite.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@municipality_view("core.manage_memberships")
@require_http_methods(["GET", "POST"])
def membership_remove(request: HttpRequest, membership_id: int) -> HttpResponse:
    municipality = request.municipality
    try:
        membership = selectors.membership_get(
            municipality=municipality, pk=membership_id
        )
    except Membership.DoesNotExist as exc:
        raise Http404(_("No such role here.")) from exc
    if membership.user_id == request.user.pk:
        messages.error(
            request,
            _("You cannot take away your own role; please ask another coordinator."),
        )
        return redirect("core:staff_membership_list", municipality.slug)
    if request.method == "POST":
        membership_revoke(actor=request.user, membership=membership)
        messages.success(
            request,
            _("%(name)s no longer has the role %(role)s.")
            % {
                "name": membership.user.display_name,
                "role": membership.get_role_display(),
            },
        )
        return redirect("core:staff_membership_list", municipality.slug)
    return render(
        request, "kette_core/membership_confirm_remove.html", {"membership": membership}
    )
