from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("kette_monitoring", "0002_indicator_licence_minimum_count"),
    ]

    operations = [
        migrations.AddField(
            model_name="indicator",
            name="record_source",
            field=models.CharField(
                blank=True,
                help_text="the individual-level records the figures are counted from; indicators from the same records are withheld together in public",
                max_length=200,
                verbose_name="record source",
            ),
        ),
    ]
