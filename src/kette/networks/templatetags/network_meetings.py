"""``{% body_meetings body %}``: a body's next and last meetings on its page."""

from __future__ import annotations

from django import template

from ..models import Body
from ..selectors.meetings import body_meetings as meetings_of

register = template.Library()

SHOWN = 3


@register.inclusion_tag(
    "kette_networks/includes/body_meetings.html", takes_context=True
)
def body_meetings(context: template.Context, body: Body) -> dict:
    upcoming, past = meetings_of(body=body)
    return {
        "municipality": context["municipality"],
        "body": body,
        "upcoming": upcoming[:SHOWN],
        "past": past[:SHOWN],
        "count": len(upcoming) + len(past),
    }
