"""`generator related SLUG`: a release's related articles, with the parts of each score."""

from __future__ import annotations

from generator.errors import Problem, UsageError
from generator.incremental.cache import BuildCache
from generator.pipeline import BuildOptions, load_site


def related(options: BuildOptions, slug: str) -> tuple[tuple[Problem, ...], list[str]]:
    """The site's warnings and the lines that explain the release's related articles.

    Raises UsageError when no published release has that slug."""
    site = load_site(options, BuildCache())
    release = next((r for r in site.model.releases if r.slug == slug), None)
    if release is None:
        raise UsageError(f'no published release has the slug "{slug}" (see --drafts and --future)')
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
    return site.warnings, lines
