"""Indexes for the balance over status history."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("kette_goals", "0006_reminders"),
    ]

    operations = []
