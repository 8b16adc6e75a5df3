"""Reminder log of measure deadlines (idempotent reminders)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("kette_goals", "0005_quality_cycle"),
    ]

    operations = []
