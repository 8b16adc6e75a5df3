"""Index results as rows for CSV files (command line, downloads, API)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .indices import IndexTable


def _round(value: float | None, digits: int = 6) -> float | str:
    return "" if value is None else round(value, digits)


def index_rows(table: IndexTable) -> tuple[list[str], list[list]]:
    """A header and one row per district: code, name, index, rank, each
    classification's class label, the combined code, every sub-index, every
    normalised indicator and every raw indicator value.

    The column names are stable keys (not translated), so that results can
    be compared between runs and versions.
    """
    engine = table.engine
    classifications = [c.key for c in engine.classifications]
    header = ["district_code", "district_name", "period", "index", "rank"]
    header += [f"class_{key}" for key in classifications]
    header += ["code"] if engine.code else []
    header += [f"subindex_{group.key}" for group in engine.groups]
    header += [f"normalised_{key}" for key in engine.indicator_keys]
    header += [f"value_{key}" for key in engine.indicator_keys]
    rows = []
    for row in table.ranked_rows():
        line = [
            row.district.code,
            row.district.name,
            table.period,
            _round(row.index),
            row.rank or "",
        ]
        line += [table.class_label(key, row.classes[key]) for key in classifications]
        line += [row.code] if engine.code else []
        line += [_round(v) for v in row.subindices]
        line += [_round(v) for v in row.normalised]
        line += [_round(v) for v in row.values]
        rows.append(line)
    return header, rows


def index_labels(table: IndexTable) -> list[str]:
    """Readable names (in the active language) of the columns of
    ``index_rows``, in the same order: what pages and their downloads show.
    A classification is named by what it classifies."""
    engine = table.engine
    subindex = dict(
        zip([g.key for g in engine.groups], table.subindex_names, strict=True)
    )
    labels = [_("Code"), _("District"), _("Period"), _("Index"), _("Rank")]
    for rule in engine.classifications:
        target = _("Index") if rule.of == "index" else subindex[rule.of]
        labels.append(_("Class (%(of)s)") % {"of": target})
    labels += [_("Combined class")] if engine.code else []
    labels += table.subindex_names
    names = [indicator.name for indicator in table.indicators]
    labels += [_("%(indicator)s (normalised)") % {"indicator": n} for n in names]
    labels += [_("%(indicator)s (value)") % {"indicator": n} for n in names]
    return labels
