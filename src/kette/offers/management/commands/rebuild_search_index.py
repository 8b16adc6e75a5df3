"""``kette rebuild_search_index [--municipality SLUG]``: index every offer anew."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kette.core.commands import KetteCommand, municipality_or_error
from kette.offers.search.index import rebuild_index

PROGRESS_EVERY = 5000


class Command(KetteCommand):
    help = gettext_lazy(
        "Rebuild the search index of offers (of one municipality, or of all)."
    )

    examples = ("kette rebuild_search_index --municipality musterstadt",)

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--municipality",
            default="",
            help=gettext_lazy("slug of the municipality (default: all)"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        verbosity = options["verbosity"]
        municipality = None
        if options["municipality"]:
            municipality = municipality_or_error(options["municipality"])

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
