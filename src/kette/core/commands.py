"""Helpers shared by the `kette` management commands: the base command, the
usual argument checks and a progress bar on stderr."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from django.core.management.base import BaseCommand, CommandError, DjangoHelpFormatter
from django.utils.translation import gettext as _

from kette.core import selectors
from kette.core.exceptions import ImportFailed
from kette.core.models import Municipality


class HelpFormatter(DjangoHelpFormatter):
    """Wraps the description as usual; an indented line (an example in the
    epilog) keeps its own line."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        fill = super()._fill_text
        return "\n".join(
            indent + line if line.startswith(" ") else fill(line, width, indent)
            for line in text.splitlines()
        )


class KetteCommand(BaseCommand):
    """Base of kette's commands: their help texts may be lazy translations,
    and ``examples`` (whole command lines) end the help.

    argparse formats the description with regular expressions, which need a
    plain string: the text is translated when the parser is built, in the
    language active then (``kette <command> --help`` crashed otherwise).
    """

    examples: tuple[str, ...] = ()

    def create_parser(self, prog_name: str, subcommand: str, **kwargs):
        self.help = str(self.help)
        if self.examples:
            lines = [_("Examples:"), *(f"  {example}" for example in self.examples)]
            kwargs.setdefault("epilog", "\n".join(lines))
        kwargs.setdefault("formatter_class", HelpFormatter)
        return super().create_parser(prog_name, subcommand, **kwargs)


def municipality_or_error(slug: str) -> Municipality:
    """The municipality with ``slug``, or a CommandError listing the known ones."""
    try:
        return selectors.municipality_get(slug=slug)
    except Municipality.DoesNotExist:
        known = ", ".join(m.slug for m in selectors.municipality_list()) or "-"
        raise CommandError(
            _('unknown municipality "%(slug)s" (known: %(known)s)')
            % {"slug": slug, "known": known}
        ) from None


def existing_file(text: str) -> Path:
    """The file named ``text``, or a CommandError saying it is not there."""
    path = Path(text)
    if not path.is_file():
        raise CommandError(_("%(file)s: no such file") % {"file": path})
    return path


def import_failed(failed: ImportFailed) -> CommandError:
    """The error of an import that wrote nothing, listing every problem."""
    return CommandError(
        _("nothing was imported; problems found:\n%(problems)s")
        % {"problems": "\n".join(str(p) for p in failed.problems)}
    )


class ProgressBar:
    """``bar(stage, done, total)``: redraws one line on a terminal; elsewhere
    (logs, pipes) prints a line per stage at 0, 25, 50, 75 and 100 %."""

    WIDTH = 30
    # Steps with fewer items finish too fast to be worth a line.
    SMALL = 2000

    def __init__(self, stream: TextIO, *, enabled: bool = True) -> None:
        self.stream = stream
        self.enabled = enabled
        self.tty = hasattr(stream, "isatty") and stream.isatty()
        self.stage = ""
        self.step = -1

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled or total < self.SMALL:
            return
        share = done / total if total else 1.0
        if stage != self.stage:
            if self.tty and self.stage:
                self.stream.write("\n")
            self.stage, self.step = stage, -1
        if self.tty:
            filled = round(share * self.WIDTH)
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            self.stream.write(f"\r{stage}: [{bar}] {share:4.0%} ({done}/{total})")
            if done >= total:
                self.stream.write("\n")
                self.stage = ""
            self.stream.flush()
            return
        step = int(share * 4)
        if step != self.step:
            self.step = step
            self.stream.write(f"{stage}: {share:.0%} ({done}/{total})\n")
