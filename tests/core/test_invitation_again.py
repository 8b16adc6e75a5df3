"""Inviting again someone who never chose a password: their link expired,
and "forgot password" sends no mail to an account without one."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.utils import timezone

from kette.core.models import Membership, Role, User
from tests.core.factories import UserFactory
from tests.core.test_invitations import invite

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://[^/\s]+(/passwort-neu/\S+/)")


@pytest.mark.parametrize("role", [Role.PLANNER, Role.NETWORK_LEAD])
def test_inviting_again_sends_a_new_link_to_choose_a_password(
    client, municipality, coordinator, role
):
    client.force_login(coordinator)
    assert invite(client).status_code == 302
    mail.outbox.clear()

    # The same role again, or another one: either way a new link.
    response = invite(client, role=role)

    assert response.status_code == 302
    [message] = mail.outbox
    link = LINK.search(message.body).group(1)
    person = User.objects.get(email="neu@example.org")
    assert set(
        Membership.objects.filter(user=person).values_list("role", flat=True)
    ) == {
        Role.PLANNER,
        role,
    }
    client.logout()
    form_page = client.get(link, follow=True)
    assert 'name="new_password1"' in form_page.content.decode()


def test_someone_with_a_password_and_the_role_is_not_invited_twice(
    client, municipality, coordinator
):
    client.force_login(coordinator)
    invite(client)
    person = User.objects.get(email="neu@example.org")
    person.set_password("gewählt-und-gesetzt-42")
    person.save()
    mail.outbox.clear()

    response = invite(client)

    assert response.status_code == 400
    assert not mail.outbox


def test_an_account_whose_password_login_was_switched_off_gets_no_link(
    client, municipality, coordinator
):
    person = UserFactory(email="neu@example.org", last_login=timezone.now())
    person.set_unusable_password()
    person.save()
    client.force_login(coordinator)

    response = invite(client)

    assert response.status_code == 302
    [message] = mail.outbox
    assert not LINK.search(message.body)
    assert not User.objects.get(pk=person.pk).has_usable_password()
