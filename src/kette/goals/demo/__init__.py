"""``kette demo``: the goals app's demo data for Musterstadt.

Importing this package registers its builders (see kette.core.demo.register).
"""

from . import grids, indicators, model_municipalities, quality, reviews, workshops

__all__ = [
    "grids",
    "indicators",
    "model_municipalities",
    "quality",
    "reviews",
    "workshops",
]
