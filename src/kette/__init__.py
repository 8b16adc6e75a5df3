"""kette: a Präventionskette platform for German municipalities."""

__version__ = "0.1.0"
