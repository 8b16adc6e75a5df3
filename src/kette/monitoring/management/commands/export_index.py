"""`kette export_index SLUG INDEX [OUT.json] [--index-version N]`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kette.core.commands import KetteCommand, municipality_or_error
from kette.monitoring import selectors
from kette.monitoring.services.indices import index_export


class Command(KetteCommand):
    help = gettext_lazy(
        "Write an index definition as its documented JSON file "
        "(docs/monitoring-index.md); without OUT to standard output."
    )

    examples = ("kette export_index musterstadt partizipation partizipation.json",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("municipality", help=gettext_lazy("municipality slug"))
        parser.add_argument("index", help=gettext_lazy("key of the index"))
        parser.add_argument("out", nargs="?", help=gettext_lazy("JSON file to write"))
        parser.add_argument(
            "--index-version",
            type=int,
            help=gettext_lazy("a saved version (default: newest)"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        definition = index_or_error(options["municipality"], options["index"])
        version = None
        if options["index_version"] is not None:
            version = definition.versions.filter(
                number=options["index_version"]
            ).first()
            if version is None:
                raise CommandError(
                    _("the index has no version %(number)d")
                    % {"number": options["index_version"]}
                )
        try:
            spec = index_export(definition=definition, version=version)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        text = json.dumps(spec, ensure_ascii=False, indent=2) + "\n"
        if options["out"]:
            Path(options["out"]).write_text(text, encoding="utf-8")
            self.stdout.write(_("wrote %(file)s") % {"file": options["out"]})
        else:
            self.stdout.write(text, ending="")


def index_or_error(slug: str, key: str):
    municipality = municipality_or_error(slug)
    try:
        return selectors.index_get(municipality=municipality, key=key, public=False)
    except Exception:  # Http404
        known = ", ".join(
            d.key for d in selectors.index_list(municipality=municipality, public=False)
        )
        raise CommandError(
            _('unknown index "%(key)s" (known: %(known)s)')
            % {"key": key, "known": known or "-"}
        ) from None
