"""Where the shipped default templates/ and theme/ are.

In a wheel they travel inside the package (`generator/_defaults/`, see
pyproject.toml); in a source checkout they are the top-level folders.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def default_dir(name: str) -> Path:
    """The shipped `templates` or `theme` folder."""
    packaged = _PACKAGE / "_defaults" / name
    return packaged if packaged.is_dir() else _PACKAGE.parent / name
