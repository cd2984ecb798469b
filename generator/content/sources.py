"""Reading the site folder: the only place the build reads files (besides templates).

Returns bytes and paths; parsing happens later, on values.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.content import walker
from generator.digests import content_digest
from generator.errors import Problem, ProblemsFound
from generator.model import SourceFile


@dataclass(frozen=True)
class SiteSources:
    """Everything read from a site folder's content/ and site.toml."""

    config: SourceFile | None
    releases: tuple[SourceFile, ...]
    pages: tuple[SourceFile, ...]
    live: SourceFile | None
    assets: tuple[SourceFile, ...]  #: other files under content/, copied as they are
    problems: tuple[Problem, ...] = ()
    stats: dict[str, FileStat] = field(default_factory=dict)  #: for the cache, by path relative to content/
    offices: SourceFile | None = None  #: content/offices.yaml
    tags: SourceFile | None = None  #: content/tags.yaml
    content_shown: str = "content/"  #: the content folder as shown in messages


#: The vocabulary files: read, never copied to the output.
VOCABULARIES = ("offices.yaml", "tags.yaml")


def misnamed_vocabulary(relative: str) -> str | None:
    """The vocabulary file that a file at the top of content/ was surely meant to be
    (`offices.yml`, `Tags.YAML`), or None: it would be ignored, and published as it is."""
    stem, dot, ending = relative.lower().rpartition(".")
    name = f"{stem}.yaml"
    return name if dot and ending in ("yaml", "yml") and name in VOCABULARIES else None


def shown_path(root: Path, shown_root: str, path: Path) -> str:
    relative = path.relative_to(root).as_posix()
    return relative if shown_root in ("", ".") else f"{shown_root.rstrip('/')}/{relative}"


def _not_utf8(relative: str) -> str | None:
    """The first part of `relative` (up to the name that has them) that holds bytes that are
    not UTF-8 (Python keeps those as surrogate escapes), or None."""
    if relative.isascii():
        return None
    parts = relative.split("/")
    for end, part in enumerate(parts, 1):
        try:
            part.encode("utf-8")
        except UnicodeEncodeError:
            return "/".join(parts[:end])
    return None


#: File name endings of Markdown, in any case: `.md`, `.MD`, `.markdown`, `.Markdown`, ...
MARKDOWN_ENDINGS = (".md", ".markdown")


def is_markdown(relative: str) -> bool:
    """Is this file under content/ Markdown (a release or page when in their folders)?"""
    return relative.lower().endswith(MARKDOWN_ENDINGS)


def walk(top: Path, problems: list[Problem], show: Callable[[Path], str]) -> list[tuple[str, str]]:
    """(path, path relative to `top`) of every file under `top`, sorted by relative path,
    following folder links but never in a loop; what cannot be read is a problem."""
    found = walker.walk(top, follow_links=True, ignored=walker.ignored_name)
    for trouble in found.troubles:
        if trouble.reason == "loop":
            problems.append(
                Problem(
                    show(Path(trouble.path)),
                    0,
                    "",
                    "symbolic link loop, not followed",
                    "links that do not lead back to a folder above them",
                )
            )
        else:
            problems.append(Problem(show(Path(trouble.path)), 0, "", f"cannot read folder: {trouble.detail}"))
    files = []
    unnamed: set[str] = set()
    inside = os.path.realpath(top.parent) + os.sep  # the site folder
    for item in found.found:
        if item.linked and not os.path.realpath(item.path).startswith(inside):
            # A link in the repository must not publish the build machine's files (keys, /etc).
            problems.append(
                Problem(
                    show(Path(item.path)),
                    0,
                    "",
                    "is a symbolic link to a file outside the site folder: not read, nor published",
                    "a file inside the site folder (copy it in rather than link to it)",
                )
            )
            continue
        bad = _not_utf8(item.relative)
        if bad is not None:
            if bad not in unnamed:  # a folder's name: said once, not for each file in it
                unnamed.add(bad)
                problems.append(
                    Problem(show(top / bad), 0, "", "name is not valid UTF-8, not read", "a UTF-8 file name")
                )
            continue
        try:
            is_file = item.entry.is_file()
        except OSError:
            is_file = False
        if is_file:
            files.append((item.path, item.relative))
        else:
            problems.append(Problem(show(Path(item.path)), 0, "", "broken symbolic link or unreadable entry"))
    return files


#: What the cache knows of a file: (size, mtime, ctime (ns), inode, digest of its bytes).
#: ctime too: no tool can set it, so an edit that restores size and mtime still shows.
FileStat = tuple[int, int, int, int, str]
#: A file changed less than this before the cache saw it may change again within
#: the same mtime tick, so its stat is not trusted (git's "racy" rule).
RACY_NS = 2_000_000_000
#: Where the file system keeps times to the nanosecond, a much shorter window is enough.
FINE_RACY_NS = 50_000_000


