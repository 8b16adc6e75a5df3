"""``kette demo``: the offers of Musterstadt (about 350) and Kleinhausen (20).

Realistic German offers across all age bands, fields of action, districts and
languages, by the demo's organisations; most published, some in review, some
published ones with submitted edits waiting for review, a few drafts
(some returned with a comment) and a few archived. Ids are stable (uuid5 of
the offer's key), and a second run writes nothing.
"""

from __future__ import annotations

from collections import Counter

from django.utils.translation import gettext as _

from kette.core.demo import DemoContext, register
from kette.core.demo.places import KLEINHAUSEN, MUSTERSTADT
from kette.core.models import Language

from ..models import OfferStatus
from . import early, more, school, youth
from .organisations import ORGANISATIONS
from .plan import PlannedOffer, Planner, add_pending, set_status
from .sync import sync_offers

TEMPLATES = {
    MUSTERSTADT: early.OFFERS + school.OFFERS + youth.OFFERS + more.OFFERS,
    KLEINHAUSEN: youth.KLEINHAUSEN_OFFERS,
}
#: The provider editor of the demo (see kette.core.demo.people) finds one of
#: their offers in each state of the review.
EDITOR = "traeger"


def _cover_languages(plans: list[PlannedOffer]) -> None:
    """Every language of the vocabulary is offered by some published offer."""
    published = [p for p in plans if p.status == OfferStatus.PUBLISHED]
    used = Counter(code for p in published for code in p.content["languages"])
    hosts = [
        p
        for p in published
        if {"migrant-families", "refugees"} & set(p.content["target_groups"])
    ] or published
    missing = [
        code
        for code in Language.objects.filter(is_active=True).values_list(
            "code", flat=True
        )
        if not used[code]
    ]
    for number, code in enumerate(missing):
        host = hosts[(number * 7) % len(hosts)]
        host.content["languages"] = sorted({*host.content["languages"], code})


def _show_review_to_editor(context: DemoContext, plans: list[PlannedOffer]) -> None:
    """Give the demo's provider editor a returned draft, a submission and edits."""
    editor = context.users.get(EDITOR)
    if editor is None:
        return
    own = set(editor.memberships.values_list("organisations__pk", flat=True))
    candidates = [
        p
        for p in plans
        if p.organisation.pk in own and p.index > 0 and p.status == "published"
    ]
    wanted = ("draft", "in_review", "pending")
    for plan, state in zip(candidates[1::3], wanted, strict=False):
        if state == "pending":
            set_status(plan, OfferStatus.PUBLISHED)
            add_pending(plan)
        else:
            set_status(plan, state, returned=True)


@register(order=100)
def build_offers(context: DemoContext) -> None:
    for town, templates in TEMPLATES.items():
        municipality = context.municipalities[town.slug]
        plans = Planner(context, town, ORGANISATIONS[town.slug]).plan(templates)
        if town is MUSTERSTADT:
            _show_review_to_editor(context, plans)
        _cover_languages(plans)
        written = sync_offers(context, municipality, plans)
        by_status = Counter(p.status for p in plans)
        context.say(
            _(
                "Offers of %(town)s: %(count)d (%(published)d published, "
                "%(review)d in review, %(pending)d with changes in review); "
                "%(written)d written"
            )
            % {
                "town": town.name,
                "count": len(plans),
                "published": by_status[OfferStatus.PUBLISHED],
                "review": by_status[OfferStatus.IN_REVIEW],
                "pending": sum(p.pending is not None for p in plans),
                "written": written,
            }
        )
