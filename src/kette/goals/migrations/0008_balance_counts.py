"""The balance counts kept per municipality (kette.goals.services.balance),
filled for the data already there."""

import django.db.models.deletion
from django.db import migrations, models

from kette.goals.services.balance import rebuild_balance_counts


def fill(apps, schema_editor):
    rebuild_balance_counts(registry=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("kette_core", "0006_membership_labels"),
        ("kette_goals", "0007_balance_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="BalanceCount",
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
                ("kind", models.CharField(max_length=20)),
                ("term", models.IntegerField(blank=True, null=True)),
                ("quarter", models.IntegerField(blank=True, null=True)),
                ("n", models.IntegerField()),
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
                "verbose_name": "balance count",
                "verbose_name_plural": "balance counts",
                "indexes": [
                    models.Index(
                        fields=["kind", "term", "quarter", "n"],
                        name="kette_goals_kind_2c9197_idx",
                    )
                ],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
