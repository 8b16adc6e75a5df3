"""Readers of import files: they check a file and report every problem found.

Readers never write; the services in ``kette.core.services`` decide and write.
"""
