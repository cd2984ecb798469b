"""`generator related SLUG-OR-FILE`: a release's related articles, with the parts of each score."""

from __future__ import annotations

from pathlib import Path

from generator.content.sources import is_markdown
from generator.errors import Problem, UsageError, did_you_mean
from generator.incremental.cache import BuildCache
from generator.model import Release
from generator.pipeline import BuildOptions, load_site


def _content_relative(options: BuildOptions, written: str) -> str | None:
    """The path under content/ of a release file named as the editor wrote it (from the current
    folder, from the site folder, or from content/), or None if `written` is not a file's path."""
    if not is_markdown(written):
        return None
    content = (options.source / "content").resolve()
    for candidate in (Path(written), options.source / written, options.source / "content" / written):
        try:
            return candidate.resolve().relative_to(content).as_posix()
        except ValueError:
            continue
    return None


def _release(options: BuildOptions, releases: tuple[Release, ...], named: str) -> Release:
    """The published release with this slug or in this file; raises UsageError with the nearest slug."""
    relative = _content_relative(options, named)
    if relative is not None:
        found = next((r for r in releases if r.relative == relative), None)
        if found is None:
            raise UsageError(f"{named} is not a published release's file (see --drafts and --future)")
        return found
    found = next((r for r in releases if r.slug == named), None)
    if found is None:
        hint = did_you_mean(named, (r.slug for r in releases))
        raise UsageError(f'no published release has the slug "{named}"{hint} (see --drafts and --future)')
    return found


def related(options: BuildOptions, named: str) -> tuple[tuple[Problem, ...], list[str]]:
    """The warnings of the release's own file, and the lines that explain its related articles.

    `named`: the release's slug or the path of its file. Raises UsageError when no published
    release has that slug or is in that file."""
    site = load_site(options, BuildCache())
    release = _release(options, site.model.releases, named)
    lines = [f"{release.title}  [{release.date.isoformat()}]"]
    lines.append(f"tags: {', '.join(t.name for t in release.tags) or '(none)'}")
    items = site.model.related.items(release.slug) if site.model.related else ()
    if release.archived:
        lines.append("no related articles: it is archived (expired)")
    elif not items:
        lines.append("no related articles: no other current release shares a tag")
    for rank, item in enumerate(items, 1):
        shared = " + ".join(f"{term.name} {idf:.3f}" for term, idf in item.shared)
        total = sum(idf for _, idf in item.shared)
        lines.append(f"{rank}. {item.release.slug}: score {item.score:.4f}")
        lines.append(f"   {item.release.title}  [{item.release.date.isoformat()}]")
        lines.append(
            f"   shared tags: {shared} = {total:.3f}; gap {item.days:.1f} days; "
            f"{total:.3f} / (1 + {item.days:.1f} / 30) = {item.score:.4f}"
        )
    return tuple(p for p in site.warnings if p.path == release.source), lines
