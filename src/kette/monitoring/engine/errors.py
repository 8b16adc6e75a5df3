"""The engine's one error: a definition (or its data) that cannot be used."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def _(message: str) -> str:
    """Marks a message for translation (gettext's tools find it) without
    making the engine depend on Django: callers translate ``template``."""
    return message


class DefinitionError(ValueError):
    """A definition that cannot be used; ``path`` says where.

    ``template`` (English, marked for translation) with ``params`` is the
    message; ``message`` the English text."""

    def __init__(self, path: str, template: str, **params: Any) -> None:
        self.path = path
        self.template = template
        self.params = params
        self.message = template % params if params else template
        super().__init__(f"{path}: {self.message}" if path else self.message)

    def text(self, translate: Callable[[str], str] = str) -> str:
        """The message in the language of ``translate`` (e.g. gettext)."""
        template = translate(self.template)
        return template % self.params if self.params else template
