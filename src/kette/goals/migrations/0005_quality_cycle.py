"""Quality-cycle self-assessments along the six stations and their standards."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("kette_goals", "0004_reviews"),
    ]

    operations = [
        migrations.CreateModel(
            name='QualityAssessment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200, verbose_name='title')),
                ('date', models.DateField(verbose_name='date')),
                ('participants', models.TextField(blank=True, help_text='Names or offices, e.g. steering group, youth welfare planning.', verbose_name='who took part')),
                ('note', models.TextField(blank=True, verbose_name='note')),
                ('state', models.CharField(choices=[('draft', 'draft'), ('completed', 'completed')], default='draft', max_length=10, verbose_name='state')),
                ('completed_on', models.DateField(blank=True, null=True, verbose_name='completed on')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('based_on', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='kette_goals.qualityassessment', verbose_name='copied from')),
                ('municipality', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='kette_core.municipality', verbose_name='municipality')),
            ],
            options={
                'verbose_name': 'quality-cycle self-assessment',
                'verbose_name_plural': 'quality-cycle self-assessments',
                'ordering': ['municipality', '-date', '-id'],
                'indexes': [models.Index(fields=['municipality', 'state', 'date'], name='quality_assessment_state_idx')],
            },
        ),
        migrations.CreateModel(
            name='StandardRating',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('rating', models.PositiveSmallIntegerField(blank=True, choices=[(0, '0 – not started'), (1, '1 – planned'), (2, '2 – begun'), (3, '3 – largely established'), (4, '4 – fully established')], null=True, verbose_name='rating')),
                ('evidence', models.TextField(blank=True, help_text='What shows it: decisions, documents, bodies, data.', verbose_name='evidence')),
                ('next_steps', models.TextField(blank=True, verbose_name='next steps')),
                ('due', models.DateField(blank=True, null=True, verbose_name='next step due')),
                ('assessment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='ratings', to='kette_goals.qualityassessment', verbose_name='self-assessment')),
                ('municipality', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='kette_core.municipality', verbose_name='municipality')),
                ('responsible_person', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='responsible for the next step')),
                ('standard', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='kette_core.stationstandard', verbose_name='standard')),
            ],
            options={
                'verbose_name': 'standard rating',
                'verbose_name_plural': 'standard ratings',
                'ordering': ['assessment_id', 'standard__station__number', 'standard__position'],
                'constraints': [models.UniqueConstraint(fields=('assessment', 'standard'), name='rating_unique_standard')],
            },
        ),
    ]
