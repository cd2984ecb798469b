"""The one slug rule for tags, offices, types, pages and default release slugs."""

from __future__ import annotations

import functools
import re
import unicodedata

_NOT_ALNUM = re.compile(r"[\W_]+")
_SPACE = re.compile(r"\s+")


def _strip_marks(text: str) -> str:
    if text.isascii():  # NFKD leaves ASCII as it is, and it has no combining marks
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.category(ch).startswith("M"))


@functools.lru_cache(maxsize=1 << 16)
def slugify(text: str) -> str:
    """Return the URL slug of `text`: NFKD, no combining marks, lowercase,
    each run of other characters one "-", trimmed. May return "" (the caller
    reports that as an error)."""
    return _NOT_ALNUM.sub("-", _strip_marks(text).lower()).strip("-")


@functools.lru_cache(maxsize=1 << 16)
def fold(name: str) -> str:
    """Return the key under which spellings that differ only in case,
    white space or accents count as one name."""
    return _SPACE.sub("", _strip_marks(name).casefold())


def is_slug(text: str) -> bool:
    return bool(text) and slugify(text) == text


def shorten(text: str, limit: int, ellipsis: str = "…") -> str:
    """Cut `text` at the last word boundary at or before `limit` characters."""
    text = _SPACE.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit + 1]
    space = cut.rfind(" ")
    head = cut[:space] if space > limit // 2 else text[:limit]
    return head.rstrip(" ,;:.-–—") + ellipsis
