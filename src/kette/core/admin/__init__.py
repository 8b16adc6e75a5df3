"""The Django admin for the state coordination office.

Every ModelAdmin asks the named rules (``is_staff`` plays no part; superusers,
the installation's operators, count as state admins in kette.core.roles) and
records every save and delete in the audit trail. Models with services
(districts, organisations, memberships, passwords, second factor, lockouts)
are written through those services; third-party models (groups, TOTP devices,
django-axes records) are not in the admin at all.
"""

from . import people, places, vocabularies  # noqa: F401 - they register the models
