"""Quality-cycle self-assessments along the six stations and their standards."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("kette_goals", "0004_reviews"),
    ]

    operations = []
