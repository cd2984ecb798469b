"""Each content file -> a release or page with its body rendered, or its problems.

A file's result depends only on its bytes, where it is, and the settings
that shape parsing (`settings_key`), so it is cached by those and computed
in parallel. Links to other files are still placeholders here (see markup).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, TypeVar

from generator.config import SiteConfig
from generator.content.fields import ParsedRelease, parse_page, parse_release
from generator.digests import body_digest, content_digest, shown_digest
from generator.errors import Problem
from generator.model import Page, Release, SourceFile, Term
from generator.parallel import process_chunks
from generator.pickling import compact_pickle
from generator.slugs import shorten, slugify

if TYPE_CHECKING:
    from generator.content.markup import BodyRenderer, RenderedBody

SUMMARY_LENGTH = 200
#: An automatic summary shorter than this says too little in a link preview or a listing...
SUMMARY_MIN_WORDS = 8
#: ...and a paragraph longer than this is cut (link previews show about this much at most).
SUMMARY_MAX_CHARACTERS = 300
_SUMMARY_EXPECTED = 'a "summary:" line in the front matter: one or two sentences for listings and link previews'
#: The body `generator new` writes: a release that is not a draft may not keep it.
PLACEHOLDER_BODY = "Write the release here."


def summarize(text: str) -> str:
    """The default summary: plain text cut at a word near SUMMARY_LENGTH characters."""
    return shorten(text, SUMMARY_LENGTH)


def _placeholder(parsed: ParsedRelease) -> Problem | None:
    """The error for a release to be published whose body still holds `new`'s placeholder."""
    for offset, line in enumerate(parsed.body.split("\n")):
        if PLACEHOLDER_BODY in line:
            return Problem(
                parsed.source,
                parsed.body_line + offset,
                "body",
                f'still holds the placeholder "{PLACEHOLDER_BODY}" and the release is not a draft',
                'the release\'s text in its place, or "draft: true" to keep it unpublished',
            )
    return None


def _weak_summary(parsed: ParsedRelease, body: RenderedBody) -> Problem | None:
    """The warning for an automatic summary too short, or cut from too long a paragraph,
    to serve as the release's link preview (a written `summary:` is used as written)."""
    text, words = body.first_paragraph, len(body.first_paragraph.split())
    if words < SUMMARY_MIN_WORDS:
        said = f'"{text}" has {words} word{"" if words == 1 else "s"}' if text else "the body has no paragraph"
        message = f"the automatic summary: {said}, too few for a link preview"
    elif len(text) > SUMMARY_MAX_CHARACTERS:
        message = (
            f"the automatic summary is cut from a first paragraph of {len(text)} characters "
            f"(link previews show about {SUMMARY_MAX_CHARACTERS})"
        )
    else:
        return None
    line = body.first_paragraph_line or parsed.body_line
    return Problem(parsed.source, line, "summary", message, _SUMMARY_EXPECTED, "warning")


Kind = Literal["release", "page"]
ItemT = TypeVar("ItemT", bound=Release | Page)


@compact_pickle
@dataclass(frozen=True, slots=True)
class Loaded:
    """What one content file became."""

    item: Release | Page | None  #: None when the file has errors
    problems: tuple[Problem, ...]


def settings_key(config: SiteConfig) -> str:
    """Everything besides a file's own bytes and path that its result depends on. (Not the
    generator's version or the shape of a result: a cache written by other code is not read
    at all, see incremental.stored.FORMAT.)"""
    return content_digest(repr(config.types), config.timezone, str(config.allow_html))


def cache_key(source: SourceFile, kind: Kind, settings: str) -> str:
    return content_digest(source.digest, source.shown, source.relative, kind, settings)


