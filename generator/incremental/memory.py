"""What earlier builds left for this one, behind one interface that `build` and `serve` share.

A build asks its `BuildMemory`, in order: is nothing changed (`unchanged`, the no-change
shortcut)? Then, holding the locks (`hold`): were only bodies edited (`edited`: the last
site with those bodies read again, from memory in `serve`, from the snapshot in `build`)?
What does the output hold (`output_state`, which marks it as being written, and `on_disk`)?
At the end `record` stores what the next build needs: the cache, the build's record for the
no-change check, the snapshot or the body edits since, and clears the writing mark.
"""

from __future__ import annotations

import contextlib
import math
import time
from collections.abc import Collection, Iterator
from concurrent.futures import Future, ThreadPoolExecutor

from generator.errors import Problem
from generator.incremental.body_edits import EditedBodies, edit_bodies, from_snapshot
from generator.incremental.cache import BuildCache, cache_lock, load_cache, load_last_build, save_cache, writing_flag
from generator.incremental.freshness import LastBuild, Signatures, build_signatures
from generator.incremental.snapshot import Snapshot, save_edits, save_snapshot
from generator.pipeline import BuildOptions, BuildReport, LoadedSite
from generator.publish.records import OutputState
from generator.publish.write import MARKER, file_states, output_lock


