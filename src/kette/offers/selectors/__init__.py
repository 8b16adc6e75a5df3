"""Reads of offers: what everyone may see (``public``) and the staff area (``staff``)."""
