"""Schemathesis against the OpenAPI document: no request makes the API fail (5xx),
and every answer is JSON.

Every operation of /api/v1/openapi.json gets generated requests, through
Django's WSGI application, anonymously and with a full-scope token of a
coordinator. All of them go to a throw-away municipality made for the test
(and rolled back with it); path parameters are mostly real ids of its
organisations, offers, districts, indicators, indices, goals and measures,
so that requests reach past the 404. A stateless run of each operation, a few
examples each.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from kette.core.models import ApiToken, Role
from kette.monitoring.services.indices import index_publish, index_save
from kette.offers.models import OfferStatus
from tests.core.factories import (
    MunicipalityFactory,
    OrganisationFactory,
    user_with_role,
)
from tests.goals.factories import make_goal, make_measure
from tests.monitoring.factories import (
    IndicatorFactory,
    ObservationFactory,
    index_spec,
    two_level_city,
)
from tests.networks.factories import make_body, make_member
from tests.offers.factories import OfferFactory, OfferLocationFactory

pytestmark = pytest.mark.django_db

EXAMPLES = 8


@pytest.fixture
def wsgi_app():
    """Django's WSGI application, keeping the test's database connection.

    Django closes connections at the start and end of each request; inside
    the test's transaction that would lose it (the test client does the same).
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def world(db) -> dict[str, list]:
    """A throw-away municipality with something behind every kind of path."""
    municipality, tops, leaves = two_level_city(
        MunicipalityFactory(slug="wegwerf", name="Wegwerfstadt", ags=None)
    )
    organisations = OrganisationFactory.create_batch(2, municipality=municipality)
    offers = [
        OfferFactory(municipality=municipality, organisation=organisations[0]),
        OfferFactory(
            municipality=municipality,
            organisation=organisations[1],
            status=OfferStatus.DRAFT,
        ),
    ]
    OfferLocationFactory(offer=offers[0])
    indicators = [
        IndicatorFactory(municipality=municipality, key="poverty"),
        IndicatorFactory(municipality=municipality, key="secret", is_published=False),
    ]
    for at, leaf in enumerate(leaves):
        for indicator in indicators:
            ObservationFactory(indicator=indicator, district=leaf, numerator=3 + at)
    need = index_save(
        municipality=municipality, spec=index_spec("poverty", "secret"), actor=None
    ).definition
    index_publish(definition=need, actor=None, published=True)
    coordinator = user_with_role(municipality, Role.COORDINATOR)
    goal = make_goal(municipality, "Wegwerfziel")
    sub_goal = make_goal(municipality, "Unterziel", parent=goal)
    measure = make_measure(sub_goal, responsible_person=coordinator)
    network = make_body(municipality, "Wegwerfnetz")
    part = make_body(municipality, "Wegwerf-AG", parent=network)
    member = make_member(part, organisation=organisations[0])
    return {
        "municipality": [municipality.slug],
        "organisation_id": [o.pk for o in organisations],
        "offer_id": [str(o.pk) for o in offers],
        "district_code": [d.code for d in tops + leaves],
        "key": ["poverty", "secret", "need"],
        "vocabulary": ["age-bands", "languages", "sectors"],
        "goal_id": [goal.pk, sub_goal.pk],
        "measure_id": [measure.pk],
        "body_id": [network.pk, part.pk],
        "member_id": [member.pk],
        "coordinator": [coordinator],
    }


def server_errors(wsgi_app, world, headers: dict[str, str]) -> list[str]:
    """Run every operation; the requests that got a 5xx (or an answer that is
    not JSON), one line each."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(), data=st.data())
        def run(case, data) -> None:
            for name in case.path_parameters or {}:
                if name in world:
                    # Mostly a real id; sometimes what schemathesis made up.
                    real = st.sampled_from(world[name])
                    case.path_parameters[name] = data.draw(
                        real
                        if name == "municipality"
                        else real | st.just(case.path_parameters[name])
                    )
            response = case.call(headers=headers)
            content_type = response.headers.get("content-type", [""])[0]
            if response.status_code >= 500 or (
                response.status_code != 204 and "json" not in content_type
            ):
                failures.append(
                    f"{response.status_code} {content_type} {case.method} "
                    f"{case.formatted_path} "
                    f"query={case.query} body={case.body!r:.200}"
                )

        run()
    return failures


def test_no_anonymous_request_is_a_server_error(wsgi_app, world):
    assert server_errors(wsgi_app, world, headers={}) == []


def test_no_request_with_a_token_is_a_server_error(wsgi_app, world, make_token):
    raw = make_token(world["coordinator"][0], scope=ApiToken.Scope.FULL)

    errors = server_errors(wsgi_app, world, {"Authorization": f"Bearer {raw}"})

    assert errors == []
