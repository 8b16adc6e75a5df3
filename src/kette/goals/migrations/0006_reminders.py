"""Reminder log of measure deadlines (idempotent reminders) and the keys of
personal calendar feeds of measure deadlines."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import kette.goals.models.deadlines


class Migration(migrations.Migration):
    dependencies = [
        ("kette_goals", "0005_quality_cycle"),
    ]

    operations = [
        migrations.CreateModel(
            name='CalendarFeedKey',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.CharField(default=kette.goals.models.deadlines.new_feed_key, editable=False, max_length=64, unique=True, verbose_name='key')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('municipality', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='kette_core.municipality', verbose_name='municipality')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='person')),
            ],
            options={
                'verbose_name': 'calendar feed key',
                'verbose_name_plural': 'calendar feed keys',
                'constraints': [models.UniqueConstraint(fields=('municipality', 'user'), name='calendar_feed_key_unique_user')],
            },
        ),
        migrations.CreateModel(
            name='MeasureReminder',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('due_soon', 'due soon'), ('overdue', 'overdue')], max_length=10, verbose_name='kind')),
                ('due', models.DateField(verbose_name='due')),
                ('sent_on', models.DateField(verbose_name='sent on')),
                ('measure', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reminders', to='kette_goals.measure', verbose_name='measure')),
                ('municipality', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='kette_core.municipality', verbose_name='municipality')),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='person')),
            ],
            options={
                'verbose_name': 'measure reminder',
                'verbose_name_plural': 'measure reminders',
                'ordering': ['-sent_on', '-id'],
                'indexes': [models.Index(fields=['measure', 'kind', 'sent_on'], name='kette_goals_measure_0b981c_idx')],
            },
        ),
    ]
