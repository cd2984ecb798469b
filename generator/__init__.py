"""A static site generator for press offices."""

__version__ = "0.1.0"
