"""Indicators on goals and measures: baselines, targets and actuals per period."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import kette.goals.models.indicators


class Migration(migrations.Migration):
    dependencies = [
        ("kette_goals", "0002_workshops"),
        ("kette_monitoring", "0003_indicator_record_source"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="GoalIndicator",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "level",
                    models.CharField(
                        choices=[
                            ("input", "input"),
                            ("output", "output"),
                            ("outcome", "outcome"),
                        ],
                        max_length=10,
                        verbose_name="type of indicator",
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                (
                    "description",
                    models.TextField(
                        blank=True,
                        help_text="e.g. how it is counted and where the figures come from",
                        verbose_name="what is measured",
                    ),
                ),
                (
                    "unit",
                    models.CharField(blank=True, max_length=40, verbose_name="unit"),
                ),
                (
                    "direction",
                    models.CharField(
                        choices=[
                            ("higher_is_better", "higher is better"),
                            ("lower_is_better", "lower is better"),
                        ],
                        default="higher_is_better",
                        max_length=20,
                        verbose_name="direction",
                    ),
                ),
                (
                    "baseline_value",
                    models.FloatField(blank=True, null=True, verbose_name="baseline"),
                ),
                (
                    "baseline_period",
                    models.CharField(
                        blank=True,
                        max_length=7,
                        validators=[kette.goals.models.indicators.validate_period],
                        verbose_name="period of the baseline",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "goal",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="indicators",
                        to="kette_goals.goal",
                        verbose_name="goal",
                    ),
                ),
                (
                    "measure",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="indicators",
                        to="kette_goals.measure",
                        verbose_name="measure",
                    ),
                ),
                (
                    "monitoring_district",
                    models.ForeignKey(
                        blank=True,
                        help_text="empty: the municipality as a whole",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="kette_core.district",
                        verbose_name="district of the monitoring",
                    ),
                ),
                (
                    "monitoring_indicator",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="goal_indicators",
                        to="kette_monitoring.indicator",
                        verbose_name="indicator of the monitoring",
                    ),
                ),
                (
                    "municipality",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="kette_core.municipality",
                        verbose_name="municipality",
                    ),
                ),
            ],
            options={
                "verbose_name": "goal indicator",
                "verbose_name_plural": "goal indicators",
                "ordering": ["level", "name", "id"],
            },
        ),
        migrations.CreateModel(
            name="IndicatorActual",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "period",
                    models.CharField(
                        max_length=7,
                        validators=[kette.goals.models.indicators.validate_period],
                        verbose_name="period",
                    ),
                ),
                ("value", models.FloatField(verbose_name="actual value")),
                ("recorded_on", models.DateField(verbose_name="as of")),
                ("comment", models.TextField(blank=True, verbose_name="comment")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "indicator",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="actuals",
                        to="kette_goals.goalindicator",
                        verbose_name="goal indicator",
                    ),
                ),
                (
                    "municipality",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="kette_core.municipality",
                        verbose_name="municipality",
                    ),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="entered by",
                    ),
                ),
            ],
            options={
                "verbose_name": "actual value",
                "verbose_name_plural": "actual values",
            },
        ),
        migrations.CreateModel(
            name="IndicatorTarget",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "period",
                    models.CharField(
                        max_length=7,
                        validators=[kette.goals.models.indicators.validate_period],
                        verbose_name="period",
                    ),
                ),
                ("value", models.FloatField(verbose_name="target")),
                (
                    "indicator",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="targets",
                        to="kette_goals.goalindicator",
                        verbose_name="goal indicator",
                    ),
                ),
                (
                    "municipality",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="kette_core.municipality",
                        verbose_name="municipality",
                    ),
                ),
            ],
            options={
                "verbose_name": "target",
                "verbose_name_plural": "targets",
            },
        ),
        migrations.AddConstraint(
            model_name="goalindicator",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("goal__isnull", False), ("measure__isnull", True)),
                    models.Q(("goal__isnull", True), ("measure__isnull", False)),
                    _connector="OR",
                ),
                name="goal_indicator_goal_xor_measure",
            ),
        ),
        migrations.AddConstraint(
            model_name="indicatoractual",
            constraint=models.UniqueConstraint(
                fields=("indicator", "period"), name="goal_indicator_actual_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="indicatortarget",
            constraint=models.UniqueConstraint(
                fields=("indicator", "period"), name="goal_indicator_target_unique"
            ),
        ),
    ]
