"""The one place that says what each digest covers.

A release or page carries two digests, so that an edit changes no more pages than it must:

- `digest` (`shown_digest`) covers every field that other pages may show of it (title, date,
  tags, summary, ...) and the settings it was read with: listings, feeds, related articles
  and search shards change when it changes;
- `body_digest` covers its body: the file's bytes, where it is and those settings
  (`body_digest`), then the site paths its links resolved to (`linked_body_digest`). Only its
  own page shows the body, so editing a body changes that page alone.

The fields that belong to the body (or are the digests themselves) are marked in the model
with `body_field()`, so a new field is covered by `digest` unless it says otherwise. The
cache's format (`format_version`) is a digest too: of the cached classes' fields.
"""

from __future__ import annotations

import dataclasses
import hashlib
import typing
from collections.abc import Iterable
from typing import Any

#: Field metadata of a field that belongs to the body (see `body_field`).
_BODY = "body"


def content_digest(*parts: bytes | str) -> str:
    """A short, stable digest of the parts (blake2b, 128 bits, hex)."""
    if all(type(part) is str for part in parts):
        # surrogatepass: a file name that is not UTF-8 still has a digest (it is reported, not hashed away)
        joined = "\x00".join(parts).encode("utf-8", "surrogatepass")  # type: ignore[arg-type]
        return hashlib.blake2b(joined + b"\x00", digest_size=16).hexdigest()
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part)
        hasher.update(b"\x00")
    return hasher.hexdigest()


def body_field(default: Any = dataclasses.MISSING) -> Any:
    """A dataclass field that only the item's own page shows (its body, its links) or that is
    one of its digests: `shown_digest` leaves it out."""
    return dataclasses.field(default=default, metadata={_BODY: True})


def shown_fields(cls: type) -> tuple[str, ...]:
    """The names of the fields of dataclass `cls` that `shown_digest` covers, in order."""
    return tuple(f.name for f in dataclasses.fields(cls) if not f.metadata.get(_BODY))


def shown_digest(item: Any, settings: str) -> str:
    """A digest of every field of a release or page but its body: what other pages may show of it."""
    return content_digest(settings, *(repr(getattr(item, name)) for name in shown_fields(type(item))))


def body_digest(file_digest: str, settings: str, shown: str) -> str:
    """The digest of a body as read: of the file's bytes, the settings and where the file is."""
    return content_digest(file_digest, settings, shown)


def linked_body_digest(digest: str, hrefs: Iterable[str]) -> str:
    """The body digest once its links to other content files are resolved to these site paths."""
    return content_digest(digest, "\n".join(hrefs))


def canonical_digest(digest: str, terms: Iterable[tuple[str, str]], scheduled: bool, archived: bool) -> str:
    """A release's shown digest once its office and tags are the site-wide terms (name, slug),
    and it is marked scheduled or archived (all of which other pages show)."""
    shown = "\t".join(f"{name}\n{slug}" for name, slug in terms)
    return content_digest(digest, shown, str(scheduled), str(archived))


def format_version(behaviour: int, version: str, *roots: object) -> str:
    """A digest of `cached_fields(*roots)`, the generator's `version` and the hand-kept
    `behaviour` number (bumped when what a value holds changes with no field changing: a
    Markdown rule). So a cache written by code whose values had other fields is never read
    as if they were these."""
    return content_digest(f"behaviour {behaviour}", f"version {version}", *cached_fields(*roots))


def cached_fields(*roots: object) -> list[str]:
    """The name and type of every field of the `roots` (dataclasses, or type annotations that
    name them) and of every dataclass their fields' types name, however deep, class by class
    in name order. A plain class counts with the parameters of its constructor."""
    classes: dict[str, list[str]] = {}
    todo = list(roots)
    while todo:
        root = todo.pop()
        if isinstance(root, type) and (dataclasses.is_dataclass(root) or root.__module__.startswith("generator.")):
            name = f"{root.__module__}.{root.__qualname__}"
            if name in classes:
                continue
            hints = _fields_of(root)
            classes[name] = [f"{name}.{field}: {hint!r}" for field, hint in hints.items()]
            todo += hints.values()
        else:
            todo += typing.get_args(root)  # X | None, tuple[X, ...], dict[K, V]
    return [line for name in sorted(classes) for line in classes[name]]


def _fields_of(cls: type) -> dict[str, Any]:
    if dataclasses.is_dataclass(cls):
        hints = typing.get_type_hints(cls)
        return {f.name: hints[f.name] for f in dataclasses.fields(cls)}
    hints = typing.get_type_hints(cls.__dict__["__init__"]) if "__init__" in cls.__dict__ else {}
    hints.pop("return", None)
    return hints
