"""Forms: the public search (``public``) and the staff pages (``staff``)."""
