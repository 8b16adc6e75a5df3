"""Individual-level records (school-entry screening, U-examinations, …) turned
into counts per district and period, with persons pseudonymised in memory.

Only the aggregates are stored: no name, birth date, address or pseudonym
ever reaches the database, the logs or a message. See docs/monitoring-records.md.

- ``spec``: the JSON description of a file (``kette-records/1``).
- ``pseudonyms``: the municipality's secret key and the keyed hash.
- ``reading``: the file's rows → one checked record per row.
- ``aggregate``: records → counts, indicators, observations (the service).
- ``demo``: a fictional screening file for ``kette demo``.
"""
