"""Review rounds: personal links to update measure statuses, comments, report."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("kette_goals", "0003_indicators"),
    ]

    operations = []
