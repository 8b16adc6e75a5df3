"""API tokens get a scope and are bound to their user's password.

Tokens issued before could write, so they keep the full scope; they are bound
to the password their user has now.
"""

import hashlib

from django.db import migrations, models


def bind_to_current_passwords(apps, schema_editor):
    ApiToken = apps.get_model("kette_core", "ApiToken")
    for token in ApiToken.objects.select_related("user"):
        token.password_fingerprint = hashlib.sha256(
            f"kette.api-token:{token.user.password}".encode()
        ).hexdigest()
        token.save(update_fields=["password_fingerprint"])


class Migration(migrations.Migration):
    dependencies = [
        ("kette_core", "0004_municipality_ags_optional"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="scope",
            field=models.CharField(
                choices=[("read", "read only"), ("full", "read and write")],
                default="full",
                max_length=4,
                verbose_name="scope",
            ),
        ),
        migrations.AlterField(
            model_name="apitoken",
            name="scope",
            field=models.CharField(
                choices=[("read", "read only"), ("full", "read and write")],
                default="read",
                max_length=4,
                verbose_name="scope",
            ),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="password_fingerprint",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.RunPython(bind_to_current_passwords, migrations.RunPython.noop),
    ]
