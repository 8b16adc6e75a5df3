"""Named permission rules of the monitoring (object: the municipality).

Planners (Fachplanung, statistics office) and coordinators work with all of
their municipality's data, unsuppressed; everybody else sees the public
monitoring pages, where only published indicators and indices appear and
small counts are suppressed. Role × object tests: tests/monitoring/test_rules.py.
"""

from __future__ import annotations

import rules

from kette.core.rules import is_coordinator, is_planner, is_state_admin

planners = is_state_admin | is_coordinator | is_planner

rules.add_perm("monitoring.view_data", planners)
rules.add_perm("monitoring.manage_data", planners)
rules.add_perm("monitoring.manage_indices", planners)
rules.add_perm("monitoring.manage_settings", is_state_admin | is_coordinator)
