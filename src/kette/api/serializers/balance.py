"""The balance (Bilanz) of goals and measures as JSON: the figures of
``kette.goals.selectors.balance.goal_balance``, unchanged."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class ShareSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("Code of the row; empty: none given."))
    label = serializers.CharField(help_text=_("The label in the request's language."))
    count = serializers.IntegerField(help_text=_("Measures in this row."))
    percent = serializers.IntegerField(
        help_text=_("Whole percent as the pages show it.")
    )
    exact = serializers.FloatField(help_text=_("The share in percent, unrounded."))


class BreakdownSerializer(serializers.Serializer):
    code = serializers.CharField(
        help_text=_("status, type, field, age_band or life_phase.")
    )
    total = serializers.IntegerField(help_text=_("The measures the shares are of."))
    adds_up = serializers.BooleanField(
        help_text=_(
            "true: every measure lies in one row and the percents add up to "
            "100; false: a measure counts once for each tag of its goal."
        )
    )
    shares = ShareSerializer(many=True)


class QuarterSerializer(serializers.Serializer):
    label = serializers.CharField(help_text=_("The quarter, e.g. 2024 Q3."))
    as_of = serializers.DateField(
        help_text=_("The quarter's last day (the running quarter: today).")
    )
    total = serializers.IntegerField()
    shares = ShareSerializer(many=True, help_text=_("Measures by status as of then."))


class CountShareSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    percent = serializers.IntegerField()


class MunicipalityRowSerializer(serializers.Serializer):
    name = serializers.CharField()
    slug = serializers.CharField()
    goals = serializers.IntegerField()
    measures = serializers.IntegerField()
    fully = CountShareSerializer(help_text=_("Fully implemented measures."))
    partly = CountShareSerializer(help_text=_("Partly implemented measures."))


class BalanceSerializer(serializers.Serializer):
    goals = serializers.IntegerField()
    measures = serializers.IntegerField()
    by_status = BreakdownSerializer()
    by_type = BreakdownSerializer(help_text=_("By type of measure."))
    by_field = BreakdownSerializer(help_text=_("By field of action of the goal."))
    by_age_band = BreakdownSerializer(help_text=_("By age band of the goal."))
    by_life_phase = BreakdownSerializer(help_text=_("By life phase of the goal."))
    over_time = QuarterSerializer(many=True)


class StateBalanceSerializer(BalanceSerializer):
    municipalities = MunicipalityRowSerializer(many=True)
