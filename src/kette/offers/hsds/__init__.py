"""Open Referral HSDS 3.0 import and export of offers.

- ``reading``: open a package (folder, .zip, datapackage.json or JSON file)
  into checked records (``tabular``, ``jsonform``, ``checks``, ``descriptor``);
- ``mapping``: records → kette content and ``hsds_extra``;
- ``importer``: the import service (checks everything, then ``writer``);
- ``records`` and ``exporter``: kette → records → CSV package or JSON.

See docs/hsds.md for the mapping in both directions.
"""
