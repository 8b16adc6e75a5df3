"""``kette rebuild_search_index [--municipality SLUG] [--check]``: index every
offer anew, or (``--check``) only report offers the index does not hold as
they are (written round the services); a search never repairs the index."""

from __future__ import annotations

from typing import Any

from django.core.management import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kette.core import selectors
from kette.core.commands import KetteCommand, municipality_or_error
from kette.offers.search.index import rebuild_index, stale_offers

PROGRESS_EVERY = 5000


class Command(KetteCommand):
    help = gettext_lazy(
        "Rebuild the search index of offers (of one municipality, or of all)."
    )

    examples = (
        "kette rebuild_search_index --municipality musterstadt",
        "kette rebuild_search_index --check",
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--municipality",
            default="",
            help=gettext_lazy("slug of the municipality (default: all)"),
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help=gettext_lazy(
                "only check: fail if offers are not indexed as they are; change nothing"
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        verbosity = options["verbosity"]
        municipality = None
        if options["municipality"]:
            municipality = municipality_or_error(options["municipality"])
        if options["check"]:
            self._check(municipality)
            return

        def progress(done: int, total: int) -> None:
            if verbosity >= 1 and (done % PROGRESS_EVERY == 0 or done == total):
                self.stderr.write(
                    _("indexed %(done)d of %(total)d offers")
                    % {"done": done, "total": total}
                )

        count = rebuild_index(municipality, progress=progress)
        if verbosity >= 1:
            self.stdout.write(
                _("Search index rebuilt: %(count)d offers.") % {"count": count}
            )

    def _check(self, municipality) -> None:
        municipalities = (
            [municipality] if municipality else selectors.municipality_list()
        )
        behind = [(m, stale_offers(m)) for m in municipalities]
        behind = [(m, count) for m, count in behind if count]
        if behind:
            raise CommandError(
                _(
                    "The search index is behind (offers not indexed as they are): "
                    "%(list)s. Rebuild it: kette rebuild_search_index"
                )
                % {"list": ", ".join(f"{m.name}: {count}" for m, count in behind)}
            )
        self.stdout.write(_("The search index is up to date: 0 offers behind."))
