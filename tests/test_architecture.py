"""Conventions that keep tenant scoping hard to forget, and the import map.

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


# --- Direction of imports between apps and between layers ---
#
# core imports no other kette app; a domain app (offers, monitoring and every
# later one) imports only core; goals builds on offers and monitoring too;
# api reads them all; only the project's root URLconf imports api. Inside an app, models are the bottom layer,
# selectors and services never reach up to forms, views or URLs, and views are
# imported only by URLconfs and other views. docs/architecture.md describes
# the same map.

# Every kette app besides core and api may import these apps.
DOMAIN_APP_IMPORTS = {"core"}
APP_IMPORTS: dict[str, set[str] | None] = {
    "core": set(),
    # Measures link the offers they create; goal indicators take their actual
    # values from monitoring's indicators, the balance charts draw with its
    # chart pieces (issue 12).
    "goals": {"core", "offers", "monitoring"},
    # Bodies link goals and measures; the registry import reads tables with
    # monitoring's spreadsheet reader and the grid import's columns (issue 13).
    "networks": {"core", "goals", "monitoring"},
    "api": None,  # any app
}
# Root modules (kette.urls, kette.settings) may import any app.
# Documented exceptions: (importing app, imported module prefix) -> reason.
# None today: monitoring imported offers' ProgressBar until it moved into core.
IMPORT_EXCEPTIONS: dict[tuple[str, str], str] = {}
LAYER_FORBIDDEN = {
    "models": {"forms", "selectors", "services", "urls", "views"},
    "selectors": {"forms", "services", "urls", "views"},
    "services": {"forms", "urls", "views"},
    "forms": {"urls", "views"},
}
LAYERS = ("models", "selectors", "services", "forms", "views", "urls")


def module_name(path: Path) -> str:
    parts = ("kette", *path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_names(module: str, is_package: bool, tree: ast.AST):
    """(line, dotted name) of every kette import, relative ones resolved."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                package = module.split(".")
                if not is_package:
                    package = package[:-1]
                package = package[: len(package) - (node.level - 1)]
                base = ".".join([*package, *([node.module] if node.module else [])])
            else:
                base = node.module or ""
            for alias in node.names:
                yield node.lineno, f"{base}.{alias.name}"


def app_of(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 2 and parts[0] == "kette" else None


def layer_of(name: str) -> str | None:
    """The layer a dotted name lies in: the first part naming one (views/, forms/)."""
    for part in name.split(".")[1:]:
        for layer in LAYERS:
            if part == layer or part.startswith(f"{layer}_"):
                return layer
    return None


def import_violations(module: str, source: str, *, is_package: bool = False):
    """Each import of ``module`` that breaks the app or layer direction, readably."""
    app, layer = app_of(module), layer_of(module)
    found = []
    for line, name in imported_names(module, is_package, ast.parse(source)):
        target = app_of(name)
        if target is None:
            continue
        where = f"{module} line {line} imports {name}"
        if target != app:
            allowed = APP_IMPORTS.get(app, DOMAIN_APP_IMPORTS) if app else None
            excepted = any(
                importer == app and name.startswith(prefix)
                for importer, prefix in IMPORT_EXCEPTIONS
            )
            if allowed is not None and target not in allowed and not excepted:
                rule = f"may import only {', '.join(sorted(allowed))}"
                found.append(f"{where}: {app} {rule if allowed else 'imports no app'}")
                continue
        target_layer = layer_of(name)
        if target_layer in LAYER_FORBIDDEN.get(layer, set()):
            found.append(f"{where}: {layer} never import {target_layer}")
        elif target_layer == "views" and layer not in ("views", "urls"):
            found.append(f"{where}: only URLconfs and views import views")
    return found


def test_apps_and_layers_import_only_downwards():
    files = [p for p in SRC.rglob("*.py") if "migrations" not in p.parts]
    assert len(files) > 100, "no modules found: the walk is broken"
    violations = [
        problem
        for path in files
        for problem in import_violations(
            module_name(path), path.read_text(), is_package=path.stem == "__init__"
        )
    ]
    assert not violations, "imports against the map of docs/architecture.md:\n" + (
        "\n".join(violations)
    )


def test_import_check_names_module_line_and_import():
    assert import_violations(
        "kette.core.selectors", "\nfrom kette.offers import x"
    ) == ["kette.core.selectors line 2 imports kette.offers.x: core imports no app"]
    [problem] = import_violations(
        "kette.monitoring.management.commands.import_records",
        "from kette.offers.hsds.progress import ProgressBar",
    )
    assert problem.endswith("monitoring may import only core")
    [problem] = import_violations("kette.offers.services", "import kette.goals.y")
    assert "kette.offers.services line 1 imports kette.goals.y" in problem
    assert import_violations("kette.goals.services", "import kette.monitoring.y") == []
    assert import_violations("kette.api.views", "from kette.offers import models") == []
    [problem] = import_violations("kette.offers.views", "from kette.api import views")
    assert problem.endswith("offers may import only core")


def test_import_check_resolves_relative_imports_and_layers():
    [problem] = import_violations(
        "kette.offers.models.offer", "from ...offers.services import content"
    )
    assert "imports kette.offers.services.content: models never import services" in (
        problem
    )
    [problem] = import_violations(
        "kette.offers.services.workflow", "from ..views import staff"
    )
    assert "services never import views" in problem
    [problem] = import_violations(
        "kette.offers.selectors.public", "from .. import services"
    )
    assert "selectors never import services" in problem
    [problem] = import_violations("kette.offers.display", "from .views import staff")
    assert "only URLconfs and views import views" in problem
    assert (
        import_violations("kette.offers.urls.staff", "from ..views import staff") == []
    )
    assert (
        import_violations(
            "kette.offers.forms.staff", "from .editor import X", is_package=True
        )
        == []
    )
    assert import_violations("kette.urls", "from kette.api.views import base") == []