class FileLoader:
    """Loads content files for one site; one per process (it owns a Markdown renderer)."""

    def __init__(self, config: SiteConfig) -> None:
        self.config = config
        self.settings = settings_key(config)
        self._renderer: BodyRenderer | None = None  # made on first use

    @property
    def renderer(self) -> BodyRenderer:
        if self._renderer is None:
            from generator.content.markup import BodyRenderer  # only when a file is not in the cache

            self._renderer = BodyRenderer(self.config.allow_html)
        return self._renderer

    def prepare(self) -> None:
        """Make the Markdown renderer now (before forking: not once in each worker)."""
        _ = self.renderer

    def load(self, source: SourceFile, kind: Kind) -> Loaded:
        if kind == "page":
            return self._page(source)
        parsed, problems = parse_release(source, self.config)
        if parsed is None:
            return Loaded(None, tuple(problems))
        if not parsed.draft and (placeholder := _placeholder(parsed)):
            return Loaded(None, (*problems, placeholder))
        body = self.renderer.render(parsed.body, parsed.body_line)
        # A draft is unfinished by definition: its summary is judged once it is to be published.
        if parsed.summary is None and not parsed.draft and (weak := _weak_summary(parsed, body)):
            problems.append(weak)
        release = Release(
            source=parsed.source,
            relative=parsed.relative,
            slug=parsed.slug,
            title=parsed.title,
            type=parsed.type,
            office=Term(name=parsed.office, slug=slugify(parsed.office)),
            date=parsed.date,
            date_only=parsed.date_only,
            tags=tuple(dict.fromkeys(Term(name=t, slug=slugify(t)) for t in parsed.tags)),
            summary=parsed.summary or summarize(body.first_paragraph),
            body_html=body.html,
            draft=parsed.draft,
            links=body.links,
            lines=parsed.lines,
            updated=parsed.updated[0] if parsed.updated else None,
            updated_date_only=parsed.updated[1] if parsed.updated else False,
            expires=parsed.expires,
            aliases=parsed.aliases,
        )
        return Loaded(self._digested(release, source), tuple(problems))

    def _page(self, source: SourceFile) -> Loaded:
        parsed, problems = parse_page(source, self.config.zone)
        if parsed is None:
            return Loaded(None, tuple(problems))
        body = self.renderer.render(parsed.body, parsed.body_line)
        page = Page(
            source=parsed.source,
            relative=parsed.relative,
            slug=parsed.slug,
            title=parsed.title,
            body_html=body.html,
            summary=parsed.summary or summarize(body.first_paragraph),
            draft=parsed.draft,
            links=body.links,
            updated=parsed.updated,
            lines=parsed.lines,
        )
        return Loaded(self._digested(page, source), tuple(problems))

    def _digested(self, item: ItemT, source: SourceFile) -> ItemT:
        return dataclasses.replace(
            item,
            digest=shown_digest(item, self.settings),
            body_digest=body_digest(source.digest, self.settings, source.shown),
        )


@dataclass(frozen=True)
class _Work:
    loader: FileLoader
    todo: list[tuple[SourceFile, Kind]]


def _load(work: _Work, index: int) -> tuple[str, Loaded]:
    """Load one file from the bytes on disk now; return their digest with the result (if the
    file changed since it was first read, the result is cached under what was parsed)."""
    source, kind = work.todo[index]
    if source.data is None:
        try:
            source = SourceFile(shown=source.shown, relative=source.relative, data=source.read(), path=source.path)
        except OSError as error:
            return source.digest, Loaded(None, (Problem(source.shown, 0, "", f"cannot read file: {error.strerror}"),))
    return source.digest, work.loader.load(source, kind)


def load_files(
    files: list[tuple[SourceFile, Kind]],
    config: SiteConfig,
    cache: dict[str, Loaded],
    jobs: int,
    on_chunk: Callable[[int], None] | None = None,
    keep: Callable[[str, Loaded], Loaded] | None = None,
) -> tuple[list[Loaded], dict[str, Loaded], int]:
    """Load every file, from `cache` where its key is there, the rest over `jobs` processes.

    `keep(key, result)` sees each new result as it arrives (the cache stores its body
    and returns it without, so a large site's bodies are not all held at once).
    Returns the results in order, the cache entries for exactly these files, and the number of hits."""
    settings = settings_key(config)
    keys = [cache_key(source, kind, settings) for source, kind in files]
    missing = [i for i, key in enumerate(keys) if key not in cache]
    work = _Work(FileLoader(config), [files[i] for i in missing])
    if missing:
        work.loader.prepare()
    computed: dict[str, Loaded] = {}
    for indices, chunk in process_chunks(_load, work, len(missing), jobs):
        for index, (digest, result) in zip(indices, chunk, strict=True):
            source, kind = work.todo[index]
            key = keys[missing[index]]
            if digest != source.digest:  # changed while we built: never cache it as the old bytes
                key = keys[missing[index]] = content_digest(key, digest)
            computed[key] = keep(key, result) if keep else result
        if on_chunk:
            on_chunk(len(indices))
    loaded = [computed[key] if key in computed else cache[key] for key in keys]
    return loaded, dict(zip(keys, loaded, strict=True)), len(files) - len(missing)
