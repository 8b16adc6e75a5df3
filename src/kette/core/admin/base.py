"""What every ModelAdmin of kette shares: the rules, the audit trail, services."""

from __future__ import annotations

from collections import Counter
from typing import Any

import rules
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django import forms
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.db.models.deletion import Collector
from django_otp.plugins.otp_totp.models import TOTPDevice

from .. import audit
from ..adminsite import may_use_admin
from ..forms import add_service_errors

ACCESS = "core.access_admin"

# Registered by their apps, but plain ModelAdmins would bypass the rules and the
# audit trail (and show TOTP secrets): their tasks are actions on users instead.
for _model in (Group, TOTPDevice, AccessAttempt, AccessLog, AccessFailureLog):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


def cascade_counts(obj: models.Model) -> dict[str, int]:
    """How many rows of each model are deleted along with ``obj``."""
    collector = Collector(using=router.db_for_write(type(obj)), origin=obj)
    collector.collect([obj])
    counts: Counter[str] = Counter()
    for model, instances in collector.data.items():
        counts[model._meta.label] += len(instances)
    for queryset in collector.fast_deletes:
        counts[queryset.model._meta.label] += queryset.count()
    counts[obj._meta.label] -= 1
    return {label: count for label, count in sorted(counts.items()) if count > 0}


class AuditedModelAdmin(admin.ModelAdmin):
    """Rules decide what the state admin may do; every write is audited.

    ``view_rule`` guards reading, ``edit_rule`` adding, changing and deleting.
    ``fixed_on_change`` are fields set when adding and read-only afterwards,
    such as the municipality: moving a record elsewhere would break its links.
    """

    view_rule = ACCESS
    edit_rule = ACCESS
    fixed_on_change: tuple[str, ...] = ()
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def _allowed(self, request, rule: str | None) -> bool:
        return bool(
            rule and may_use_admin(request.user) and rules.has_perm(rule, request.user)
        )

    def has_module_permission(self, request) -> bool:
        return self._allowed(request, self.view_rule)

    def has_view_permission(self, request, obj=None) -> bool:
        return self._allowed(request, self.view_rule)

    def has_add_permission(self, request) -> bool:
        return self._allowed(request, self.edit_rule)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._allowed(request, self.edit_rule)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._allowed(request, self.edit_rule)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            fields += [f for f in self.fixed_on_change if f not in fields]
        return fields

    def save_model(self, request, obj, form, change) -> None:
        # The form has already changed ``obj``: the old state comes from the
        # database. Recorded in save_related, once many-to-many fields are saved.
        obj._kette_audit_before = (
            audit.snapshot(type(obj)._default_manager.get(pk=obj.pk))
            if change
            else None
        )
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        obj = form.instance
        before = getattr(obj, "_kette_audit_before", None)
        if before is None:
            audit.record_created(actor=request.user, instance=obj)
        else:
            audit.record_updated(actor=request.user, instance=obj, before=before)

    def delete_one(self, request, obj) -> None:
        """Delete ``obj``, recording how many rows went with it."""
        cascade = cascade_counts(obj)
        audit.record_deleted(
            actor=request.user,
            instance=obj,
            before=audit.snapshot(obj),
            extra={"cascade": cascade} if cascade else None,
        )
        obj.delete()

    def delete_model(self, request, obj) -> None:
        with transaction.atomic():
            self.delete_one(request, obj)

    def delete_queryset(self, request, queryset) -> None:
        with transaction.atomic():
            for obj in queryset:
                self.delete_one(request, obj)


class ServiceForm(forms.ModelForm):
    """An admin form that writes through a service once it is valid otherwise.

    ``write(original)`` calls the service (``original`` is the object as
    stored, None when adding) and returns the saved object. It runs at the end
    of validation so that the service's ValidationError is shown on the form's
    fields; the admin's change view is one transaction, so nothing stays
    written if anything fails later. ``actor`` is set by ServiceModelAdmin,
    the fields by the ModelAdmin's ``fields``.
    """

    actor: Any = None

    def write(self, original: Any) -> models.Model:
        raise NotImplementedError

    def _post_clean(self) -> None:
        super()._post_clean()
        if self._errors:
            return
        instance = self.instance
        original = (
            None
            if instance._state.adding
            else type(instance)._default_manager.get(pk=instance.pk)
        )
        try:
            self.instance = self.write(original)
        except ValidationError as error:
            add_service_errors(self, error)


class ServiceModelAdmin(AuditedModelAdmin):
    """Writes are the form's (``ServiceForm.write``); deletes ``delete_one``'s."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"actor": request.user})

    def save_model(self, request, obj, form, change) -> None:
        """Saved (and audited) by the service during validation."""

    def save_related(self, request, form, formsets, change) -> None:
        """Many-to-many fields are the service's too."""
