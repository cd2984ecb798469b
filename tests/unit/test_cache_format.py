"""A cache written in another format is never read: not one row of it."""

from __future__ import annotations

import pickle
import sqlite3
from pathlib import Path

from generator.content.load import Loaded
from generator.incremental.cache import cache_path, load_cache, load_last_build
from generator.incremental.stored import FORMAT


def write_cache(site: Path, format_: str) -> Path:
    path = cache_path(site)
    path.parent.mkdir(parents=True)
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value BLOB)")
        db.execute("CREATE TABLE files (key TEXT PRIMARY KEY, loaded BLOB)")
        db.execute("INSERT INTO meta VALUES ('format', ?)", (pickle.dumps(format_),))
        db.execute("INSERT INTO files VALUES ('k', ?)", (pickle.dumps(Loaded(item=None, problems=())),))
    db.close()
    return path


def test_a_cache_of_another_format_is_removed_unread(tmp_path: Path) -> None:
    path = write_cache(tmp_path, "an older format")
    assert load_last_build(tmp_path, "out") is None
    cache = load_cache(tmp_path)
    assert (cache.unread, cache.files) == (False, {})
    cache.read_results()
    assert cache.files == {}
    assert not path.exists()


def test_a_cache_of_this_format_is_read(tmp_path: Path) -> None:
    write_cache(tmp_path, FORMAT)
    cache = load_cache(tmp_path)
    cache.read_results()
    assert cache.files == {"k": Loaded(item=None, problems=())}
