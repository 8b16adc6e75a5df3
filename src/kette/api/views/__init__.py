"""Views of the API: parse, check the named rule, call a selector or service,
serialise. One module per resource."""
