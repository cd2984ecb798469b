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

from generator.content.walker import walk
from generator.errors import UsageError, WriteFailed, write_failure
from generator.slugs import NAME_MAX_BYTES

#: Present in every folder the generator wrote; it only ever replaces such a folder.
MARKER = ".press-generator-output"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


#: Folders of the kernel's own file systems: nothing of a site belongs there.
SYSTEM_FOLDERS = (Path("/dev"), Path("/proc"), Path("/sys"))
VOLUME_OWN = "lost+found"  #: what mkfs.ext4 puts at the top of a volume: left alone in a mounted output


def check_output(output: Path, site_root: Path, cache: Path, preview: Path | None = None) -> None:
    """Refuse an output folder whose replacement would destroy someone's files, or that would
    publish the build cache (`cache`: its SQLite file and pickles hold hidden releases' bodies).

    `preview`: the one folder inside the cache a build may write (serve's own preview)."""
    target = output.resolve()
    root = site_root.resolve()
    sources = [root / "content", root / "templates", root / "theme"]
    for folder in [root, *sources, Path.home().resolve(), Path("/")]:
        if target == folder or folder.is_relative_to(target):
            raise UsageError(f"{output}: refusing to use this folder as output: it is, or contains, {folder}")
    for folder in sources:
        if target.is_relative_to(folder):
            raise UsageError(f"{output}: refusing to use a folder inside {folder} as output")
    if target.is_relative_to(cache.resolve()) and (preview is None or target != preview.resolve()):
        raise UsageError(
            f"{output}: refusing to use the build cache {cache.resolve()}, or a folder inside it, as output: "
            "it holds drafts and scheduled releases"
        )
    for system in SYSTEM_FOLDERS:
        if target.is_relative_to(system):
            raise UsageError(f"{output}: refusing to use as output: it is inside {system}, the system's own")
    if target.exists() and not target.is_dir():
        raise UsageError(f"{output}: refusing to use as output: it is a file, not a folder")
    existing = next(folder for folder in target.parents if folder.exists())
    if not existing.is_dir():
        raise UsageError(f"{output}: cannot be made: {existing} is a file, not a folder")
    if target.is_dir() and any(_not_the_volume_s(target)) and not (target / MARKER).exists():
        raise UsageError(
            f"{output}: refusing to replace a non-empty folder the generator did not write "
            f"(no {MARKER} file in it); choose another --output or empty it yourself"
        )


def _not_the_volume_s(folder: Path) -> Iterator[Path]:
    """The entries of `folder`, but a volume's own `lost+found` folder (a volume mounted there)."""
    return (entry for entry in folder.iterdir() if not (entry.name == VOLUME_OWN and entry.is_dir()))


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
    lock = output.with_name(f".{output.name}.lock")
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        with open(lock, "a"):
            pass
    except OSError as error:
        raise UsageError(f"{output}: cannot use as output: {error.strerror} ({error.filename})") from None
    return exclusive_lock(lock, on_wait)


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


def _mark(folder: Path) -> None:
    """Put the marker in `folder` (if it has none): a folder the generator may replace."""
    if not _is_ours(folder):
        (folder / MARKER).write_text("This folder is written by the press-release generator.\n")


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


@contextlib.contextmanager
def disk_errors(output: Path) -> Iterator[None]:
    """Turn an OSError while the spare is made (a full disk, a file-size limit, a read-only
    disk) into WriteFailed, first removing the half-written spare so the disk is not left
    full. The output is untouched; the next build starts from an empty spare."""
    try:
        yield
    except OSError as error:
        output = output.resolve()
        spare = spare_path(output)
        if _is_ours(spare):
            shutil.rmtree(spare, ignore_errors=True)
        with contextlib.suppress(OSError):
            spare.rmdir()  # made, but its marker could not be written
        failed = Path(error.filename) if isinstance(error.filename, str) else spare
        where = failed.relative_to(spare).as_posix() if failed.is_relative_to(spare) else str(failed)
        message = write_failure(error, where if where != "." else "the site")
        raise WriteFailed(f"{output}: {message}; the site was not changed") from None


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
            _mark(self.path)
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
        """Take the output's copy of an unchanged file (a hard link: same bytes, same mtime;
        a copy with the same mtime where the output is another mount)."""
        path = self.path / relative
        self._parent(path)
        temporary = path if self.fresh else _temporary(path)
        if not self.fresh:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
        try:
            os.link(self.output / relative, temporary)
        except OSError as error:
            if error.errno != errno.EXDEV:
                raise
            _copy(self.output / relative, temporary)
        if not self.fresh:
            os.replace(temporary, path)

    def remove(self, relative: str) -> None:
        """Remove a file the new site no longer has, and the folders it leaves empty."""
        _remove_file(self.path, relative)

    def discard(self) -> None:
        """Remove the spare with what this build wrote into it: a site rejected (a leak, a failing
        template) is kept nowhere on disk; the next build makes a fresh spare."""
        _remove_ours(self.path)

    def finish(self) -> bool:
        """Make the spare the output, atomically; the old output becomes the spare. Returns
        False where the output cannot be renamed (a mount point: a volume mounted at site/):
        its contents are then made the spare's, file by file, and the spare stays as it is."""
        if not self.output.exists():
            os.rename(self.path, self.output)
            return True
        # An output without the marker is one check_output let through as empty (made by hand):
        # marked now, it becomes the spare as ours, so the next build does not refuse it.
        _mark(self.output)
        try:
            exchanged = _exchange(self.path, self.output)
        except OSError as error:
            if error.errno not in (errno.EBUSY, errno.EXDEV):
                raise
            _copy_into(self.path, self.output)
            return False
        if not exchanged:
            parked = self.output.with_name(f".{self.output.name}.old")
            os.rename(self.output, parked)
            os.rename(self.path, self.output)
            os.rename(parked, self.path)
        return True


