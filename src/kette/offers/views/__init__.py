"""Views of the offer directory: public pages (``public``) and the staff area."""
