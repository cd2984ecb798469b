"""Writing the built site: into the spare folder beside the output (the previous
site, brought up to date), switched in with one atomic rename only when
everything was written, so the output is always one complete site or the other."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import hashlib
import os
import shutil
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from generator.errors import UsageError
from generator.slugs import NAME_MAX_BYTES
from generator.walker import walk

#: Present in every folder the generator wrote; it only ever replaces such a folder.
MARKER = ".press-generator-output"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def check_output(output: Path, site_root: Path) -> None:
    """Refuse an output folder whose replacement would destroy someone's files."""
    target = output.resolve()
    root = site_root.resolve()
    sources = [root / "content", root / "templates", root / "theme"]
    for folder in [root, *sources, Path.home().resolve(), Path("/")]:
        if target == folder or folder.is_relative_to(target):
            raise UsageError(f"{output}: refusing to use this folder as output: it is, or contains, {folder}")
    for folder in sources:
        if target.is_relative_to(folder):
            raise UsageError(f"{output}: refusing to use a folder inside {folder} as output")
    if target.exists() and not target.is_dir():
        raise UsageError(f"{output}: refusing to use as output: it is a file, not a folder")
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).exists():
        raise UsageError(
            f"{output}: refusing to replace a non-empty folder the generator did not write "
            f"(no {MARKER} file in it); choose another --output or empty it yourself"
        )


@contextlib.contextmanager
def exclusive_lock(lock_path: Path, on_wait: Iterable[str] = ()) -> Iterator[None]:
    """Hold an exclusive lock on a lock file; another process waits for it (saying `on_wait`).

    The operating system releases it when the process ends, even by kill -9."""
    with open(lock_path, "a+") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            for line in on_wait:
                print(line, file=sys.stderr, flush=True)
            fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def output_lock(output: Path, on_wait: Iterable[str] = ()) -> contextlib.AbstractContextManager[None]:
    """An exclusive lock on `output` for a whole build: a file beside the output."""
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    return exclusive_lock(output.with_name(f".{output.name}.lock"), on_wait)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two folders (Linux renameat2); False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(a))


def _is_ours(folder: Path) -> bool:
    return (folder / MARKER).exists()


def _remove_ours(folder: Path) -> None:
    """Remove a folder beside the output, but only one that carries our marker."""
    if not folder.exists():
        return
    if not _is_ours(folder):
        raise UsageError(f"{folder}: a folder the generator did not write is in the way; move it elsewhere")
    shutil.rmtree(folder)


def spare_path(output: Path) -> Path:
    """Where the previous site is kept, beside the output (hard links: it takes little space)."""
    output = output.resolve()
    return output.with_name(f".{output.name}.prev")


def clear_leftovers(output: Path) -> None:
    """Remove what builds of older versions of the generator left beside `output`."""
    output = output.resolve()
    old = output.with_name(f".{output.name}.old")
    if not output.exists() and old.is_dir() and _is_ours(old):
        old.rename(output)  # a build without atomic swap died mid-switch
    for leftover in (output.with_name(f".{output.name}.new"), old):
        _remove_ours(leftover)


class Spare:
    """The folder a build brings up to date beside the output, then swaps in with `finish`.

    Double buffering: after a swap the spare holds the previous site, so the
    next build changes only what differs from it, and the output is always
    one complete site or the other. Call inside `output_lock`."""

    def __init__(self, output: Path, fresh: bool) -> None:
        """`fresh`: start from an empty folder (when what the spare holds is not known for sure)."""
        self.output = output.resolve()
        self.path = spare_path(self.output)
        clear_leftovers(self.output)
        self.fresh = fresh or not _is_ours(self.path)
        if self.fresh:
            _remove_ours(self.path)
            self.path.mkdir(parents=True)
            (self.path / MARKER).write_text("This folder is written by the press-release generator.\n")
        self._made: set[Path] = {self.path}

    def _parent(self, path: Path) -> None:
        if path.parent not in self._made:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._made.add(path.parent)

    def write(self, relative: str, data: bytes) -> os.stat_result:
        """Write a file; never in place, as the old file may be a hard link into the live site."""
        path = self.path / relative
        self._parent(path)
        if self.fresh:
            return _write_file(str(path), data)
        temporary = _temporary(path)
        info = _write_file(str(temporary), data)
        os.replace(temporary, path)
        return info

    def keep(self, relative: str) -> None:
        """Take the output's copy of an unchanged file (a hard link: same bytes, same mtime)."""
        path = self.path / relative
        self._parent(path)
        if self.fresh:
            os.link(self.output / relative, path)
            return
        temporary = _temporary(path)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        os.link(self.output / relative, temporary)
        os.replace(temporary, path)

    def remove(self, relative: str) -> None:
        """Remove a file the new site no longer has, and the folders it leaves empty."""
        path = self.path / relative
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        for folder in path.parents:
            if folder == self.path or not folder.is_relative_to(self.path):
                break
            try:
                folder.rmdir()
            except OSError:
                break

    def discard(self) -> None:
        """Remove the spare with what this build wrote into it: a site rejected (a leak, a failing
        template) is kept nowhere on disk; the next build makes a fresh spare."""
        _remove_ours(self.path)

    def finish(self) -> None:
        """Make the spare the output, atomically; the old output becomes the spare."""
        if not self.output.exists():
            os.rename(self.path, self.output)
        elif not _exchange(self.path, self.output):
            parked = self.output.with_name(f".{self.output.name}.old")
            os.rename(self.output, parked)
            os.rename(self.path, self.output)
            os.rename(parked, self.path)


def _temporary(path: Path) -> Path:
    """Where a file is written before it replaces `path`: beside it, with a name a file
    system takes even when `path`'s own name is near the longest it takes."""
    name = f".{path.name}.tmp"
    if len(os.fsencode(name)) > NAME_MAX_BYTES:
        name = f".{hashlib.sha256(os.fsencode(path.name)).hexdigest()[:32]}.tmp"
    return path.with_name(name)


def _write_file(path: str, data: bytes) -> os.stat_result:
    """Write bytes and return the file's stat (one open file, no second path lookup)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
        return os.fstat(descriptor)
    finally:
        os.close(descriptor)


def _files(folder: Path) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """(relative POSIX path, entry) of every file under `folder` but the marker (links not followed)."""
    for item in walk(folder, follow_links=False).found:
        if item.relative != MARKER:
            yield item.relative, item.entry


def file_states(folder: Path) -> dict[str, tuple[int, int]]:
    """(size, mtime in ns) of every file under `folder` but the marker, by relative POSIX path."""
    states = {}
    for relative, entry in _files(folder):
        info = entry.stat(follow_symlinks=False)
        states[relative] = (info.st_size, info.st_mtime_ns)
    return states
