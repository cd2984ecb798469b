"""The persistent build cache: <site folder>/.cache/press-generator.sqlite.

It holds what is slow to make and safe to reuse: each content file's result
(keyed by its bytes, path and the settings that shape it; the rendered
bodies in their own table, read only for pages that are rendered again),
the related articles (keyed by every release's slug, time and tags), the
names and digests of each search shard's files (by a fingerprint of its
releases), what
the cache last saw of each file (size, mtime, inode, digest: unchanged files
are not read again), and, per output folder, what each output file was made
from. A cache that is missing, corrupt, from another version or for other
settings is ignored and rebuilt: it can make a build faster, never different.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import pickle
import sqlite3
import threading
import time
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.content.load import Loaded
from generator.content.sources import FileStat, KnownFiles
from generator.digests import content_digest
from generator.errors import WriteFailed
from generator.incremental.freshness import LastBuild
from generator.incremental.stored import FORMAT
from generator.pipeline import CACHE_FOLDER
from generator.publish.records import OutputState
from generator.publish.write import exclusive_lock
from generator.site.assemble import RelatedCache

CACHE_FILE = "press-generator.sqlite"


def preview_folder(source: Path) -> Path:
    """Where `serve` builds its preview: the one output allowed inside the cache folder."""
    return source / CACHE_FOLDER / "preview"


class BodyStore:
    """Rendered bodies by key, read from the cache database on demand (one connection per process)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._local = threading.local()

    @property
    def _connection(self) -> sqlite3.Connection | None:
        # One connection per process and thread: a forked worker, serve's rebuild thread or
        # a search-indexing thread opens its own.
        if getattr(self._local, "pid", None) != os.getpid():
            return None
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        return connection

    def _db(self) -> sqlite3.Connection:
        connection = self._connection
        if connection is None:
            assert self.path is not None
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = self._local.connection = _connect(self.path)
            self._local.pid = os.getpid()
        return connection

    def keep(self, key: str, loaded: Loaded) -> Loaded:
        """Store a new result's body (if there is a database) and return the result without it."""
        if self.path is None:
            return loaded
        stripped, body = _stripped(key, loaded)
        if body is not None:
            try:
                self._db().execute("INSERT OR REPLACE INTO bodies VALUES (?, ?)", (key, body))
            except (OSError, sqlite3.Error):
                self.path = None  # a cache that cannot be written: keep bodies in memory from now on
                return loaded
        return stripped

    def commit(self) -> None:
        """Make stored bodies visible to other connections (the rendering workers); raises
        WriteFailed if the database cannot take them (a full disk): they are nowhere else."""
        if self._connection is not None:
            try:
                self._connection.commit()
            except sqlite3.Error as error:
                raise WriteFailed(
                    f"{self.path}: cannot write the build cache ({error}); free some space (is the disk full?), "
                    "or build with --no-cache"
                ) from None

    def has_all(self, keys: Iterable[str]) -> bool:
        """Are all these bodies stored? (Another build may have dropped some since.)"""
        try:
            stored = {row[0] for row in self._db().execute("SELECT key FROM bodies")}
        except (OSError, sqlite3.Error):
            return False
        return all(key in stored for key in keys)

    def get(self, key: str) -> str:
        row = self._db().execute("SELECT html FROM bodies WHERE key = ?", (key,)).fetchone()
        if row is None:
            raise KeyError(key)
        return str(row[0])


@dataclass
class BuildCache:
    files: dict[str, Loaded] = field(default_factory=dict)  #: only some of them while `unread`
    related: RelatedCache | None = None
    outputs: dict[str, OutputState] = field(default_factory=dict)  #: by output folder
    known: KnownFiles | None = None
    bodies: BodyStore = field(default_factory=lambda: BodyStore(None))
    fast: dict[str, LastBuild] = field(default_factory=dict)  #: by output folder, for the no-change check
    stored: set[str] = field(default_factory=set)  #: keys of `files` already in the database
    search: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)  #: search shards' files
    #: The database holds results not read into `files` yet (`read_results` reads them): a
    #: build that re-renders only edited bodies reads just the results of those files.
    unread: bool = False
    #: Values as read from the database, for those a build replaces instead of changing in
    #: place: one still the same object need not be written again.
    as_read: dict[str, Any] = field(default_factory=dict)

    def read_results(self, keys: Collection[str] | None = None) -> None:
        """Read the stored results of `keys` (None: all of them) into `files`; what `files`
        already holds, or dropped since it was read, stays as it is."""
        if not self.unread:
            return
        found = _read_results(self.bodies.path, keys)
        dropped = self.stored - self.files.keys()
        for key, loaded in found.items():
            if key not in self.files and key not in dropped:
                self.files[key] = loaded
                self.stored.add(key)
        self.unread = keys is not None


def cache_path(site_root: Path) -> Path:
    return site_root / CACHE_FOLDER / CACHE_FILE


@contextlib.contextmanager
def cache_lock(site_root: Path) -> Iterator[None]:
    """One build at a time uses a site folder's cache (builds to different outputs share it).
    A site folder that cannot hold the lock file is used without it."""
    folder = site_root / CACHE_FOLDER
    try:
        folder.mkdir(parents=True, exist_ok=True)
        lock = exclusive_lock(folder / "lock", [f"waiting for another build of {site_root} to finish..."])
        lock.__enter__()
    except OSError:
        yield
        return
    try:
        yield
    finally:
        lock.__exit__(None, None, None)


