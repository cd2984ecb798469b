"""The persistent build cache under <site folder>/.cache/.

It holds what is slow to make and safe to reuse: each content file's result
(keyed by its bytes, path and the settings that shape it), the related
articles (keyed by every release's slug, time and tags), and, per output
folder, what each output file was made from. A cache that is missing,
corrupt, from another version or for other settings is ignored and rebuilt;
it can make a build faster, never different.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from generator import __version__
from generator.assemble import RelatedCache
from generator.content import Loaded

CACHE_FOLDER = ".cache"
CACHE_FILE = "press-generator.pickle"
_FORMAT = ("press-generator-cache", 1, __version__)


@dataclass(frozen=True, slots=True)
class OutputRecord:
    """How one output file was made, to know whether it can be kept as it is."""

    fingerprint: str  #: of its values (pages) or of its bytes (other files)
    templates: frozenset[str]  #: templates the page used (empty for other files)
    template_digest: str  #: digest of those templates' contents at the time
    size: int  #: size and mtime of the file as written, to notice edits by hand
    mtime_ns: int


@dataclass
class BuildCache:
    files: dict[str, Loaded] = field(default_factory=dict)
    related: RelatedCache | None = None
    outputs: dict[str, dict[str, OutputRecord]] = field(default_factory=dict)  #: output folder -> path -> record


def cache_path(site_root: Path) -> Path:
    return site_root / CACHE_FOLDER / CACHE_FILE


def load_cache(site_root: Path) -> BuildCache:
    """The cache of a site folder, or an empty one if it is missing or unusable."""
    try:
        with open(cache_path(site_root), "rb") as stream:
            header = pickle.load(stream)
            if header != _FORMAT:
                return BuildCache()
            cache = pickle.load(stream)
    except Exception:  # a corrupt or foreign cache is no error: it is rebuilt
        return BuildCache()
    return cache if isinstance(cache, BuildCache) else BuildCache()


def save_cache(site_root: Path, cache: BuildCache) -> None:
    """Write the cache atomically; a site folder that cannot hold it just builds without one."""
    path = cache_path(site_root)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False, suffix=".tmp") as stream:
            pickle.dump(_FORMAT, stream, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(cache, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(stream.name, path)
    except OSError:
        pass
