"""Indicators on goals and measures: baselines, targets and actuals per period."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("kette_goals", "0002_workshops"),
    ]

    operations = []
