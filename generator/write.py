"""Writing the built site: into a fresh folder beside the output, switched in
with one atomic rename only when everything was written, so at every moment
the output is either the old site or the new one, complete."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from generator.errors import UsageError
from generator.model import OutputFile

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
def output_lock(output: Path, on_wait: Iterable[str] = ()) -> Iterator[None]:
    """Hold an exclusive lock on `output` for a whole build; a second build waits for it.

    The lock is a file beside the output; the operating system releases it
    when the process ends, even by kill -9."""
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    lock_path = output.with_name(f".{output.name}.lock")
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


def _clear_leftover(folder: Path) -> None:
    """Remove a leftover of an earlier build, but only one that carries our marker."""
    if not folder.exists():
        return
    if not _is_ours(folder):
        raise UsageError(f"{folder}: a folder the generator did not write is in the way; move it elsewhere")
    shutil.rmtree(folder)


def clear_leftovers(output: Path) -> tuple[Path, Path]:
    """Remove what killed builds left beside `output`; return the (fresh, old) folder paths."""
    output = output.resolve()
    fresh = output.with_name(f".{output.name}.new")
    old = output.with_name(f".{output.name}.old")
    if not output.exists() and old.is_dir() and _is_ours(old):
        old.rename(output)  # a build without atomic swap died mid-switch
    for leftover in (fresh, old):
        _clear_leftover(leftover)
    return fresh, old


class FreshFolder:
    """The folder a build writes into, beside the output, switched in by `finish`.

    Call inside `output_lock`. The marker goes in first, so a build killed
    half-way leaves a folder that the next build knows it may remove."""

    def __init__(self, output: Path) -> None:
        self.output = output.resolve()
        self.path, self.old = clear_leftovers(self.output)
        self.path.mkdir(parents=True)
        (self.path / MARKER).write_text("This folder is written by the press-release generator.\n")
        self._made: set[Path] = {self.path}

    def _parent(self, path: Path) -> None:
        if path.parent not in self._made:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._made.add(path.parent)

    def write(self, relative: str, data: bytes) -> os.stat_result:
        path = self.path / relative
        self._parent(path)
        path.write_bytes(data)
        return path.stat()

    def keep(self, relative: str) -> None:
        """Carry an unchanged file over from the current output (same bytes, same mtime)."""
        path = self.path / relative
        self._parent(path)
        os.link(self.output / relative, path)

    def finish(self) -> None:
        _switch(self.path, self.output, self.old)

    def abandon(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def _switch(fresh: Path, output: Path, old: Path) -> None:
    if not output.exists():
        os.rename(fresh, output)
    elif _exchange(fresh, output):
        shutil.rmtree(fresh)  # now holds the previous site
    else:
        os.rename(output, old)
        os.rename(fresh, output)
        shutil.rmtree(old)


def file_state(output: Path, relative: str) -> tuple[int, int] | None:
    """(size, mtime in ns) of a file in the output, or None if it is not there."""
    try:
        info = os.stat(output / relative)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


def write_site(files: Iterable[OutputFile], output: Path) -> int:
    """Write every file to a fresh folder and switch it in for `output`; return the file count."""
    fresh = FreshFolder(output)
    count = 0
    try:
        for file in files:
            fresh.write(file.path, file.data)
            count += 1
    except BaseException:
        fresh.abandon()
        raise
    fresh.finish()
    return count
