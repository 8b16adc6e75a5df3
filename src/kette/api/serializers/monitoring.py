"""The monitoring in the API: indicators, figures per district and period,
composite indices and their results.

Figures come from ``kette.monitoring.selectors`` (aggregated up the district
hierarchy, disclosure control applied for public callers); the functions
here only turn them into rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kette.core.models import District, Municipality
from kette.monitoring import selectors
from kette.monitoring.disclosure import public_figure
from kette.monitoring.figures import CITY, Figure, FigureSet, Hierarchy
from kette.monitoring.indices import IndexTable, complete_periods, index_periods
from kette.monitoring.models import IndexDefinition, Indicator, ObservationStatus
from kette.monitoring.services.indices import index_export

from .municipalities import absolute

SUPPRESSED = ["", "primary", "secondary", "source"]


class IndicatorSerializer(serializers.ModelSerializer):
    """An indicator of the monitoring catalogue."""

    url = serializers.SerializerMethodField(help_text=_("This resource."))
    name = serializers.CharField(
        read_only=True, help_text=_("The name in the request's language.")
    )
    definition = serializers.CharField(
        read_only=True, help_text=_("The definition in the request's language.")
    )
    age_band = serializers.SlugRelatedField(
        slug_field="code", read_only=True, help_text=_("Code of the age band.")
    )
    life_phase = serializers.SlugRelatedField(
        slug_field="code", read_only=True, help_text=_("Code of the life phase.")
    )
    field_of_action = serializers.SlugRelatedField(
        slug_field="code", read_only=True, help_text=_("Code of the field of action.")
    )
    periods = serializers.SerializerMethodField(
        help_text=_("The periods with figures, oldest first.")
    )

    class Meta:
        model = Indicator
        fields = [
            "key",
            "url",
            "name",
            "definition",
            "unit",
            "kind",
            "scale",
            "numerator_definition",
            "denominator_definition",
            "source",
            "licence",
            "polarity",
            "age_band",
            "life_phase",
            "field_of_action",
            "periodicity",
            "owner",
            "is_published",
            "periods",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.URLField())
    def get_url(self, indicator: Indicator) -> str:
        return absolute(
            self.context.get("request"),
            "monitoring-indicator-detail",
            municipality=self.context["municipality"].slug,
            key=indicator.key,
        )

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_periods(self, indicator: Indicator) -> list[str]:
        known = self.context.get("periods")  # a list's periods, in one query
        if known is not None:
            return [period for _start, period in known.get(indicator.pk, [])]
        return selectors.period_list(indicator=indicator)


class ObservationQuerySerializer(serializers.Serializer):
    """Query parameters of the figures.

    Needs in its context the ``municipality``, the ``indicators`` the caller
    may see and the district ``hierarchy``; validated values are the
    indicator, district and level objects (or None).
    """

    indicator = serializers.CharField(
        required=False,
        help_text=_("Key of an indicator; without it, every indicator."),
    )
    district = serializers.CharField(
        required=False,
        help_text=_("Code of a district; without it, every district and the city."),
    )
    period = serializers.CharField(
        required=False,
        help_text=_(
            "A period, e.g. 2024, 2024/25 or 2024-12-31; without it, every period."
        ),
    )
    level = serializers.IntegerField(
        required=False,
        min_value=0,
        help_text=_("Only districts of this level (0 = the top level)."),
    )

    def validate_indicator(self, value: str) -> Indicator:
        for indicator in self.context["indicators"]:
            if indicator.key == value:
                return indicator
        raise serializers.ValidationError(_("There is no such indicator."))

    def validate_district(self, value: str) -> District:
        for district in self.context["hierarchy"].districts.values():
            if district.code == value:
                return district
        raise serializers.ValidationError(
            _("There is no district with this code in this municipality.")
        )

    def validate_level(self, value: int) -> int:
        if value not in self.context["hierarchy"].levels:
            raise serializers.ValidationError(
                _("There are no districts on this level.")
            )
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        period = attrs.get("period")
        if period is None:
            return attrs
        indicator = attrs.get("indicator")
        if indicator is not None:
            known = selectors.period_list(indicator=indicator)
        else:
            known = selectors.all_periods(
                municipality=self.context["municipality"],
                public=self.context["public"],
            )
        if period not in known:
            raise serializers.ValidationError(
                {"period": [_("There are no figures for this period.")]}
            )
        return attrs


class ObservationSerializer(serializers.Serializer):
    """One indicator's figure in one district (or the whole city) and period."""

    indicator = serializers.CharField(help_text=_("Key of the indicator."))
    district = serializers.CharField(
        allow_null=True,
        help_text=_("Code of the district; null for the whole municipality."),
    )
    district_name = serializers.CharField()
    level = serializers.IntegerField(
        allow_null=True, help_text=_("Level of the district; null for the city.")
    )
    period = serializers.CharField()
    value = serializers.FloatField(
        allow_null=True, help_text=_("Null where missing or suppressed.")
    )
    numerator = serializers.FloatField(allow_null=True)
    denominator = serializers.FloatField(allow_null=True)
    status = serializers.ChoiceField(choices=ObservationStatus.choices)
    suppressed = serializers.ChoiceField(
        choices=SUPPRESSED,
        help_text=_(
            "Why the figure is withheld: primary (a small count), secondary (it "
            "would reveal a withheld one), source (withheld by the data owner); "
            "empty if it is shown."
        ),
    )
    aggregated = serializers.BooleanField(
        help_text=_("Computed from the districts it is made of, not delivered.")
    )


