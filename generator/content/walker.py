"""The one walk of a folder tree, for every walk the generator makes: the sources
(content/, theme/), the no-change check's stats and the output's file states.

Folder symbolic links are followed only when asked, and then never into a folder
that is already above on the same path (a loop), so no tree of links, however
many loops it has, makes a walk run forever.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal


@dataclass(frozen=True, slots=True)
class Found:
    """Anything under the top folder that is not a folder: a file, a broken link, a FIFO..."""

    path: str  #: the top folder joined with `relative`, as the operating system takes it
    relative: str  #: POSIX path under the top folder
    entry: os.DirEntry[str] = field(repr=False, compare=False)
    linked: bool = False  #: a symbolic link itself, or reached through a folder link


@dataclass(frozen=True, slots=True)
class Trouble:
    """A folder the walk did not go into."""

    path: str
    reason: Literal["unreadable", "loop"]
    detail: str = ""  #: the operating system's words for an unreadable folder


@dataclass(frozen=True, slots=True)
class Walk:
    found: list[Found]  #: sorted by relative path
    troubles: list[Trouble]  #: in the order met


def ignored_name(name: str) -> bool:
    """Is this a name no walk of the inputs sees, nor serve's watcher: hidden files and
    editors' temporary and backup files."""
    return (
        name.startswith((".", "#", "~"))
        or name.endswith(("~", ".swp", ".swx", ".tmp", "___jb_tmp___", "___jb_old___"))
        or name == "4913"
    )


def _never(name: str) -> bool:
    return False


def walk(top: Path | str, follow_links: bool, ignored: Callable[[str], bool] = _never) -> Walk:
    """Everything under `top` but folders (and names `ignored` says to skip, folders too),
    sorted by relative path; and the folders not gone into. `follow_links`: go into
    folders reached through symbolic links (never in a loop); otherwise such a link is
    found like a file. Never raises for what it finds on disk."""
    found: list[Found] = []
    troubles: list[Trouble] = []
    stack: list[tuple[str, str, frozenset[tuple[int, int]], bool]] = [(str(top), "", frozenset(), False)]
    while stack:
        folder, prefix, ancestors, via_link = stack.pop()
        try:
            # Without links followed, a folder cannot lead back above itself: no stat needed.
            info = os.stat(folder) if follow_links else None
            key = (info.st_dev, info.st_ino) if info else (0, 0)
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as error:
            troubles.append(Trouble(folder, "unreadable", error.strerror or str(error)))
            continue
        if key in ancestors:
            troubles.append(Trouble(folder, "loop"))
            continue
        inner = ancestors | {key} if follow_links else ancestors
        for entry in reversed(entries):
            if ignored(entry.name):
                continue
            try:
                is_dir = entry.is_dir(follow_symlinks=follow_links)
            except OSError:
                is_dir = False
            linked = via_link or entry.is_symlink()  # (no system call: the listing says it)
            if is_dir:
                stack.append((entry.path, f"{prefix}{entry.name}/", inner, linked))
            else:
                found.append(Found(entry.path, prefix + entry.name, entry, linked))
    found.sort(key=lambda item: item.relative)
    return Walk(found, troubles)


def names_in(folder: Path | str) -> list[str]:
    """The names of the entries of one folder (not of its subfolders), sorted; raises
    OSError if it cannot be read. For a question about the folder itself (is it empty?)."""
    with os.scandir(folder) as listing:
        return sorted(entry.name for entry in listing)
