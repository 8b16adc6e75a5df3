"""Indexes for the balance over status history: a municipality's measures by
status and type, and its status history by day and status, each counted from
its index alone (see kette.goals.selectors.balance_counts)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("kette_goals", "0006_reminders"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="measure",
            name="kette_goals_municip_05d718_idx",
        ),
        migrations.RemoveIndex(
            model_name="measurestatuschange",
            name="kette_goals_municip_82bb8d_idx",
        ),
        migrations.AddIndex(
            model_name="measure",
            index=models.Index(
                fields=["municipality", "status", "measure_type"],
                name="kette_goals_municip_e3deca_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="measurestatuschange",
            index=models.Index(
                fields=["municipality", "on", "new_status", "old_status"],
                name="kette_goals_municip_f9f893_idx",
            ),
        ),
    ]