class BuildMemory:
    """The cache and the last build, for one output folder.

    `build` makes one per run; `serve` keeps one for all its builds (`keep_site`): the cache
    stays in memory, and so does the last good site, which the watcher's `changed` paths
    are applied to. `shortcut`: may a build return at once when nothing changed?"""

    def __init__(
        self, options: BuildOptions, cache: BuildCache | None = None, keep_site: bool = False, shortcut: bool = True
    ) -> None:
        self.options = options
        self.cache = cache
        self.keep_site = keep_site
        self.shortcut = shortcut and options.use_cache and not keep_site
        self.key = str(options.output_folder.resolve())
        self._last: tuple[LoadedSite, tuple[Problem, ...]] | None = None  #: serve's last good site, and warnings
        self._previous: tuple[LoadedSite, tuple[Problem, ...]] | None = None  #: the one the running build edits
        self._signatures: Signatures | None = None
        self._walk: Future[dict[str, tuple[int, int]]] | None = None
        self._interrupted = False
        self._edited: EditedBodies | None = None
        self._trusted = False  #: this process's own record of the output is exact (serve, after a good build)
        self.changed: frozenset[str] = frozenset()  #: files saved since the last build (serve's watcher)
        self.unsaved = False  #: the cache on disk is behind the one in memory (serve saves it later)

    def for_build(self, options: BuildOptions, changed: Collection[str] = ()) -> BuildMemory:
        """This memory for a build with other options (serve: each build's own time) and the
        files saved since the last build (relative to the site folder)."""
        self.options = options
        self.changed = frozenset(changed)
        self._previous, self._last = self._last, None  # a build that fails leaves no site to edit
        return self

    def unchanged(self) -> BuildReport | None:
        """The report of the last build, when inputs, schedule and output are all as it left them."""
        if not self.options.use_cache or self.keep_site:
            return None
        self._signatures = build_signatures(self.options)
        last = load_last_build(self.options.source, self.key) if self.shortcut else None
        if last is None or writing_flag(self.options.source, self.key).exists():
            return None
        if not last.still_current(self._signatures.inputs, self._signatures.newest, self.options.now):
            return None
        output = self.options.output_folder
        if not ((output / MARKER).exists() and file_states(output) == last.output):
            return None
        return BuildReport(last.releases, 0, last.files, last.releases, 0.0, last.warnings, None, last.next_change)

    @contextlib.contextmanager
    def hold(self) -> Iterator[None]:
        """Hold the site's cache (one build at a time per site folder) and the output folder.
        The output is walked meanwhile (to see what is still as written)."""
        options, output = self.options, self.options.output_folder
        waiting = [f"waiting for another build of {output} to finish..."]
        locks = cache_lock(options.source) if options.use_cache else contextlib.nullcontext()
        trusted, self._trusted = self._trusted, False  # until this build is recorded
        with locks, output_lock(output, waiting), ThreadPoolExecutor(1) as walker:
            # Under the lock: an earlier build may have died while writing (serve's own mark,
            # left while its cache waits to be saved, is no such sign).
            self._interrupted = not trusted and writing_flag(options.source, self.key).exists()
            walk = output.exists() and not options.trust_output
            self._walk = walker.submit(file_states, output) if walk else None
            yield

    def loaded_cache(self) -> BuildCache:
        """The cache (read from the site folder the first time); call holding the locks."""
        if self.cache is None:
            self.cache = load_cache(self.options.source) if self.options.use_cache else BuildCache()
        return self.cache

    def edited(self) -> EditedBodies | None:
        """The last site with the bodies edited since, when nothing but bodies changed; else None."""
        self._edited = None
        if self._interrupted or self.cache is None:
            return None
        if self.keep_site:
            if self._previous is None or not self.changed:
                return None
            site, warnings = self._previous
            found = edit_bodies(site, warnings, self.changed, self.options, self.cache)
            self._edited = EditedBodies(*found, 0, None, frozenset()) if found else None
        elif self._signatures is not None and self.options.snapshot:
            frame = (self._signatures.frame, self._signatures.frame_newest)
            self._edited = from_snapshot(self.options, self.cache, self._walk, frame)
        return self._edited

    def output_state(self) -> OutputState:
        """What the output folder and its spare hold as far as known; from now on it is being
        written (the mark stays if the build dies, so the next one trusts no record of it)."""
        assert self.cache is not None
        state = self.cache.outputs.get(self.key, OutputState())
        if self._interrupted:
            state = OutputState(state.current, None)
        writing = writing_flag(self.options.source, self.key)
        if writing.parent.is_dir() or self.options.use_cache:
            with contextlib.suppress(OSError):  # a site folder that cannot hold a cache
                writing.parent.mkdir(parents=True, exist_ok=True)
                writing.touch()
        return state

    def on_disk(self) -> dict[str, tuple[int, int]] | None:
        """The output's files (size, mtime), if known without another walk."""
        assert self.cache is not None
        if self.options.trust_output and not self._interrupted:
            current = self.cache.outputs.get(self.key, OutputState()).current
            return {path: (record.size, record.mtime_ns) for path, record in current.items()}
        return self._walk.result() if self._walk else None

    def record(self, site: LoadedSite, warnings: tuple[Problem, ...], state: OutputState) -> None:
        """Keep what the next build needs of this one (saved now, or by `settle` for serve's edits)."""
        cache, options = self.cache, self.options
        assert cache is not None
        cache.outputs[self.key] = state
        cache.fast.pop(self.key, None)
        self._trusted = self.keep_site
        if self.keep_site:
            self._last = (site, warnings)
        if not options.use_cache:
            return
        if self.keep_site and self._edited is not None:
            self.unsaved = True  # serve saves after the browsers are told (`settle`)
            return
        recorded_ns = time.time_ns()
        if self._signatures is not None:
            cache.fast[self.key] = self._last_build(site, warnings, recorded_ns, self._signatures.inputs)
        saved = self._save(site)
        if self._edited is not None:
            save_edits(options.source, self.key, self._edited.edits(recorded_ns))
        elif options.snapshot and self._signatures is not None:
            save_snapshot(options.source, self.key, _snapshot(site, recorded_ns, self._signatures.frame))
        if saved:  # else the cache's records of this output are out of date: the mark says so
            writing_flag(options.source, self.key).unlink(missing_ok=True)

    def settle(self) -> None:
        """Save the cache that serve's last body edits left in memory only."""
        if not self.unsaved or self._last is None:
            return
        with cache_lock(self.options.source):
            if self._save(self._last[0]):
                writing_flag(self.options.source, self.key).unlink(missing_ok=True)

    def _save(self, site: LoadedSite) -> bool:
        assert self.cache is not None
        self.unsaved = False
        return save_cache(self.options.source, self.cache, site.stats)

    def _last_build(self, site: LoadedSite, warnings: tuple[Problem, ...], recorded_ns: int, inputs: str) -> LastBuild:
        assert self.cache is not None
        current = self.cache.outputs[self.key].current
        return LastBuild(
            inputs,
            recorded_ns,
            self.options.now.timestamp(),
            site.next_change.at.timestamp() if site.next_change else math.inf,
            len(site.model.releases),
            len(site.planned),
            warnings,
            {path: (r.size, r.mtime_ns) for path, r in current.items()},
            site.next_change,
        )


def _snapshot(site: LoadedSite, recorded_ns: int, frame: str) -> Snapshot:
    return Snapshot(
        recorded_ns,
        frame,
        site.config,
        site.model,
        site.warnings,
        site.stats,
        site.next_change,
        site.resolver,
        site.audit,
        site.source_problems,
    )
