"""Who is looking at the monitoring, and where: public pages or staff area."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from kette.core.fragments import remembered
from kette.core.models import District, Municipality

from ..charts import MapFrame, map_frame
from ..figures import Figure, Hierarchy

MAP_WIDTH = 640


def chosen_or_newest(wanted, options: list, *, default=""):
    """``wanted`` if it is one of ``options``, else the last (the newest
    period, the finest level), else ``default``."""
    return wanted if wanted in options else (options[-1] if options else default)


def choose(
    raw: str | None,
    options: list,
    *,
    label: str,
    notes: list[str],
    fallback=None,
    shown: Callable[[Any], str] = str,
    default="",
):
    """The option a query parameter asks for (``raw``, as typed in the
    address). Without it: ``fallback`` if given, else the last option (the
    newest period, the finest level), else ``default``. A value that is not
    one of the options is ignored, and ``notes`` says so in words, as the
    offer search does: people type and bookmark these addresses."""
    if fallback is None:
        fallback = options[-1] if options else default
    raw = (raw or "").strip()
    if not raw:
        return fallback
    found = next((option for option in options if str(option) == raw), None)
    if found is not None:
        return found
    notes.append(ignored_note(label, raw, shown(fallback) if fallback != "" else ""))
    return fallback


def ignored_note(label: str, value: str, instead: str) -> str:
    """“Period: 2099” is not there: what the page says it shows instead."""
    values = {"name": label, "value": value[:50], "shown": instead}
    if instead:
        return (
            _(
                "“%(name)s: %(value)s” is not available here and was ignored; shown instead: %(shown)s."
            )
            % values
        )
    return _("“%(name)s: %(value)s” is not available here and was ignored.") % values


@dataclass
class Scope:
    """The municipality, the hierarchy and whether figures leave the staff area.

    ``staff`` is where the page lives (its links stay there); ``public``
    whether disclosure control applies. Staff pages are never public.
    """

    municipality: Municipality
    staff: bool
    hierarchy: Hierarchy = field(repr=False)

    @classmethod
    def of(cls, request: HttpRequest, *, staff: bool) -> Scope:
        return cls(
            municipality=request.municipality,
            staff=staff,
            hierarchy=Hierarchy.of(request.municipality),
        )

    @property
    def public(self) -> bool:
        return not self.staff

    def url(self, name: str, query: dict | None = None, **kwargs) -> str:
        """The address of a monitoring page in this scope."""
        prefix = "staff_" if self.staff else ""
        path = reverse(
            f"monitoring:{prefix}{name}",
            kwargs={"municipality": self.municipality.slug, **kwargs},
        )
        return f"{path}?{urlencode(query)}" if query else path

    def district_by_code(self, code: str) -> District | None:
        return self.hierarchy.tree.get(code)

    def level_name(self, level: int) -> str:
        names = [d.level_name for d in self.hierarchy.at_level(level) if d.level_name]
        return names[0] if names else _("Level %(level)d") % {"level": level + 1}

    def choose_level(self, raw: str | None, notes: list[str]) -> int:
        """The level a query asks for; the finest level when it asks for none
        or for one the municipality does not have (said in ``notes``)."""
        return choose(
            raw,
            self.hierarchy.levels,
            label=_("Areas"),
            notes=notes,
            shown=self.level_name,
            default=0,
        )

    def level_choices(self) -> list[tuple[int, str]]:
        return [(level, self.level_name(level)) for level in self.hierarchy.levels]

    def frame(self, level: int) -> MapFrame | None:
        """The projected outlines of the districts on ``level`` (remembered
        until a district of the municipality changes)."""
        districts = District.objects.for_municipality(self.municipality)
        stamp = max(
            (d.updated_at for d in self.hierarchy.districts.values()), default=None
        )
        # the cache cannot tell a remembered None from a miss: False stands in
        return (
            remembered(
                "monitoring:frame",
                (
                    self.municipality.pk,
                    level,
                    MAP_WIDTH,
                    stamp,
                    len(self.hierarchy.districts),
                ),
                lambda: (
                    map_frame(
                        districts.filter(level=level).only("code", "name", "geometry"),
                        width=MAP_WIDTH,
                    )
                    or False
                ),
                seconds=3600,
            )
            or None
        )


NOTE_TEXT = {
    "primary": lambda: _("suppressed: fewer cases than the disclosure threshold"),
    "secondary": lambda: _("suppressed so that a small count cannot be derived"),
    "source": lambda: _("suppressed by the data source"),
}


def figure_note(figure: Figure) -> str:
    """Why a figure is not shown, or how it came about."""
    if figure.suppressed:
        return NOTE_TEXT[figure.suppressed]()
    if figure.value is None:
        return _("no data")
    if figure.aggregated:
        return _("summed up from the districts below")
    if figure.status == "provisional":
        return _("provisional")
    return ""
