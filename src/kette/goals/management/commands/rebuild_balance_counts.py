"""`kette rebuild_balance_counts`: count every municipality's balance afresh."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kette.core.commands import KetteCommand
from kette.goals.services.balance import rebuild_balance_counts


class Command(KetteCommand):
    help = gettext_lazy(
        "Count the balance of goals and measures of every municipality afresh "
        "and keep it. Every change through kette keeps the counts up to date "
        "itself; this is for data written around it (e.g. loaded into the "
        "database directly)."
    )

    examples = ("kette rebuild_balance_counts",)

    def handle(self, *args: Any, **options: Any) -> None:
        places = rebuild_balance_counts()
        self.stdout.write(
            _("Balance counted afresh for %(count)d municipalities with goals.")
            % {"count": places}
        )
