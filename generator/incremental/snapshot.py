"""The last build's site, kept on disk so that the next build can skip loading it.

A build that finds only bodies edited since the last build of the same
output (same settings, templates and theme; the output as that build left
it) takes the site from here instead of reading, assembling and planning
every release again, and re-renders only the edited pages: the same fast
path the live preview takes with the site it keeps in memory.

One file per output folder, `.cache/site-<digest>.pickle`, written after each
build that used the cache and tied to that build's record: a snapshot from
any other build (or unreadable, or from another version) is never used.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import pickle
from pathlib import Path

from generator.digests import content_digest
from generator.incremental.stored import FORMAT, BodyEdits, Snapshot
from generator.pipeline import CACHE_FOLDER

__all__ = ["BodyEdits", "Snapshot", "load_snapshot", "save_edits", "save_snapshot", "snapshot_path"]


def snapshot_path(site_root: Path, output_key: str, suffix: str = "") -> Path:
    return site_root / CACHE_FOLDER / f"site-{content_digest(output_key)[:16]}{suffix}.pickle"


def save_snapshot(site_root: Path, output_key: str, snapshot: Snapshot) -> None:
    """Write the snapshot (streamed: a 100,000-release site is never held twice in memory)
    and drop the edits of the one before."""
    _write(snapshot_path(site_root, output_key), snapshot)
    with contextlib.suppress(OSError):
        snapshot_path(site_root, output_key, "-edits").unlink()


def save_edits(site_root: Path, output_key: str, edits: BodyEdits) -> None:
    _write(snapshot_path(site_root, output_key, "-edits"), edits)


def _write(path: Path, value: Snapshot | BodyEdits) -> None:
    """Write atomically; a site folder that cannot hold it just builds without it."""
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        with open(temporary, "wb") as stream:
            pickle.dump((FORMAT, value), stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()


def _read(path: Path) -> object:
    try:
        with open(path, "rb") as stream:
            found, value = pickle.load(stream)
    except Exception:  # missing, truncated, foreign: the full build runs
        return None
    return value if found == FORMAT else None


def load_snapshot(site_root: Path, output_key: str, recorded_ns: int) -> tuple[Snapshot, BodyEdits | None] | None:
    """The site as the build recorded at `recorded_ns` left it, and the body edits applied to
    the snapshot to get there; or None."""
    snapshot = _read(snapshot_path(site_root, output_key))
    if not isinstance(snapshot, Snapshot):
        return None
    if snapshot.recorded_ns == recorded_ns:
        return snapshot, None
    edits = _read(snapshot_path(site_root, output_key, "-edits"))
    if not isinstance(edits, BodyEdits) or edits.base_ns != snapshot.recorded_ns or edits.recorded_ns != recorded_ns:
        return None
    model = snapshot.model.with_bodies(edits.items)
    stats = {**snapshot.stats, **edits.stats}
    return dataclasses.replace(snapshot, recorded_ns=recorded_ns, model=model, stats=stats), edits
