"""The composite index engine (numpy only; see docs/monitoring-index.md)."""

from .compute import Result, classify, compute, normalise, ranks, standardise, transform
from .definition import Definition, DefinitionError, parse

__all__ = [
    "Definition",
    "DefinitionError",
    "Result",
    "classify",
    "compute",
    "normalise",
    "parse",
    "ranks",
    "standardise",
    "transform",
]
