"""Is there anything to build? A build whose inputs are exactly as the last
build left them, and whose clock has not reached the next scheduled change,
has nothing to do: like make, it trusts file sizes, mtimes and inodes.

The next scheduled change is the earliest future release date or expiry, or
live-event start or end: at that moment a page, a listing, the banner or
live.json changes even though no file did.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from generator import __version__
from generator.content.sources import trusted_since
from generator.content.walker import walk
from generator.defaults import default_dir
from generator.digests import content_digest
from generator.errors import Problem
from generator.pipeline import BuildOptions
from generator.site.assemble import ScheduledChange


@dataclass(frozen=True)
class LastBuild:
    """What a successful build leaves for the next one to compare with."""

    signature: str
    recorded_ns: int  #: when the build finished (wall clock), for the racy-file rule
    built_at: float  #: the build's --now, as a timestamp
    valid_until: float  #: the next scheduled change (inf: none)
    releases: int
    files: int
    warnings: tuple[Problem, ...]
    output: dict[str, tuple[int, int]]  #: the output's files (size, mtime) as the build left them
    next_change: ScheduledChange | None = None  #: what happens at valid_until

    def still_current(self, signature: str, newest_ns: int, now: datetime) -> bool:
        """Same inputs, none changed too close to the last build to trust its times, same schedule."""
        return (
            signature == self.signature
            and trusted_since(newest_ns, self.recorded_ns)
            and self.built_at <= now.timestamp() < self.valid_until
        )


def _stats(folder: Path, into: list[str], newest: list[int]) -> None:
    found = walk(folder, follow_links=True)
    for item in found.found:
        try:
            info = item.entry.stat()
        except OSError:
            into.append(f"{item.path}\tunreadable")
            continue
        into.append(_line(item.path, info))
        newest[0] = max(newest[0], info.st_mtime_ns, info.st_ctime_ns)
    into += (f"{trouble.path}\t{trouble.reason}" for trouble in found.troubles)


def _line(path: str | Path, info: os.stat_result) -> str:
    # ctime too: no tool can set it, so an edit that restores size and mtime still shows.
    return f"{path}\t{info.st_size}\t{info.st_mtime_ns}\t{info.st_ctime_ns}\t{info.st_ino}"


def input_signature(settings: str, files: Iterable[Path], folders: Iterable[Path]) -> tuple[str, int]:
    """A digest of the generator, the settings, and every file's size, times and inode;
    and the newest time of any of them (ns)."""
    lines = [__version__, settings]
    newest = [0]
    for path in files:
        try:
            info = path.stat()
            lines.append(_line(path, info))
            newest[0] = max(newest[0], info.st_mtime_ns, info.st_ctime_ns)
        except OSError:
            lines.append(f"{path}\tmissing")
    for folder in folders:
        lines.append(f"folder {folder}")
        _stats(folder, lines, newest)
    return content_digest("\n".join(lines)), newest[0]


@dataclass(frozen=True)
class Signatures:
    """The digests of a build's inputs and their newest times: of all of them, and of the frame
    (everything but content/: settings, site.toml, templates, theme)."""

    inputs: str
    newest: int
    frame: str
    frame_newest: int


def build_signatures(options: BuildOptions) -> Signatures:
    """What the no-change check and the body-edit fast path compare. Each file is stat'ed once."""
    settings = repr(
        (
            str(options.source.resolve()),
            str(options.output_folder.resolve()),
            options.base_url,
            options.drafts,
            options.future,
            options.strict,
            options.strict_links,
        )
    )
    source = options.source
    folders = [source / "templates", source / "theme", default_dir("templates"), default_dir("theme")]
    frame, frame_newest = input_signature(settings, [source / "site.toml"], folders)
    content, content_newest = input_signature("", [], [source / "content"])
    return Signatures(content_digest(frame, content), max(frame_newest, content_newest), frame, frame_newest)
