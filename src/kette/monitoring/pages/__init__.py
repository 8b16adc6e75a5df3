"""What the monitoring pages show, built from the selectors: charts, their
data tables and CSV files. The views only pick the page and render it.

Public pages and the staff area share these builders; ``Scope.public``
decides whether only published indicators and suppressed figures appear.
"""
