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
    """Views, API handlers and serialisers: everything but selectors and services."""
    files = []
    for path in SRC.rglob("*.py"):
        parts = path.relative_to(SRC).parts
        if "migrations" in parts or "management" in parts:
            continue
        if path.stem.startswith(("selectors", "services")) or "services" in parts:
            continue
        if parts[0] == "api" or any(p.startswith("views") for p in parts):
            files.append(path)
    return files


def municipal_model_names() -> set[str]:
    """Models holding one municipality's data (vocabularies are shared, not listed)."""
    names = {"Membership", "AuditEntry", "ApiToken", "User"}
    for model in apps.get_models():
        if issubclass(model, TenantModel):
            names.add(model.__name__)
    return names


def unscoped_manager_uses(tree: ast.AST, models: set[str]) -> list[int]:
    """Lines where ``<Model>.objects`` is used without ``.for_municipality(...)``."""
    parents = {
        child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)
    }
    lines = []
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Attribute)
            and node.attr in {"objects", "_default_manager"}
            and isinstance(node.value, ast.Name)
            and node.value.id in models
        ):
            continue
        parent = parents.get(node)
        if isinstance(parent, ast.Attribute) and parent.attr == "for_municipality":
            continue
        lines.append(node.lineno)
    return lines


def test_views_and_api_never_query_municipal_data_unscoped():
    models = municipal_model_names()
    assert {"Organisation", "District"} <= models
    files = thin_layer_files()
    assert files, "no views found: the walk is broken"
    offenders = [
        f"{path.relative_to(SRC)}:{line}"
        for path in files
        for line in unscoped_manager_uses(ast.parse(path.read_text()), models)
    ]
    assert not offenders, (
        "views and API handlers read municipal data through selectors (or "
        f"scoped with for_municipality) and write through services: {offenders}"
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
