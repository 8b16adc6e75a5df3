"""``OfferEditor`` bundles the offer form with its repeatable parts (places,
weekly times, dated sessions, contact persons) as formsets. It turns the
input into the content dict of ``services/content.py`` and puts the
services' errors ("locations.0.latitude") back on the field they name, so
nothing typed is lost and every message sits where it belongs.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from kette.core.models import Organisation

from .offer import PREGNANCY, OfferForm
from .parts import Part, _parts


class OfferEditor:
    """The whole offer form: main fields plus the four repeatable parts."""

    def __init__(
        self,
        data: Any = None,
        *,
        content: dict | None = None,
        organisations: Iterable[Organisation],
        add: str = "",
    ):
        content = content or {}
        low = content.get("min_age_months")
        pregnancy_start = low if isinstance(low, int) and low < 0 else PREGNANCY
        self.parts = _parts()
        self.by_name = {part.name: part for part in self.parts}
        quiet = bool(add)
        if data is not None and add in self.by_name:
            data = data.copy()
            key = f"{add}-TOTAL_FORMS"
            try:
                data[key] = str(int(data.get(key, 0)) + 1)
            except ValueError:
                data[key] = "1"
        self.data = data
        self.form = OfferForm(
            data,
            initial=OfferForm.initial_from(content),
            organisations=organisations,
            pregnancy_start=pregnancy_start,
        )
        self.form.quiet = quiet
        rows = self._initial_rows(content)
        locations = self._make_formset(self.by_name["locations"], rows["locations"])
        choices = self._location_choices(locations, rows["locations"])
        for part in self.parts[1:]:
            kwargs = {"location_choices": choices} if part.name != "contacts" else {}
            self._make_formset(part, rows[part.name], **kwargs)
        for part in self.parts:
            for form in part.formset.forms:
                form.quiet = quiet
        self.index: dict[str, list[tuple[str, int]]] = {}

    @staticmethod
    def _initial_rows(content: dict) -> dict[str, list[dict]]:
        schedules = content.get("schedules") or []
        rows = {
            "locations": [dict(r or {}) for r in content.get("locations") or []],
            "weekly": [
                dict(s or {}) for s in schedules if (s or {}).get("kind") != "dated"
            ],
            "dated": [
                dict(s or {}) for s in schedules if (s or {}).get("kind") == "dated"
            ],
            "contacts": [dict(r or {}) for r in content.get("contacts") or []],
        }
        for name in ("weekly", "dated"):
            for row in rows[name]:
                if isinstance(row.get("location"), int):
                    row["location"] = str(row["location"])
        return rows

    def _make_formset(self, part: Part, rows: list[dict], **form_kwargs: Any):
        initial = [part.form.initial_from(row or {}) for row in rows]
        # A part with nothing in it yet shows one empty form to fill in.
        part.formset = part.formset_class(extra=0 if initial else 1)(
            self.data,
            initial=initial or None,
            prefix=part.name,
            form_kwargs=form_kwargs,
        )
        return part.formset

    def _location_choices(self, formset, rows: list[dict]) -> list[tuple[str, str]]:
        part = self.by_name["locations"]
        choices = []
        for index, form in enumerate(formset.forms):
            if self.data is not None:
                name = form["name"].data or form["street"].data or ""
            else:
                row = rows[index] if index < len(rows) else {}
                name = row.get("name") or row.get("street") or ""
            label = part.item_label(index)
            choices.append((str(index), f"{label}: {name}" if name else label))
        return choices

    # --- validation ---------------------------------------------------------

    def used_forms(self, part: Part) -> list[tuple[int, forms.Form]]:
        return [
            (index, form)
            for index, form in enumerate(part.formset.forms)
            if not form.is_removed() and not form.is_blank()
        ]

    def is_valid(self) -> bool:
        valid = self.form.is_valid()
        for part in self.parts:
            if not part.formset.management_form.is_valid():
                self.form.add_error(
                    None, _("The form was incomplete; please check it.")
                )
                valid = False
                continue
            for _index, form in self.used_forms(part):
                valid = form.is_valid() and valid
        return valid and self._check_places()

    def _check_places(self) -> bool:
        used = {index for index, _form in self.used_forms(self.by_name["locations"])}
        ok = True
        for name in ("weekly", "dated"):
            for _index, form in self.used_forms(self.by_name[name]):
                chosen = form.cleaned_data.get("location")
                if chosen and int(chosen) not in used:
                    form.add_error(
                        "location",
                        _("This place is empty or being removed; choose another."),
                    )
                    ok = False
        return ok

    def content(self) -> dict:
        """The content dict for the services; remembers which form made each row."""
        content = self.form.content()
        locations = self.used_forms(self.by_name["locations"])
        position = {index: n for n, (index, _form) in enumerate(locations)}
        content["locations"] = [form.row() for _index, form in locations]
        self.index = {"locations": [("locations", i) for i, _f in locations]}
        content["schedules"], self.index["schedules"] = [], []
        for name in ("weekly", "dated"):
            for index, form in self.used_forms(self.by_name[name]):
                row = form.row()
                chosen = form.cleaned_data.get("location")
                row["location"] = position[int(chosen)] if chosen else None
                content["schedules"].append(row)
                self.index["schedules"].append((name, index))
        contacts = self.used_forms(self.by_name["contacts"])
        content["contacts"] = [form.row() for _index, form in contacts]
        self.index["contacts"] = [("contacts", i) for i, _f in contacts]
        return content

    def add_service_errors(self, error: ValidationError) -> None:
        """Put each of a service's errors on the form field its key names."""
        if not hasattr(error, "error_dict"):
            for message in error.messages:
                self.form.add_error(None, message)
            return
        for key, errors in error.error_dict.items():
            for message in errors:
                self._add_error(key, message)

    def _add_error(self, key: str, message: Any) -> None:
        head, _sep, rest = key.partition(".")
        if head in self.index and rest:
            number, _sep, field = rest.partition(".")
            targets = self.index[head]
            if number.isdigit() and int(number) < len(targets):
                part_name, form_index = targets[int(number)]
                form = self.by_name[part_name].formset.forms[form_index]
                form.add_error(field if field in form.fields else None, message)
                return
        name = OfferForm.SERVICE_FIELDS.get(key, key)
        if name in self.form.fields:
            self.form.add_error(name, message)
        elif key == NON_FIELD_ERRORS:
            self.form.add_error(None, message)
        else:
            self.form.add_error(None, f"{key}: {message}")

    def error_summary(self) -> list[tuple[str, str]]:
        """(link target, text) for every error on the page, in page order."""
        entries = [("", str(m)) for m in self.form.non_field_errors()]
        for field in self.form:
            entries += [(_anchor(field), f"{field.label}: {m}") for m in field.errors]
        for part in self.parts:
            for label, form in part.items():
                entries += [("", f"{label}: {m}") for m in form.non_field_errors()]
                entries += [
                    (_anchor(field), f"{label} – {field.label}: {m}")
                    for field in form
                    for m in field.errors
                ]
        return entries


def _anchor(field: forms.BoundField) -> str:
    return f"{field.auto_id}_0" if field.field.widget.use_fieldset else field.auto_id
