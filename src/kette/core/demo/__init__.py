"""``kette demo``: the fictional city of Musterstadt and its neighbour Kleinhausen.

Other apps add their own demo data with builders in ``kette.<app>.demo``
(see :func:`register` and docs/demo.md). Importing this package registers
core's own builders (orders 0–30).
"""

from . import geography, organisations, people
from .registry import ACTOR_NAME, DemoContext, DemoLogin, discover, register, run

__all__ = [
    "ACTOR_NAME",
    "DemoContext",
    "DemoLogin",
    "discover",
    "geography",
    "organisations",
    "people",
    "register",
    "run",
]
