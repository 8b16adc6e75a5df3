"""Review rounds: personal links to update measure statuses, comments, report."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import kette.goals.links


class Migration(migrations.Migration):
    dependencies = [
        ("kette_goals", "0003_indicators"),
    ]

    operations = [
        migrations.CreateModel(
            name="ReviewRound",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "title",
                    models.CharField(
                        help_text="e.g. Quarterly review Q1/2027",
                        max_length=200,
                        verbose_name="title",
                    ),
                ),
                ("opened_on", models.DateField(verbose_name="opened on")),
                (
                    "due_by",
                    models.DateField(
                        blank=True, null=True, verbose_name="answers due by"
                    ),
                ),
                (
                    "closed_on",
                    models.DateField(blank=True, null=True, verbose_name="closed on"),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "goals",
                    models.ManyToManyField(
                        blank=True,
                        help_text="Leave empty for all pursued goals.",
                        related_name="+",
                        to="kette_goals.goal",
                        verbose_name="goals",
                    ),
                ),
                (
                    "municipality",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="kette_core.municipality",
                        verbose_name="municipality",
                    ),
                ),
            ],
            options={
                "verbose_name": "review round",
                "verbose_name_plural": "review rounds",
                "ordering": ["municipality", "-opened_on", "-id"],
            },
        ),
        migrations.CreateModel(
            name="ReviewRequest",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                (
                    "email",
                    models.EmailField(
                        blank=True, max_length=254, verbose_name="e-mail"
                    ),
                ),
                (
                    "key",
                    models.CharField(
                        default=kette.goals.links.new_link_key,
                        editable=False,
                        max_length=64,
                        unique=True,
                    ),
                ),
                (
                    "answered_at",
                    models.DateTimeField(
                        blank=True, null=True, verbose_name="answered at"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "municipality",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="kette_core.municipality",
                        verbose_name="municipality",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="kette_core.organisation",
                        verbose_name="organisation",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="person with an account",
                    ),
                ),
                (
                    "review_round",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="requests",
                        to="kette_goals.reviewround",
                        verbose_name="review round",
                    ),
                ),
            ],
            options={
                "verbose_name": "review request",
                "verbose_name_plural": "review requests",
                "ordering": ["review_round", "name", "id"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("user__isnull", False)),
                        fields=("review_round", "user"),
                        name="review_request_unique_user",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("organisation__isnull", False)),
                        fields=("review_round", "organisation"),
                        name="review_request_unique_organisation",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="ReviewMail",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("sent_at", models.DateTimeField(verbose_name="sent at")),
                (
                    "recipient",
                    models.EmailField(max_length=254, verbose_name="recipient"),
                ),
                ("subject", models.CharField(max_length=300, verbose_name="subject")),
                (
                    "sent_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="sent by",
                    ),
                ),
                (
                    "request",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="mails",
                        to="kette_goals.reviewrequest",
                    ),
                ),
            ],
            options={
                "verbose_name": "review e-mail",
                "verbose_name_plural": "review e-mails",
                "ordering": ["request", "-sent_at", "-id"],
            },
        ),
        migrations.AddField(
            model_name="measurestatuschange",
            name="review_request",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="status_changes",
                to="kette_goals.reviewrequest",
                verbose_name="review request",
            ),
        ),
    ]
