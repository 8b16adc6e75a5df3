"""``kette demo``: the goals app's demo data for Musterstadt.

Importing this package registers its builders (see kette.core.demo.register).
"""

from . import grids, quality, workshops

__all__ = ["grids", "quality", "workshops"]
