"""Conventions that keep tenant scoping hard to forget.

Views and API handlers never query models directly: they go through
selectors and services, which take the municipality as a required argument.
"""

from __future__ import annotations

import ast
from pathlib import Path

from django.apps import apps

from kette.core.models import Municipality, TenantModel

SRC = Path(__file__).resolve().parents[1] / "src" / "kette"
THIN_LAYERS = ("views", "api")
# Models whose municipality link is not the tenant scope itself.
NOT_TENANT_DATA = {"kette_core.AuditEntry", "kette_core.Membership"}


def thin_layer_files() -> list[Path]:
    files = []
    for path in SRC.rglob("*.py"):
        parts = path.relative_to(SRC).parts
        if "migrations" in parts or "management" in parts:
            continue
        if parts[0] == "api" or any(p.startswith("views") for p in parts):
            files.append(path)
    return files


def test_views_and_api_never_touch_model_managers():
    offenders = []
    for path in thin_layer_files():
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in {
                "objects",
                "_default_manager",
            }:
                offenders.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert thin_layer_files(), "no views found: the walk is broken"
    assert not offenders, (
        "views and API handlers must read through selectors and write through "
        f"services: {offenders}"
    )


def test_every_model_with_a_municipality_is_tenant_data():
    for model in apps.get_models():
        if model._meta.app_label.startswith("kette_") is False:
            continue
        if model is Municipality or model._meta.label in NOT_TENANT_DATA:
            continue
        field_targets = [
            f.related_model for f in model._meta.fields if f.name == "municipality"
        ]
        if field_targets:
            assert issubclass(model, TenantModel), (
                f"{model._meta.label} has a municipality: derive it from TenantModel"
            )
