"""The AGS becomes optional, unique when given: a blank key is stored as NULL."""

import django.core.validators
from django.db import migrations, models


def blank_to_null(apps, schema_editor):
    Municipality = apps.get_model("kette_core", "Municipality")
    Municipality.objects.filter(ags="").update(ags=None)


class Migration(migrations.Migration):
    dependencies = [
        ("kette_core", "0003_organisation_hsds_id"),
    ]

    operations = [
        migrations.AlterField(
            model_name="municipality",
            name="ags",
            field=models.CharField(
                blank=True,
                help_text="8 digits; the first two name the state, e.g. 05119000.",
                max_length=8,
                null=True,
                unique=True,
                validators=[
                    django.core.validators.RegexValidator(
                        "^\\d{8}$",
                        "The official municipality key (AGS) has exactly 8 digits.",
                    )
                ],
                verbose_name="official municipality key (AGS)",
            ),
        ),
        migrations.RunPython(blank_to_null, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="municipality",
            constraint=models.CheckConstraint(
                condition=models.Q(("ags", ""), _negated=True),
                name="municipality_ags_not_blank",
            ),
        ),
    ]