def trusted_since(changed_ns: int, seen_ns: int) -> bool:
    """Was a file last changed early enough before `seen_ns` for its times to be trusted?
    (Whole-second times mean a coarse file system: then the 2-second rule applies.)"""
    window = RACY_NS if changed_ns % 1_000_000_000 == 0 else FINE_RACY_NS
    return changed_ns < seen_ns - window


@dataclass(frozen=True)
class KnownFiles:
    """Files as the cache last saw them, to skip reading the unchanged ones."""

    stats: Mapping[str, FileStat]
    seen_at_ns: int  #: when the cache recorded them


def _read(
    path: str, relative: str, shown: str, problems: list[Problem], known: KnownFiles | None, stats: dict[str, FileStat]
) -> SourceFile | None:
    try:
        info = os.stat(path)
        before = known.stats.get(relative) if known else None
        if (
            known
            and before
            and before[:4] == (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
            and trusted_since(max(info.st_mtime_ns, info.st_ctime_ns), known.seen_at_ns)
        ):
            source = SourceFile(shown=shown, relative=relative, data=None, path=path, digest=before[4])
        else:
            with open(path, "rb") as stream:
                data = stream.read()
            # Only the digest is kept: the bytes are read again by whoever parses the file
            # (a worker process), so a large site's sources are never all in memory at once.
            source = SourceFile(shown=shown, relative=relative, data=None, path=path, digest=content_digest(data))
    except OSError as error:
        problems.append(Problem(shown, 0, "", f"cannot read file: {error.strerror}"))
        return None
    stats[relative] = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, source.digest)
    return source


def no_content(root: Path, shown_root: str) -> Problem:
    return Problem(
        shown_path(root, shown_root, root / "content"),
        0,
        "content",
        "folder not found",
        "a site folder with content/releases/ in it; check --source",
    )


def require_site(root: Path, shown_root: str) -> None:
    """Raise ProblemsFound unless `root` is a site folder (it has content/): checked before a
    command writes anything, so a mistyped --source (or /etc) gets no .cache, lock or site/."""
    if not (root / "content").is_dir():
        raise ProblemsFound([no_content(root, shown_root)])


def read_sources(root: Path, shown_root: str, known: KnownFiles | None = None) -> SiteSources:
    """Read site.toml and every file under root/content/ (not the ones `known` has seen unchanged)."""
    problems: list[Problem] = []
    stats: dict[str, FileStat] = {}

    def show(path: Path) -> str:
        return shown_path(root, shown_root, path)

    config_path = root / "site.toml"
    config = None
    if config_path.is_file():
        config = _read(str(config_path), "site.toml", show(config_path), problems, None, {})
    content = root / "content"
    shown_content = show(content) + "/"
    releases, pages, assets = [], [], []
    live = None
    vocabularies: dict[str, SourceFile] = {}
    if content.is_dir():
        for path, relative in walk(content, problems, show):
            source = _read(path, relative, shown_content + relative, problems, known, stats)
            if source is None:
                continue
            if source.relative == "live.yaml":
                live = source
            elif source.relative in VOCABULARIES:
                vocabularies[source.relative] = source
            elif misnamed_vocabulary(source.relative):
                name = misnamed_vocabulary(source.relative)
                problems.append(Problem(source.shown, 0, "", f"not read as {name}, nor published", f"the name {name}"))
            elif is_markdown(source.relative) and source.relative.startswith("releases/"):
                releases.append(source)
            elif is_markdown(source.relative) and source.relative.startswith("pages/"):
                pages.append(source)
            elif not is_markdown(source.relative):
                assets.append(source)
            else:
                problems.append(
                    Problem(
                        source.shown,
                        0,
                        "",
                        "Markdown outside content/releases/ and content/pages/ is not published",
                        "",
                        "warning",
                    )
                )
    else:
        problems.append(no_content(root, shown_root))
    return SiteSources(
        config, tuple(releases), tuple(pages), live, tuple(assets), tuple(problems), stats,
        vocabularies.get("offices.yaml"), vocabularies.get("tags.yaml"), shown_content,
    )  # fmt: skip


def read_theme(folders: list[Path], problems: list[Problem]) -> dict[str, bytes]:
    """theme/ files by relative path; later folders override earlier ones file by file.
    What cannot be read (a broken link, a name that is not UTF-8) goes to `problems`."""
    files: dict[str, bytes] = {}
    for folder in folders:
        if not folder.is_dir():
            continue
        for path, relative in walk(folder, problems, str):
            try:
                with open(path, "rb") as stream:
                    files[relative] = stream.read()
            except OSError as error:
                problems.append(Problem(path, 0, "", f"cannot read file: {error.strerror}"))
    return dict(sorted(files.items()))