def _remove_file(top: Path, relative: str) -> None:
    """Remove a file under `top`, and the folders it leaves empty (never `top`)."""
    path = top / relative
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    for folder in path.parents:
        if folder == top or not folder.is_relative_to(top):
            break
        try:
            folder.rmdir()
        except OSError:
            break


def _copy(source: Path, target: Path) -> os.stat_result:
    """Copy a file's bytes and mtime (so it compares as the same file); returns the copy's stat."""
    with open(source, "rb") as stream:
        data = stream.read()
    info = os.stat(source)
    _write_file(str(target), data)
    os.utime(target, ns=(info.st_atime_ns, info.st_mtime_ns))
    return os.stat(target)


def _copy_into(spare: Path, output: Path) -> None:
    """Make `output` hold exactly the files of `spare`: each new or changed file is copied in
    and switched in with one rename (a page is never half-written); files the new site no
    longer has go first, so a file may become a folder and a folder a file. Raises
    WriteFailed, before changing anything, if the new files cannot fit."""
    new = {relative: entry.stat(follow_symlinks=False) for relative, entry in _files(spare)}
    old = {
        relative: entry.stat(follow_symlinks=False)
        for relative, entry in _files(output)
        if not relative.startswith(f"{VOLUME_OWN}/")  # the volume's own, never ours to remove
    }

    def same(relative: str) -> bool:
        before = old.get(relative)
        return before is not None and (before.st_size, before.st_mtime_ns) == (
            new[relative].st_size,
            new[relative].st_mtime_ns,
        )

    copied = [relative for relative in sorted(new) if not same(relative)]
    _check_room(output, [new[r] for r in copied], [old[r] for r in old if r not in new or r in copied])
    for relative in sorted(set(old) - set(new)):
        _remove_file(output, relative)
    for relative in copied:
        path = output / relative
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = _temporary(path)
            _copy(spare / relative, temporary)
            os.replace(temporary, path)
        except OSError as error:
            raise WriteFailed(
                f"{output}: {write_failure(error, relative)} while copying the new site into this mounted "
                "folder: it now holds part of the new site; free some space and build again"
            ) from None
    if not (output / MARKER).exists():
        _copy(spare / MARKER, output / MARKER)


def _check_room(output: Path, written: list[os.stat_result], freed: list[os.stat_result]) -> None:
    """Raise WriteFailed unless the disk of `output` has room for the files to be written
    (less those they replace or that go, plus the largest, which is written beside its old copy)."""
    space = os.statvfs(output)
    block = space.f_frsize or 4096

    def blocks(files: list[os.stat_result]) -> int:
        return sum(-(-info.st_size // block) * block for info in files)

    needed = blocks(written) - blocks(freed) + max((blocks([info]) for info in written), default=0)
    free = space.f_bavail * block
    if needed > free:
        raise WriteFailed(
            f"{output}: disk full: the new site needs {needed:,} bytes more there and {free:,} are free; "
            "the site was not changed"
        )


def _temporary(path: Path) -> Path:
    """Where a file is written before it replaces `path`: beside it, with a name a file
    system takes even when `path`'s own name is near the longest it takes."""
    name = f".{path.name}.tmp"
    if len(os.fsencode(name)) > NAME_MAX_BYTES:
        name = f".{hashlib.sha256(os.fsencode(path.name)).hexdigest()[:32]}.tmp"
    return path.with_name(name)


def _write_file(path: str, data: bytes) -> os.stat_result:
    """Write bytes and return the file's stat (one open file, no second path lookup).
    Raises OSError naming the file (a write that fails, e.g. on a full disk, names none)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
        return os.fstat(descriptor)
    except OSError as error:
        raise OSError(error.errno, error.strerror, path) from None
    finally:
        os.close(descriptor)


def _files(folder: Path) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """(relative POSIX path, entry) of every file under `folder` but the marker (links not followed)."""
    for item in walk(folder, follow_links=False).found:
        if item.relative != MARKER:
            yield item.relative, item.entry


def file_paths(folder: Path) -> set[str]:
    """The relative POSIX path of every file under `folder` but the marker (links not followed)."""
    return {relative for relative, _ in _files(folder)}


def file_states(folder: Path) -> dict[str, tuple[int, int]]:
    """(size, mtime in ns) of every file under `folder` but the marker, by relative POSIX path."""
    states = {}
    for relative, entry in _files(folder):
        info = entry.stat(follow_symlinks=False)
        states[relative] = (info.st_size, info.st_mtime_ns)
    return states
