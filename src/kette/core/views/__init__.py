"""Views of core: public pages, the staff area and accounts, one module each."""
