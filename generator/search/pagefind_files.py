"""Pagefind's bundle files, made deterministic.

Pagefind 1.5 writes the values of each filter (and the list of filters) in
the order of a Rust HashMap, which is random in every run: the same releases
give filter files with other bytes and names, and so another metadata file
and entry file. Everything else it writes is deterministic. This sorts the
filter values and the filter list and renames the files by a digest of
their new bytes, so the same releases always give the same bundle.

The files are gzip-compressed CBOR after a signature. Only the CBOR that
Pagefind uses there is read and written (unsigned integers, text, arrays);
anything else, or a file that would not come out byte for byte as Pagefind
wrote it, raises IndexerError instead of being guessed at.
"""

from __future__ import annotations

import gzip
import hashlib
import re
from typing import Any

from generator.search.indexer import IndexerError

SIGNATURE = b"pagefind_dcd"
_UINT, _TEXT, _ARRAY = 0, 3, 4
_META = re.compile(r"pagefind\.(?P<key>[^/]+)\.pf_meta")
_FILTER = re.compile(r"filter/(?P<language>.+)_[0-9a-f]+\.pf_filter")


def _head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for extra, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * size):
            return bytes([major << 5 | extra]) + value.to_bytes(size, "big")
    raise IndexerError(f"search: a number too large for Pagefind's files: {value}")


def encode(value: Any) -> bytes:
    """CBOR as Pagefind writes it: shortest heads, definite lengths."""
    if isinstance(value, bool) or not isinstance(value, (int, str, list)):
        raise IndexerError(f"search: cannot write a {type(value).__name__} into Pagefind's files")
    if isinstance(value, int):
        return _head(_UINT, value)
    if isinstance(value, str):
        data = value.encode()
        return _head(_TEXT, len(data)) + data
    return _head(_ARRAY, len(value)) + b"".join(encode(item) for item in value)


def _decode(data: bytes, at: int) -> tuple[Any, int]:
    major, extra = data[at] >> 5, data[at] & 31
    at += 1
    if extra < 24:
        number = extra
    elif extra <= 27:
        size = 1 << (extra - 24)
        number, at = int.from_bytes(data[at : at + size], "big"), at + size
    else:
        raise IndexerError("search: Pagefind wrote CBOR of indefinite length, which is not expected here")
    if major == _UINT:
        return number, at
    if major == _TEXT:
        return data[at : at + number].decode(), at + number
    if major == _ARRAY:
        items = []
        for _ in range(number):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    raise IndexerError(f"search: Pagefind wrote CBOR of major type {major}, which is not expected here")


def read(compressed: bytes, path: str) -> Any:
    """A Pagefind data file's value; raises IndexerError if it is not as expected."""
    data = gzip.decompress(compressed)
    if not data.startswith(SIGNATURE):
        raise IndexerError(f"search: Pagefind's {path} does not start with its signature")
    value, end = _decode(data, len(SIGNATURE))
    if end != len(data) or encode(value) != data[len(SIGNATURE) :]:
        raise IndexerError(f"search: Pagefind's {path} is not in the format this generator knows")
    return value


def write(value: Any) -> bytes:
    return gzip.compress(SIGNATURE + encode(value), mtime=0)


def _name(data: bytes, length: int) -> str:
    return hashlib.blake2b(data, digest_size=8).hexdigest()[:length]


def deterministic(files: dict[str, bytes]) -> dict[str, bytes]:
    """The bundle with its filters in a fixed order (and the files that name them renamed)."""
    result = dict(files)
    renamed: dict[str, str] = {}  # old hash-name -> new, e.g. "en_1c8565a" -> "en_0f3e2d1"
    for path in sorted(p for p in files if _FILTER.fullmatch(p)):
        name, values = read(result.pop(path), path)
        data = write([name, sorted(values, key=lambda entry: entry[0])])
        language = _FILTER.fullmatch(path)["language"]  # type: ignore[index]
        new = f"{language}_{_name(data, 7)}"
        renamed[path.removeprefix("filter/").removesuffix(".pf_filter")] = new
        result[f"filter/{new}.pf_filter"] = data
    entry = result.get("pagefind-entry.json", b"").decode()
    for path in sorted(p for p in files if _META.fullmatch(p)):
        meta = read(result.pop(path), path)
        meta[3] = sorted([filter_name, renamed[old]] for filter_name, old in meta[3])
        meta[4] = sorted(meta[4], key=lambda sort: sort[0])  # sort keys, HashMap order too
        data = write(meta)
        key = _META.fullmatch(path)["key"]  # type: ignore[index]
        new = f"{key.rpartition('_')[0]}_{_name(data, 10)}"
        result[f"pagefind.{new}.pf_meta"] = data
        entry = entry.replace(f'"hash":"{key}"', f'"hash":"{new}"')
    if entry:
        result["pagefind-entry.json"] = entry.encode()
    return result
