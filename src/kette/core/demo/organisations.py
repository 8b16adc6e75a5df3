"""Demo organisations (Träger) with plausible addresses and contacts."""

from __future__ import annotations

from random import Random

from django.utils.translation import gettext as _

from ..models import Organisation, Sector
from .places import TOWNS, Town
from .providers import PROVIDERS, Provider
from .registry import DemoContext, register


def _contact(town: Town, provider: Provider, rng: Random) -> dict[str, str]:
    if provider.web.startswith("@"):
        department = provider.web[1:]
        return {
            "email": f"{department}@{town.slug}.example",
            "website": f"https://www.{town.slug}.example/{department}/",
            # the town hall's exchange with a direct dial
            "phone": f"{town.phone_prefix} 825-{rng.randint(1000, 9899)}",
        }
    digits = 7 if len(town.phone_prefix) == 4 else 5
    number = rng.randint(2 * 10 ** (digits - 1), 10**digits - 1)
    return {
        "email": f"info@{provider.web}.example",
        "website": f"https://www.{provider.web}.example/",
        "phone": f"{town.phone_prefix} {number}",
    }


@register(order=20)
def build_organisations(context: DemoContext) -> None:
    sectors = {sector.code: sector for sector in Sector.objects.all()}
    for town in TOWNS:
        municipality = context.municipalities[town.slug]
        areas = {area.code: area for area in town.areas}
        rng = context.random_for(f"organisations:{town.slug}")
        for provider in PROVIDERS[town.slug]:
            area = areas[provider.area]
            context.upsert(
                Organisation,
                lookup={"municipality": municipality, "name": provider.name},
                values={
                    "legal_form": provider.legal_form,
                    "sector": sectors[provider.sector],
                    "description": provider.description,
                    "street": f"{rng.choice(area.streets)} {rng.randint(1, 120)}",
                    "postal_code": area.postal_code,
                    "city": town.name,
                    "statewide_key": provider.statewide_key,
                    **_contact(town, provider, rng),
                },
            )
        context.say(
            _("Organisations of %(town)s: %(count)d")
            % {"town": town.name, "count": len(PROVIDERS[town.slug])}
        )
