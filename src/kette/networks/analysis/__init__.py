"""Analysis of a municipality's networks and working bodies: overlap
(possible parallel structures), load (who sits in how many bodies), the
two-mode graph of organisations × bodies and membership over time.

Plain typed functions over numpy/scipy arrays and networkx graphs, read from
one snapshot of the memberships (``data.snapshot``); the pages only render
what these return. Definitions: docs/networks.md, section "Analysis".
"""
