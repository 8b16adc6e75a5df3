"""Ages for parents: an offer's age range in words, and a child's age as months.

Ages are months; pregnancy is negative (-9 .. -1), birth is 0, and the upper
end of a range is exclusive, so 36 .. 72 reads "3 to 6 years" as the seed's
age bands do. An age is said in whole years when it is one, else in months
("18 months"): that is how parents talk about small children.

German needs its own forms after "ab" ("ab 3 Jahren"), so every shape of
sentence has its own message instead of being glued together from parts.
"""

from __future__ import annotations

from functools import cache

from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

# What the "my child is ..." select offers, in months; "expecting" is pregnancy.
EXPECTING = "expecting"
PREGNANCY_MONTHS = -1
COMMON_AGES = (0, 6, 12, 18, 24, *range(36, 27 * 12, 12))
MAX_YEARS = 27


def _whole_years(months: int) -> bool:
    return months >= 12 and months % 12 == 0


def age_text(months: int) -> str:
    """An age on its own: '3 years', '1 year', '18 months', '6 months'."""
    if _whole_years(months):
        years = months // 12
        return ngettext("%(n)d year", "%(n)d years", years) % {"n": years}
    return ngettext("%(n)d month", "%(n)d months", months) % {"n": months}


def _from_age(months: int) -> str:
    """'from 3 years on' (German: 'ab 3 Jahren')."""
    if _whole_years(months):
        years = months // 12
        return ngettext("from %(n)d year", "from %(n)d years", years) % {"n": years}
    return ngettext("from %(n)d month", "from %(n)d months", months) % {"n": months}


def age_in_words(min_months: int | None, max_months: int | None) -> str:
    """An offer's age range for parents: 'from pregnancy to 3 years', '3 to 6 years'.

    ``max_months`` is exclusive; ``None`` leaves that end open.
    """
    low, high = min_months, max_months
    if low is not None and low < 0:
        if high is None:
            return _("from pregnancy")
        if high <= 0:
            return _("during pregnancy")
        return _("from pregnancy to %(age)s") % {"age": age_text(high)}
    if low is None or low == 0:
        if high is None:
            return _("all ages") if low is None else _("from birth")
        return (_("up to %(age)s") if low is None else _("from birth to %(age)s")) % {
            "age": age_text(high)
        }
    if high is None:
        return _from_age(low)
    if high == low + 1:
        return age_text(low)  # one month of age, e.g. "3 years" for 36 .. 37
    if _whole_years(low) and _whole_years(high):
        return ngettext(
            "%(low)d to %(high)d year", "%(low)d to %(high)d years", high // 12
        ) % {"low": low // 12, "high": high // 12}
    if not _whole_years(low) and not _whole_years(high):
        return ngettext(
            "%(low)d to %(high)d month", "%(low)d to %(high)d months", high
        ) % {"low": low, "high": high}
    return _("%(low)s to %(high)s") % {"low": age_text(low), "high": age_text(high)}


def one_age(low: int | None, high: int | None, unit: int) -> int | None:
    """The upper bound to store for a range whose ends may be equal.

    Equal bounds name one age with both ends inclusive ("for three-year-olds":
    3 to 3 years); kette stores the upper bound exclusive, so the range covers
    that age's whole ``unit`` in months (12 for an age in years, 1 in months).
    """
    if low is not None and high is not None and low == high:
        return low + unit
    return high


def child_age_in_words(months: int) -> str:
    """A child's age as the search understood it: 'expecting', '2 years'."""
    if months < 0:
        return _("expecting a baby")
    if months == 0:
        return _("newborn")
    return age_text(months)


def common_age_choices() -> list[tuple[str, str]]:
    """Options of the "my child is ..." select: value (months or 'expecting'), text."""
    return list(_age_choices(get_language() or ""))


@cache
def _age_choices(language: str) -> tuple[tuple[str, str], ...]:
    choices = [
        ("", _("– choose –")),
        (EXPECTING, _("not born yet – we are expecting")),
        ("0", _("a newborn")),
    ]
    for months in COMMON_AGES[1:]:
        choices.append((str(months), _("%(age)s old") % {"age": age_text(months)}))
    return tuple(choices)
