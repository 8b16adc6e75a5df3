"""The demo builder registry, the context builders share, and the run itself.

Every installed kette app may contribute demo data: ``kette.<app>.demo`` is
imported, and its builders (functions decorated with :func:`register`, or a
plain module-level ``build(context)``) run in order after core's. See
docs/demo.md.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass, field
from random import Random
from typing import Any, TypeVar

from django.apps import apps
from django.db import models, transaction

from .. import audit
from ..models import Municipality, User

#: Changing the seed changes every random choice the demo makes.
SEED = 20250601
#: Audit entries of demo writes carry this name and no person.
ACTOR_NAME = "demo"
#: Order of a module-level ``build`` that is not decorated with ``register``.
DEFAULT_ORDER = 100

Builder = Callable[["DemoContext"], None]
M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class DemoLogin:
    """One line of the login table printed at the end."""

    username: str
    password: str
    role: str
    municipality: Municipality | None
    #: The authenticator key (base32) when the role requires two-factor login.
    totp_key: str = ""


@dataclass
class DemoContext:
    """What builders share: the places and people made so far, randomness, output.

    ``municipalities`` and ``users`` are keyed by slug and username
    (``context.municipalities["musterstadt"]``, ``context.users["traeger"]``).
    """

    say: Callable[[str], None] = print
    seed: int = SEED
    municipalities: dict[str, Municipality] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    logins: list[DemoLogin] = field(default_factory=list)
    random: Random = field(init=False)
    _created: list[models.Model] = field(default_factory=list, repr=False)
    _updated: list[tuple[models.Model, audit.Snapshot]] = field(
        default_factory=list, repr=False
    )

    def __post_init__(self) -> None:
        self.random = Random(self.seed)

    def random_for(self, name: str) -> Random:
        """A generator of its own for ``name``.

        Prefer it to the shared ``random``: a builder's data then stays the
        same when another builder draws more or fewer numbers.
        """
        return Random(f"{self.seed}:{name}")

    def record_created(self, instance: models.Model) -> None:
        self._created.append(instance)

    def record_updated(self, instance: models.Model, before: audit.Snapshot) -> None:
        self._updated.append((instance, before))

    def upsert(
        self, model: type[M], *, lookup: dict[str, Any], values: dict[str, Any]
    ) -> M:
        """The object found by its natural key ``lookup``, set to ``values``.

        Validated with ``full_clean()``; saved and recorded in the audit
        trail only when it is new or a value differs, so a second run writes
        nothing.
        """
        instance = model._default_manager.filter(**lookup).first()
        if instance is None:
            instance = model(**lookup, **values)
            instance.full_clean()
            instance.save()
            self.record_created(instance)
            return instance
        before = audit.snapshot(instance)
        for name, value in values.items():
            setattr(instance, name, value)
        if audit.snapshot(instance) != before:
            instance.full_clean()
            instance.save()
            self.record_updated(instance, before)
        return instance

    def flush_audit(self) -> None:
        """Write the collected audit entries (actor: none, name: ``demo``)."""
        audit.record_many(
            actor=None,
            actor_name=ACTOR_NAME,
            created=self._created,
            updated=self._updated,
        )
        self._created, self._updated = [], []


_builders: dict[str, tuple[int, Builder]] = {}


def _key(builder: Builder) -> str:
    return f"{builder.__module__}.{builder.__qualname__}"


def register(order: int) -> Callable[[Builder], Builder]:
    """Register a demo builder; lower ``order`` runs first (core uses 0–99)."""

    def decorate(builder: Builder) -> Builder:
        _builders[_key(builder)] = (order, builder)
        return builder

    return decorate


def discover() -> list[Builder]:
    """Import ``<app>.demo`` of every installed kette app; builders in order."""
    for config in apps.get_app_configs():
        if not config.name.startswith("kette."):
            continue
        name = f"{config.name}.demo"
        if importlib.util.find_spec(name) is None:
            continue
        module = importlib.import_module(name)
        build = getattr(module, "build", None)
        if callable(build) and _key(build) not in _builders:
            _builders[_key(build)] = (DEFAULT_ORDER, build)
    ranked = sorted(_builders.items(), key=lambda item: (item[1][0], item[0]))
    return [builder for _, (_, builder) in ranked]


def run(*, say: Callable[[str], None] = print, seed: int = SEED) -> DemoContext:
    """Build (or bring back) the whole demo in one transaction."""
    context = DemoContext(say=say, seed=seed)
    builders = discover()
    with transaction.atomic():
        for builder in builders:
            builder(context)
        context.flush_audit()
    return context
