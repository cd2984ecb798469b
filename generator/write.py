"""Writing the built site: into a fresh folder beside the output, switched in
by rename only when everything was written, so the output is never half-written."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from generator.errors import UsageError
from generator.model import OutputFile

#: Present in every folder the generator wrote; it only ever replaces such a folder.
MARKER = ".press-generator-output"


def check_output(output: Path, site_root: Path) -> None:
    """Refuse an output folder whose replacement would destroy someone's files."""
    target = output.resolve()
    root = site_root.resolve()
    protected = [root, root / "content", root / "templates", root / "theme", Path.home().resolve(), Path("/")]
    for folder in protected:
        if target == folder or folder.is_relative_to(target):
            raise UsageError(f"{output}: refusing to use this folder as output: it is, or contains, {folder}")
    if target.exists() and not target.is_dir():
        raise UsageError(f"{output}: refusing to use as output: it is a file, not a folder")
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).exists():
        raise UsageError(
            f"{output}: refusing to replace a non-empty folder the generator did not write "
            f"(no {MARKER} file in it); choose another --output or empty it yourself"
        )


def _recover(output: Path) -> None:
    """Bring back a previous site if a build died between its two renames."""
    old = output.with_name(f".{output.name}.old")
    if not output.exists() and old.is_dir():
        old.rename(output)


def write_site(files: Iterable[OutputFile], output: Path) -> int:
    """Write every file to a fresh folder and switch it in for `output`; return the file count."""
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    _recover(output)
    fresh = output.with_name(f".{output.name}.new")
    old = output.with_name(f".{output.name}.old")
    for leftover in (fresh, old):
        if leftover.exists():
            shutil.rmtree(leftover)
    count = 0
    made: set[Path] = set()
    for file in files:
        path = fresh / file.path
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_bytes(file.data)
        count += 1
    (fresh / MARKER).write_text("This folder is written by the press-release generator.\n")
    if output.exists():
        os.rename(output, old)
        os.rename(fresh, output)
        shutil.rmtree(old)
    else:
        os.rename(fresh, output)
    return count
