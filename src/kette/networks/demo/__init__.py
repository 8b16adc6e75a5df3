"""``kette demo``: the networks app's demo data for Musterstadt.

Importing this package registers its builders (see kette.core.demo.register).
"""

from . import checklist, meetings, registry

__all__ = ["checklist", "meetings", "registry"]
