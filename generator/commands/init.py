"""`generator init FOLDER`: a new site folder that builds at once.

The files it writes are package data (`generator/starter/`, shipped in the wheel), so they
read as the files they become. Two things are spelt differently there: a leading dot of a
name is written `dot-` (`dot-gitignore` -> `.gitignore`: packaging tools may drop hidden
files), and the folder `YEAR` is the current year (releases are filed by year). In their
text, `@DATE@` is today's date and `@VERSION@` the generator's version.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath

from generator import __version__
from generator.content.walker import names_in, walk
from generator.errors import UsageError

STARTER = Path(__file__).resolve().parents[1] / "starter"


@dataclass(frozen=True)
class StarterFile:
    path: str  #: relative to the new site folder, with "/" between parts
    text: str


def starter_files(today: date, version: str = __version__) -> list[StarterFile]:
    """The files of a new site as of `today`, in path order."""
    files = []
    for found in walk(STARTER, follow_links=False).found:
        path = "/".join(_name(part, today) for part in PurePosixPath(found.relative).parts)
        text = (
            Path(found.path)
            .read_text(encoding="utf-8")
            .replace("@DATE@", today.isoformat())
            .replace("@VERSION@", version)
        )
        files.append(StarterFile(path, text))
    return sorted(files, key=lambda f: f.path)


def _name(part: str, today: date) -> str:
    if part == "YEAR":
        return f"{today.year:04d}"
    return "." + part.removeprefix("dot-") if part.startswith("dot-") else part


def create_site(folder: Path, shown: str, today: date) -> list[StarterFile]:
    """Write a new site into `folder` (made if missing, else it must be empty); return what
    was written. Raises UsageError, writing nothing, for a file or a folder that is not empty."""
    _require_empty(folder, shown)
    files = starter_files(today)
    try:
        for file in files:
            path = folder / file.path
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "x", encoding="utf-8", newline="\n") as stream:
                stream.write(file.text)
    except OSError as error:
        raise UsageError(f"{shown}: cannot be written: {error.strerror or error} ({error.filename})") from None
    return files


#: What a folder may hold and still count as empty: a fresh clone of an empty repository
#: (where a press office starts its site) has its .git folder, which init never touches.
_ALLOWED = frozenset({".git"})


def _require_empty(folder: Path, shown: str) -> None:
    try:
        if not folder.exists():
            folder.mkdir(parents=True)
            return
        if not folder.is_dir():
            raise UsageError(f"{shown} is a file (expected a new or empty folder for the new site)")
        entries = [name for name in names_in(folder) if name not in _ALLOWED]
    except OSError as error:
        raise UsageError(f"{shown}: cannot be made: {error.strerror or error}") from None
    if entries:
        listed = ", ".join(entries[:3]) + (f" and {len(entries) - 3} more" if len(entries) > 3 else "")
        raise UsageError(
            f"{shown} is not empty (it holds {listed}); init makes a new site in a new or empty folder, "
            "and never changes an existing one"
        )


def next_steps(shown: str, files: list[StarterFile]) -> list[str]:
    """What `init` prints: the files made and the commands an editor runs next."""
    folder = shown.rstrip("/") or "."
    release = next(f.path for f in files if f.path.startswith("content/releases/"))
    lines = [f"Made a new site in {folder}/:"]
    lines += [f"  {file.path}" for file in files]
    lines += ["", "Next:"]
    if folder != ".":
        lines.append(f"  cd {_shell_word(folder)}")
    lines += [
        "  generator serve        preview it at http://127.0.0.1:8000/ (drafts included, marked DRAFT)",
        '  generator new "Title of the release" --type "press statement" --office "Press Office"',
        "                         write a new release (as a draft)",
        "  generator build        build the public site into site/ (drafts left out)",
        "",
        "Edit site.toml (the site's name and address) and content/offices.yaml (your offices).",
        f"The example release {release} is a draft:",
        "remove its draft: true line to publish it, or delete the file.",
        ".github/workflows/publish.yml publishes the site on GitHub Pages (see its comments).",
    ]
    return lines


def _shell_word(text: str) -> str:
    """`text` as one word for a POSIX shell (quoted only when it needs to be)."""
    if text and all(c.isalnum() or c in "-_./~" for c in text):
        return text
    return "'" + text.replace("'", "'\\''") + "'"
