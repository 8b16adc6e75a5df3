"""``kette demo``: the goals app's demo data for Musterstadt.

Importing this package registers its builders (see kette.core.demo.register).
"""

from . import grids, indicators, quality, reviews, workshops

__all__ = ["grids", "indicators", "quality", "reviews", "workshops"]
