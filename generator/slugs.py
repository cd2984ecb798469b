"""The one slug rule for tags, offices, types, pages and default release slugs."""

from __future__ import annotations

import functools
import re
import unicodedata

_NOT_ALNUM = re.compile(r"[\W_]+")
_SPACE = re.compile(r"\s+")

#: The most UTF-8 bytes of a slug: a derived one is cut to it, an explicit one longer is an error.
#: Well under the 255 bytes a file or folder name may have on common file systems.
SLUG_MAX_BYTES = 200
#: The most UTF-8 bytes of one file or folder name on common file systems (ext4, APFS, NTFS's UTF-16 aside).
NAME_MAX_BYTES = 255
#: The most UTF-8 bytes of an alias's whole path: with the output folder's own path in front it
#: must stay under the 4,096 bytes a path may have on Linux.
ALIAS_MAX_BYTES = 1024
#: The most UTF-8 bytes of any output's path inside the output folder (the last guard).
PATH_MAX_BYTES = 3072


def _strip_marks(text: str) -> str:
    if text.isascii():  # NFKD leaves ASCII as it is, and it has no combining marks
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.category(ch).startswith("M"))


@functools.lru_cache(maxsize=1 << 16)
def slugify(text: str) -> str:
    """Return the URL slug of `text`: NFKD, no combining marks, lowercase,
    each run of other characters one "-", trimmed, and cut to at most
    SLUG_MAX_BYTES (see `cut_slug`). May return "" (the caller reports that as an error)."""
    return cut_slug(whole_slug(text))


def whole_slug(text: str) -> str:
    """The slug of `text` before it is cut to SLUG_MAX_BYTES."""
    return _NOT_ALNUM.sub("-", _strip_marks(text).lower()).strip("-")


def utf8_length(text: str) -> int:
    """The bytes of `text` in UTF-8 (a file name's undecodable bytes count as the one byte each they are)."""
    try:
        return len(text.encode("utf-8", "surrogateescape"))
    except UnicodeEncodeError:  # a surrogate that stands for no byte, as YAML's "\ud800" gives
        return len(text.encode("utf-8", "surrogatepass"))


def cut_slug(slug: str, limit: int = SLUG_MAX_BYTES) -> str:
    """`slug` if it has at most `limit` UTF-8 bytes; else its longest start that fits (never
    cut inside a character), ending at a "-" when one is in the second half of it, without
    a trailing "-"."""
    encoded = slug.encode("utf-8")
    if len(encoded) <= limit:
        return slug
    head = encoded[:limit].decode("utf-8", "ignore")  # drops a character cut in two
    hyphen = head.rfind("-")
    if slug[len(head)] != "-" and hyphen > 0 and utf8_length(head[:hyphen]) > limit // 2:
        head = head[:hyphen]
    return head.rstrip("-")


@functools.lru_cache(maxsize=1 << 16)
def fold(name: str) -> str:
    """Return the key under which spellings that differ only in case,
    white space or accents count as one name."""
    return _SPACE.sub("", _strip_marks(name).casefold())


def is_slug(text: str) -> bool:
    """Whether `text` follows the slug rule (a slug longer than SLUG_MAX_BYTES does not)."""
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
