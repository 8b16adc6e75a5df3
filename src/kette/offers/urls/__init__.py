"""URLconfs: the public directory (``public``) and the staff area (``staff``)."""
