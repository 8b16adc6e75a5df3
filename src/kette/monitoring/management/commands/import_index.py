"""`kette import_index SLUG FILE.json`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kette.core.commands import KetteCommand, municipality_or_error
from kette.core.importers import limits
from kette.monitoring.services.indices import index_import


class Command(KetteCommand):
    help = gettext_lazy(
        "Save an index definition from its JSON file as the next version of the "
        "index with its key (created if new). Nothing is saved if the file is "
        "not valid."
    )

    examples = ("kette import_index musterstadt partizipation.json",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("municipality", help=gettext_lazy("municipality slug"))
        parser.add_argument("file", help=gettext_lazy("definition (JSON)"))

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = municipality_or_error(options["municipality"])
        path = Path(options["file"])
        try:
            too_large = limits.size_problem(
                file=path.name, size=path.stat().st_size, kind=limits.DEFINITION
            )
            text = b"" if too_large else path.read_bytes()
        except OSError as error:
            raise CommandError(
                _("cannot read %(file)s: %(error)s")
                % {"file": path, "error": error.strerror}
            ) from None
        try:
            if too_large:
                raise ValidationError(too_large.message)
            version = index_import(
                municipality=municipality, text=text, actor=None, source=path.name
            )
        except ValidationError as error:
            raise CommandError(
                _("%(file)s: nothing saved: %(problems)s")
                % {"file": path, "problems": " ".join(error.messages)}
            ) from None
        self.stdout.write(
            _("%(file)s: saved as version %(number)d of the index “%(key)s”")
            % {"file": path, "number": version.number, "key": version.definition.key}
        )
