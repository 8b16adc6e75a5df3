"""Inviting people with a role from the staff area, and taking roles away."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from kette.core.models import AuditEntry, Membership, Role, User
from tests.core.factories import OrganisationFactory, UserFactory, user_with_role

pytestmark = pytest.mark.django_db

INVITE = "/musterstadt/intern/mitglieder/einladen/"


def invite(client, url=INVITE, **fields):
    data = {
        "email": "neu@example.org",
        "first_name": "Nora",
        "last_name": "Neu",
        "role": Role.PLANNER,
        **fields,
    }
    return client.post(url, data)


def test_a_coordinator_invites_a_new_person_who_sets_a_password_and_logs_in(
    client, municipality, coordinator
):
    client.force_login(coordinator)
    response = invite(client)
    assert response.status_code == 302
    assert response["Location"] == "/musterstadt/intern/mitglieder/"
    person = User.objects.get(email="neu@example.org")
    assert not person.has_usable_password()
    assert Membership.objects.get(user=person).role == Role.PLANNER
    audited = set(
        AuditEntry.objects.filter(actor=coordinator).values_list(
            "object_type", "action"
        )
    )
    assert audited == {
        ("kette_core.User", "create"),
        ("kette_core.Membership", "create"),
    }
    assert "Nora Neu" in client.get("/musterstadt/intern/mitglieder/").content.decode()

    [message] = mail.outbox
    assert message.to == ["neu@example.org"]
    assert "Musterstadt" in message.subject
    link = re.search(r"https?://[^/\s]+(/passwort-neu/\S+/)", message.body).group(1)
    client.logout()
    form_page = client.get(link, follow=True)
    assert 'name="new_password1"' in form_page.content.decode()
    password = "mein-erstes-Passwort-42"
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": password, "new_password2": password},
    )
    # Setting the password does not log in: the normal login follows.
    assert done["Location"] == "/passwort-neu/fertig/"
    assert "_auth_user_id" not in client.session
    login = client.post(
        "/anmelden/", {"username": person.username, "password": password}
    )
    assert login.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)
    # The link is spent.
    client.logout()
    again = client.get(link, follow=True)
    assert 'name="new_password1"' not in again.content.decode()


def test_an_invited_coordinator_sets_up_two_factor_login_at_the_first_login(
    client, municipality, coordinator
):
    client.force_login(coordinator)
    invite(client, role=Role.COORDINATOR)
    link = re.search(r"https?://[^/\s]+(/passwort-neu/\S+/)", mail.outbox[0].body)
    client.logout()
    form_page = client.get(link.group(1), follow=True)
    password = "mein-erstes-Passwort-42"
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": password, "new_password2": password},
    )
    login = client.post(
        "/anmelden/", {"username": "neu@example.org", "password": password}
    )
    # The normal login takes over: the role requires an authenticator app first.
    assert login["Location"] == reverse("core:login_enrol")
    assert "_auth_user_id" not in client.session


def test_an_existing_account_gets_the_role_and_a_notice(
    client, municipality, coordinator
):
    person = UserFactory(email="Erika@Example.org")
    client.force_login(coordinator)
    response = invite(client, email="erika@example.org", role=Role.NETWORK_LEAD)
    assert response.status_code == 302
    assert User.objects.filter(email__iexact="erika@example.org").count() == 1
    assert person.has_usable_password()
    assert Membership.objects.get(user=person).role == Role.NETWORK_LEAD
    [message] = mail.outbox
    assert "/musterstadt/intern/" in message.body
    assert "passwort-neu" not in message.body


def test_a_role_held_already_is_refused_on_the_form(client, municipality, coordinator):
    client.force_login(coordinator)
    response = invite(client, email=coordinator.email, role=Role.COORDINATOR)
    assert response.status_code == 400
    assert "role" in response.context["form"].errors
    assert mail.outbox == []


def test_a_provider_editor_is_bound_to_organisations_of_the_municipality(
    client, municipality, other_municipality, coordinator
):
    own = OrganisationFactory(municipality=municipality)
    foreign = OrganisationFactory(municipality=other_municipality)
    client.force_login(coordinator)
    missing = invite(client, role=Role.PROVIDER_EDITOR)
    assert missing.status_code == 400
    assert "organisations" in missing.context["form"].errors
    other = invite(client, role=Role.PROVIDER_EDITOR, organisations=[foreign.pk])
    assert other.status_code == 400
    assert not User.objects.filter(email="neu@example.org").exists()
    assert mail.outbox == []
    assert (
        invite(client, role=Role.PROVIDER_EDITOR, organisations=[own.pk]).status_code
        == 302
    )
    membership = Membership.objects.get(user__email="neu@example.org")
    assert list(membership.organisations.all()) == [own]


def test_a_coordinator_of_another_municipality_cannot_invite_here(
    client, municipality, other_municipality
):
    client.force_login(user_with_role(other_municipality, Role.COORDINATOR))
    assert client.get(INVITE).status_code == 403
    assert invite(client).status_code == 403
    assert not User.objects.filter(email="neu@example.org").exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    "role", [Role.PLANNER, Role.NETWORK_LEAD, Role.PROVIDER_EDITOR]
)
def test_other_roles_cannot_invite(client, municipality, role):
    client.force_login(user_with_role(municipality, role))
    assert invite(client).status_code == 403
    assert not User.objects.filter(email="neu@example.org").exists()


def test_a_state_admin_invites_into_any_municipality(
    client, municipality, other_municipality, state_admin
):
    client.force_login(state_admin)
    url = "/nachbarstadt/intern/mitglieder/einladen/"
    assert invite(client, url=url, role=Role.COORDINATOR).status_code == 302
    assert Membership.objects.get(user__email="neu@example.org").municipality == (
        other_municipality
    )


def test_a_coordinator_removes_a_role(client, municipality, coordinator):
    planner = user_with_role(municipality, Role.PLANNER, first_name="Paul")
    membership = planner.memberships.get()
    client.force_login(coordinator)
    listing = client.get("/musterstadt/intern/mitglieder/").content.decode()
    url = f"/musterstadt/intern/mitglieder/{membership.pk}/entfernen/"
    assert url in listing
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert (
        AuditEntry.objects.get(
            object_type="kette_core.Membership", action="delete"
        ).actor
        == coordinator
    )


def test_a_coordinator_cannot_remove_their_own_role(client, municipality, coordinator):
    membership = coordinator.memberships.get()
    client.force_login(coordinator)
    client.post(f"/musterstadt/intern/mitglieder/{membership.pk}/entfernen/")
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_roles_of_another_municipality_are_not_found_here(
    client, municipality, other_municipality, coordinator
):
    stranger = user_with_role(other_municipality, Role.PLANNER).memberships.get()
    client.force_login(coordinator)
    url = f"/musterstadt/intern/mitglieder/{stranger.pk}/entfernen/"
    assert client.post(url).status_code == 404
    assert Membership.objects.filter(pk=stranger.pk).exists()


def test_a_planner_cannot_remove_roles(client, municipality, coordinator):
    membership = coordinator.memberships.get()
    client.force_login(user_with_role(municipality, Role.PLANNER))
    url = f"/musterstadt/intern/mitglieder/{membership.pk}/entfernen/"
    assert client.post(url).status_code == 403
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_a_deactivated_account_is_not_given_a_role(client, municipality, coordinator):
    person = UserFactory(email="alt@example.org", is_active=False)
    client.force_login(coordinator)
    response = invite(client, email="alt@example.org")
    assert response.status_code == 400
    assert "email" in response.context["form"].errors
    assert not person.memberships.exists()
    assert mail.outbox == []


def test_the_organisations_of_a_provider_editor_are_checkboxes_in_a_fieldset(
    client, municipality, coordinator
):
    # A list box with several choices needs Ctrl-clicks nobody is told about.
    own = OrganisationFactory(municipality=municipality, name="Familienzentrum Mitte")
    client.force_login(coordinator)

    page = client.get(INVITE).content.decode()
    refused = invite(client, role=Role.PLANNER, organisations=[own.pk])

    assert '<select name="organisations"' not in page
    fieldset = page[page.index("<fieldset") : page.index("</fieldset>")]
    assert "<legend>Träger" in fieldset
    assert f'<input type="checkbox" name="organisations" value="{own.pk}"' in fieldset
    assert 'for="id_organisations_0">Familienzentrum Mitte</label>' in fieldset
    # The error summary leads to the first checkbox, not to an empty anchor.
    assert refused.status_code == 400
    assert 'href="#id_organisations_0"' in refused.content.decode()
