"""Is there anything to build? A build whose inputs are exactly as the last
build left them, and whose clock has not reached the next scheduled change,
has nothing to do: like make, it trusts file sizes, mtimes and inodes.

The next scheduled change is the earliest future release date or live-event
start or end: at that moment a page, the banner or live.json changes even
though no file did.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from generator import __version__
from generator.errors import Problem
from generator.model import content_digest


@dataclass(frozen=True)
class LastBuild:
    """What a successful build leaves for the next one to compare with."""

    signature: str
    built_at: float  #: the build's --now, as a timestamp
    valid_until: float  #: the next scheduled change (inf: none)
    releases: int
    files: int
    warnings: tuple[Problem, ...]

    def still_current(self, signature: str, now: datetime) -> bool:
        return signature == self.signature and self.built_at <= now.timestamp() < self.valid_until


def _stats(folder: Path, into: list[str]) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_dir():
                _stats(Path(entry.path), into)
            else:
                info = entry.stat()
                into.append(f"{entry.path}\t{info.st_size}\t{info.st_mtime_ns}\t{info.st_ino}")
        except OSError:
            into.append(f"{entry.path}\tunreadable")


def input_signature(settings: str, files: Iterable[Path], folders: Iterable[Path]) -> str:
    """A digest of the generator, the build's settings, and every input file's size, mtime and inode."""
    lines = [__version__, settings]
    for path in files:
        try:
            info = path.stat()
            lines.append(f"{path}\t{info.st_size}\t{info.st_mtime_ns}\t{info.st_ino}")
        except OSError:
            lines.append(f"{path}\tmissing")
    for folder in folders:
        lines.append(f"folder {folder}")
        _stats(folder, lines)
    return content_digest("\n".join(lines))