def _figure_row(
    figure: Figure,
    *,
    indicator: Indicator,
    period: str,
    district: District | None,
    municipality: Municipality,
    public: bool,
) -> dict[str, Any]:
    # Public callers learn nothing of a withheld figure but that it is withheld.
    values = (
        public_figure(figure)
        if public
        else {
            "value": figure.value,
            "numerator": figure.numerator,
            "denominator": figure.denominator,
        }
    )
    return {
        "indicator": indicator.key,
        "district": district.code if district else None,
        "district_name": district.name if district else municipality.name,
        "level": district.level if district else None,
        "period": period,
        "value": values["value"],
        "numerator": values["numerator"],
        "denominator": values["denominator"],
        "status": figure.status,
        "suppressed": figure.suppressed,
        "aggregated": figure.aggregated,
    }


def observation_rows(
    *,
    figure_sets: Iterable[FigureSet],
    hierarchy: Hierarchy,
    municipality: Municipality,
    public: bool,
    district: District | None = None,
    level: int | None = None,
) -> list[dict[str, Any]]:
    """One row per figure: per set the city first (unless a district or level
    is asked for), then the districts by level and code."""
    districts = [
        d
        for d in hierarchy.districts.values()
        if (district is None or d.pk == district.pk)
        and (level is None or d.level == level)
    ]
    with_city = district is None and level is None
    rows = []
    for figures in figure_sets:
        common = {
            "indicator": figures.indicator,
            "period": figures.period,
            "municipality": municipality,
            "public": public,
        }
        if with_city:
            rows.append(_figure_row(figures.of(CITY), district=None, **common))
        for item in districts:
            rows.append(_figure_row(figures.of(item.pk), district=item, **common))
    return rows


class IndexSerializer(serializers.Serializer):
    """A composite index with its current definition."""

    key = serializers.CharField()
    url = serializers.SerializerMethodField(help_text=_("This resource."))
    results_url = serializers.SerializerMethodField(
        help_text=_("Its results per district.")
    )
    name = serializers.CharField(
        read_only=True, help_text=_("The name in the request's language.")
    )
    description = serializers.CharField()
    is_published = serializers.BooleanField()
    version = serializers.SerializerMethodField(
        help_text=_("Number of the current (newest) version of the definition.")
    )
    spec = serializers.SerializerMethodField(
        help_text=_(
            "The current definition in the documented JSON format kette-index/1."
        )
    )
    periods = serializers.SerializerMethodField(
        help_text=_(
            "The calendar years in which its indicators have figures; for "
            "callers without access to the data only the complete ones (the "
            "definition's coverage rule)."
        )
    )

    def _url(self, name: str, definition: IndexDefinition) -> str:
        return absolute(
            self.context.get("request"),
            name,
            municipality=self.context["municipality"].slug,
            key=definition.key,
        )

    @extend_schema_field(serializers.URLField())
    def get_url(self, definition: IndexDefinition) -> str:
        return self._url("monitoring-index-detail", definition)

    @extend_schema_field(serializers.URLField())
    def get_results_url(self, definition: IndexDefinition) -> str:
        return self._url("monitoring-index-results", definition)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_version(self, definition: IndexDefinition) -> int | None:
        version = definition.current_version()
        return version.number if version else None

    @extend_schema_field(serializers.JSONField())
    def get_spec(self, definition: IndexDefinition) -> dict:
        return index_export(definition=definition)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_periods(self, definition: IndexDefinition) -> list[str]:
        if self.context.get("public", True):
            return complete_periods(definition)
        return index_periods(definition)


class IndexResultQuerySerializer(serializers.Serializer):
    """Query parameters of an index's results.

    Needs the index's ``periods`` and the district ``hierarchy`` in its context.
    """

    period = serializers.CharField(
        required=False,
        help_text=_(
            "A calendar year, e.g. 2024; without it, the newest complete one "
            "(see the coverage rule of the definition)."
        ),
    )
    level = serializers.IntegerField(
        required=False,
        min_value=0,
        help_text=_("The district level (0 = the top level); without it, the finest."),
    )

    def validate_period(self, value: str) -> str:
        if value not in self.context["periods"]:
            raise serializers.ValidationError(
                _("There are no figures of the index's indicators in this year.")
            )
        return value

    def validate_level(self, value: int) -> int:
        if value not in self.context["hierarchy"].levels:
            raise serializers.ValidationError(
                _("There are no districts on this level.")
            )
        return value


class IndexIndicatorSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()
    period = serializers.CharField(
        help_text=_("The indicator's period used for the index; empty if none.")
    )


class SubindexSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()


class ClassificationSerializer(serializers.Serializer):
    key = serializers.CharField()
    of = serializers.CharField(help_text=_("'index' or the key of a sub-index."))
    labels = serializers.ListField(child=serializers.CharField())
    colours = serializers.ListField(child=serializers.CharField())


class IndexClassSerializer(serializers.Serializer):
    number = serializers.IntegerField(
        allow_null=True,
        help_text=_("1 for the lowest class; null where the district has none."),
    )
    label = serializers.CharField()
    colour = serializers.CharField()


class IndexResultRowSerializer(serializers.Serializer):
    district = serializers.CharField(help_text=_("Code of the district."))
    district_name = serializers.CharField()
    index = serializers.FloatField(allow_null=True)
    # a number, not an integer: the "average" rank method gives ties x.5
    rank = serializers.FloatField(
        allow_null=True,
        help_text=_(
            "1 = first as the index ranks (most need, or the highest value); "
            "ties share a rank as the index's rank method says, x.5 under "
            '"average"; null where there is no index.'
        ),
    )
    subindices = serializers.DictField(
        child=serializers.FloatField(allow_null=True),
        help_text=_("Value of each sub-index by its key."),
    )
    normalised = serializers.DictField(
        child=serializers.FloatField(allow_null=True),
        required=False,
        help_text=_(
            "Normalised value of each indicator by its key; only for callers "
            "allowed to see the municipality's data."
        ),
    )
    values = serializers.DictField(
        child=serializers.FloatField(allow_null=True),
        required=False,
        help_text=_(
            "Raw value of each indicator by its key; only for callers allowed to "
            "see the municipality's data."
        ),
    )
    classes = serializers.DictField(
        child=IndexClassSerializer(), help_text=_("Class by classification key.")
    )
    code = serializers.CharField(
        help_text=_("The combined code of the classes; empty if the index has none.")
    )


class IndexResultSerializer(serializers.Serializer):
    """An index computed for the districts of one level in one period."""

    index = serializers.CharField(help_text=_("Key of the index."))
    version = serializers.IntegerField()
    period = serializers.CharField()
    level = serializers.IntegerField()
    indicators = IndexIndicatorSerializer(many=True)
    subindices = SubindexSerializer(many=True)
    classifications = ClassificationSerializer(many=True)
    rows = IndexResultRowSerializer(many=True)


def _by_key(keys: list[str], values: list[float | None]) -> dict[str, float | None]:
    return dict(zip(keys, values, strict=True))


def index_result(table: IndexTable, *, public: bool) -> dict[str, Any]:
    """The table as the API shows it, rows by rank (districts without an
    index last). Public callers get the index computed from the figures as
    they may be published (see ``compute_table``) and no indicator values,
    raw or normalised: they could belong to unpublished indicators."""
    engine = table.engine
    keys = engine.indicator_keys
    groups = [group.key for group in engine.groups]
    rows = []
    for row in table.ranked_rows():
        line: dict[str, Any] = {
            "district": row.district.code,
            "district_name": row.district.name,
            "index": row.index,
            "rank": row.rank or None,
            "subindices": _by_key(groups, row.subindices),
        }
        if not public:
            line["normalised"] = _by_key(keys, row.normalised)
            line["values"] = _by_key(keys, row.values)
        line["classes"] = {
            key: {
                "number": number + 1 if number >= 0 else None,
                "label": table.class_label(key, number),
                "colour": table.class_colour(key, number),
            }
            for key, number in row.classes.items()
        }
        line["code"] = row.code
        rows.append(line)
    return {
        "index": table.definition.key,
        "version": table.version.number,
        "period": table.period,
        "level": table.level,
        "indicators": [
            {"key": indicator.key, "name": indicator.name, "period": period}
            for indicator, period in zip(table.indicators, table.periods, strict=True)
        ],
        "subindices": [
            {"key": key, "name": name}
            for key, name in zip(groups, table.subindex_names, strict=True)
        ],
        "classifications": [
            {
                "key": rule.key,
                "of": rule.of,
                "labels": list(rule.labels),
                "colours": list(rule.colours),
            }
            for rule in engine.classifications
        ],
        "rows": rows,
    }