def writing_flag(site_root: Path, output_key: str) -> Path:
    """Present while a build changes an output's spare: if a build dies, the next one knows
    the spare (and perhaps the records) cannot be trusted."""
    return site_root / CACHE_FOLDER / f"writing-{content_digest(output_key)}"


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=60)
    db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value BLOB)")
    db.execute("CREATE TABLE IF NOT EXISTS bodies (key TEXT PRIMARY KEY, html TEXT)")
    db.execute("CREATE TABLE IF NOT EXISTS files (key TEXT PRIMARY KEY, loaded BLOB)")
    return db


def _meta(db: sqlite3.Connection, name: str) -> Any:
    row = db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
    return pickle.loads(row[0]) if row else None


def load_cache(site_root: Path) -> BuildCache:
    """The cache of a site folder, or an empty one if it is missing or unusable (then the file
    is removed: no row of another format is ever read, whatever its key)."""
    path = cache_path(site_root)
    if not path.exists():
        return BuildCache(bodies=BodyStore(path))
    # A cache of another format, corrupt or foreign is no error: it is removed and rebuilt.
    with contextlib.suppress(Exception), contextlib.closing(_connect(path)) as db:
        if _meta(db, "format") == FORMAT:
            related, search = _meta(db, "related"), _meta(db, "search") or {}
            return BuildCache(
                unread=True,
                as_read={"related": related, "search": search},
                related=related,
                outputs=_meta(db, "outputs") or {},
                known=_meta(db, "known"),
                bodies=BodyStore(path),
                fast=_meta(db, "fast") or {},
                search=search,
            )
    with contextlib.suppress(OSError):
        path.unlink()
    return BuildCache(bodies=BodyStore(path))


def _read_results(path: Path | None, keys: Collection[str] | None) -> dict[str, Loaded]:
    """The stored results (of `keys`, or all). A database that cannot be read gives none, and a
    row that cannot be loaded is left out (a new result for its file will replace it)."""
    if path is None:
        return {}
    try:
        with contextlib.closing(_connect(path)) as db:
            if keys is None:
                rows = db.execute("SELECT key, loaded FROM files").fetchall()
            else:
                query = "SELECT key, loaded FROM files WHERE key = ?"
                rows = [row for key in keys for row in db.execute(query, (key,))]
    except (OSError, sqlite3.Error):
        return {}
    results = {}
    for key, value in rows:
        try:
            loaded = pickle.loads(value)
        except Exception:  # a damaged row: as if it were not there
            continue
        if isinstance(loaded, Loaded):
            results[key] = loaded
    return results


def load_last_build(site_root: Path, output_key: str) -> LastBuild | None:
    """Only what the no-change check needs, without reading the rest of the cache."""
    path = cache_path(site_root)
    if not path.exists():
        return None
    try:
        with contextlib.closing(_connect(path)) as db:
            if _meta(db, "format") != FORMAT:
                return None
            last = (_meta(db, "fast") or {}).get(output_key)
    except Exception:
        return None
    return last if isinstance(last, LastBuild) else None


def _stripped(key: str, loaded: Loaded) -> tuple[Loaded, str | None]:
    """The result without its body (kept in the bodies table), and the body if it is new."""
    item = loaded.item
    if item is None or item.body_key:
        return loaded, None
    return Loaded(dataclasses.replace(item, body_html="", body_key=key), loaded.problems), item.body_html


def save_cache(site_root: Path, cache: BuildCache, stats: dict[str, FileStat]) -> bool:
    """Store the cache: new per-file results and bodies are added, ones no file has any more
    removed. A site folder that cannot hold a cache just builds without one: returns False."""
    path = cache_path(site_root)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.closing(_connect(path)) as db, db:
            new = [key for key in cache.files if key not in cache.stored]
            if new or len(cache.stored) != len(cache.files):
                _store_files(db, cache, new)
            if cache.known is None or cache.known.stats != stats:
                known = cache.known = KnownFiles(stats, time.time_ns())
                db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", ("known", _dump(known)))
            for name, value in (
                ("format", FORMAT),
                ("related", cache.related),
                ("outputs", cache.outputs),
                ("fast", cache.fast),
                ("search", cache.search),
            ):
                if name not in cache.as_read or value is not cache.as_read[name]:
                    db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (name, _dump(value)))
    except (OSError, sqlite3.Error):
        return False
    return True


def _dump(value: Any) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def _store_files(db: sqlite3.Connection, cache: BuildCache, new: list[str]) -> None:
    """Add the new results (their bodies in their own table); drop the ones no file has any more."""
    rows, bodies = [], []
    for key in new:
        loaded, body = _stripped(key, cache.files[key])
        rows.append((key, _dump(loaded)))
        if body is not None:
            bodies.append((key, body))
    db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?)", rows)
    db.executemany("INSERT OR REPLACE INTO bodies VALUES (?, ?)", bodies)
    stale = [(key,) for key in cache.stored if key not in cache.files]
    db.executemany("DELETE FROM files WHERE key = ?", stale)
    db.execute("DELETE FROM bodies WHERE key NOT IN (SELECT key FROM files)")
    cache.stored = set(cache.files)
