"""`generator serve`: the editors' live preview.

Watch (watchdog) -> rebuild (the same incremental build as `generator build`,
into <site folder>/.cache/preview, drafts and future releases included, no
search index) -> tell open browsers to reload (livereload's protocol,
triggered by us: its own watcher drops reloads, see DEPENDENCY-NOTES). Pages are served from the
preview folder only; the livereload script, an error overlay while a save is
broken, and the current warnings (collapsed to one line) are added to HTML as
it is served, never to `build` output. Errors and warnings are printed too.
"""

from __future__ import annotations

import asyncio
import dataclasses
import gc
import signal
import socket
import sys
import threading
import traceback
from collections.abc import Callable, Collection, Sequence
from datetime import datetime
from pathlib import Path

from livereload.handlers import LiveReloadHandler
from tornado import ioloop, netutil
from tornado.httpserver import HTTPServer
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

from generator.commands.build import build
from generator.commands.hosts import WILDCARDS, AllowedHosts, shown
from generator.commands.preview_server import Reloads, application
from generator.content.walker import ignored_name
from generator.errors import GeneratorError, Problem, ProblemsFound, UsageError, abridged
from generator.incremental.cache import load_cache, preview_folder
from generator.incremental.memory import BuildMemory
from generator.pipeline import BuildOptions, BuildReport
from generator.progress import counted

DEBOUNCE_SECONDS = 0.05  #: quiet time that ends a burst of events (an atomic save is one burst)
WATCHED = ("content", "templates", "theme")


class Preview:
    """The preview build and its last errors and warnings (shared by the watcher and the server).

    Its `BuildMemory` keeps the cache and the last good site in memory, so a save that
    changes only bodies re-renders just their pages; anything else is a full build."""

    def __init__(self, options: BuildOptions, say: Callable[[str], None], pinned: bool = False) -> None:
        """`pinned`: keep options.now for every build (else each build is as of its own time)."""
        self.pinned = pinned
        output = preview_folder(options.source)
        self.options = dataclasses.replace(
            options,
            drafts=True,
            future=True,
            output=output,
            base_url="/",
            jobs=1,
            trust_output=True,
            search_index=False,  # Pagefind re-indexes a whole shard per save: the preview stays fast without
            snapshot=False,  # the preview keeps its site in memory instead
        )
        self.root = output.resolve()
        self.problems: list[str] = []  #: the last build's errors: it kept the last good pages
        self.warnings: list[str] = []  #: the last build's warnings (with errors: that failed build's), abridged
        self.warning_count = 0  #: how many warnings there are in all
        self.say = say
        self.memory = BuildMemory(self.options, load_cache(self.options.source), keep_site=True)
        self._lock = threading.Lock()

    def rebuild(self, changed: Collection[str] = ()) -> bool:
        """Build; on bad input keep the last good pages and remember the problems.

        `changed`: the paths (relative to the site folder) saved since the last build."""
        with self._lock:
            options = self.options if self.pinned else dataclasses.replace(self.options, now=_now())
            try:
                report = self._build(options, changed)
            except ProblemsFound as found:
                self.problems = [str(p) for p in found.problems if p.severity == "error"]
                self._warn([p for p in found.problems if p.severity != "error"])
                for problem in found.problems:
                    if problem.severity == "error":
                        self.say(str(problem))
                for warning in self.warnings:
                    self.say(warning)
                self.say(f"{counted(len(self.problems), 'error')}: still serving the last good pages")
                return False
            except GeneratorError as error:
                self.problems = [str(error)]
                self._warn([])
                self.say(f"error: {error}")
                return False
            self.problems = []
            self._warn(report.warnings)
            for warning in self.warnings:
                self.say(warning)
            how = "bodies only" if report.bodies_only else "full build"
            self.say(
                f"rebuilt ({how}): {counted(report.written, 'file')} written, {report.unchanged:,} unchanged, "
                f"{report.seconds:.2f} s"
                + (f", {counted(self.warning_count, 'warning')}" if self.warning_count else "")
            )
            return True

    def _warn(self, warnings: Sequence[Problem]) -> None:
        self.warnings, self.warning_count = abridged(warnings), len(warnings)

    def _build(self, options: BuildOptions, changed: Collection[str]) -> BuildReport:
        gc.unfreeze()  # what the last site left behind can be collected again
        try:
            return build(options, memory=self.memory.for_build(options, changed))
        finally:
            # The site stays in memory: keep the collector from walking it again and again
            # (a 10,000-release site costs each full collection about 50 ms).
            gc.freeze()

    def settle(self) -> None:
        """Save the cache the fast path left in memory only (after the browsers were told)."""
        with self._lock:
            self.memory.settle()


def _now() -> datetime:
    return datetime.now().astimezone()


class Watcher(FileSystemEventHandler):
    """Collects changed paths; after a quiet moment, rebuilds once and reloads the browsers."""

    def __init__(
        self, source: Path, preview: Preview, reload: Callable[[str], None], watch: Callable[[Path], None]
    ) -> None:
        self.source = source.resolve()
        self.watch = watch  # starts watching a folder (content/, templates/, theme/ made after start)
        self.preview = preview
        self.reload = reload
        self.changed: set[str] = set()
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()

    def relevant(self, path: str) -> str | None:
        """The path relative to the site folder, if a change there matters."""
        try:
            relative = Path(path).resolve().relative_to(self.source)
        except ValueError:
            return None
        parts = relative.parts
        if not parts or any(ignored_name(part) for part in parts):
            return None
        if parts[0] in WATCHED or relative.as_posix() == "site.toml":
            return relative.as_posix()
        return None

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in ("created", "modified", "deleted", "moved"):
            return  # reads (opened, closed_no_write) would make the build trigger itself
        if event.is_directory and event.event_type == "modified":
            return  # a folder "modified" means its entries changed: they have events of their own
        paths = [event.src_path, getattr(event, "dest_path", "") or ""]
        found = {p for p in (self.relevant(str(path)) for path in paths if path) if p}
        for name in found & set(WATCHED):
            if event.is_directory and event.event_type in ("created", "moved"):
                self.watch(self.source / name)
        if not found:
            return
        if event.is_directory:  # a folder made, moved or removed: never a CSS-only change
            found = {f"{name}/" for name in found}
        with self._lock:
            self.changed |= found
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(DEBOUNCE_SECONDS, self.flush)
            self._timer.daemon = True
            self._timer.start()

    def flush(self) -> None:
        with self._lock:
            changed, self.changed = self.changed, set()
        if not changed:
            return
        # Changes that arrive during this build start another timer, whose build waits for this one.
        try:
            ok = self.preview.rebuild(changed)
        except Exception:  # a bug, not bad input: show it, and keep watching and serving
            traceback.print_exc()
            ok = False
        css_only = ok and all(p.startswith("theme/") and p.endswith(".css") for p in changed)
        self.reload(sorted(changed)[0].removeprefix("theme/") if css_only else "*")
        self.preview.settle()


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _listen(host: str, port: int) -> tuple[list[socket.socket], int]:
    try:
        sockets = netutil.bind_sockets(port, host)
    except OSError as error:
        raise UsageError(
            f"cannot listen on {host}:{port}: {error.strerror} (use --port to choose another port, "
            "or --port 0 for any free one)"
        ) from None
    return sockets, sockets[0].getsockname()[1]


def serve(options: BuildOptions, host: str, port: int, pinned: bool = False, allowed: Collection[str] = ()) -> int:
    """Build, serve and watch until Ctrl-C; return the exit status.

    `allowed`: more names to answer to (`--allow-host`), besides the loopback ones and `host`."""
    sockets, port = _listen(host, port)
    preview = Preview(options, _say, pinned)
    preview.rebuild()
    LiveReloadHandler.watcher = Reloads()
    LiveReloadHandler.live_css = True
    hosts = AllowedHosts.of(host, allowed)
    asyncio.set_event_loop(asyncio.new_event_loop())
    server = HTTPServer(application(preview, port, hosts))
    server.add_sockets(sockets)
    loop = ioloop.IOLoop.current()
    observer = _watch(options.source, preview, lambda path: loop.add_callback(LiveReloadHandler.reload_waiters, path))
    signal.signal(signal.SIGTERM, _stop)  # `kill`, a service manager: stop as on Ctrl-C
    print(f"Serving http://{shown(host)}:{port}/ (drafts and scheduled releases included); Ctrl-C to stop", flush=True)
    if host in WILDCARDS and not allowed:
        _say(
            f"hint: listening on every network interface, but answering only requests for {hosts.listed()}; "
            "to preview from another machine, add --allow-host with the name or address it uses "
            "(e.g. --allow-host 192.168.1.20). Anyone who can reach this port can read the drafts."
        )
    try:
        loop.start()
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
        observer.join(timeout=5)
        server.stop()
        preview.settle()
        print("stopped", flush=True)
    return 0


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _watch(source: Path, preview: Preview, reload: Callable[[str], None]) -> BaseObserver:
    """Start watching the site folder: site.toml, new folders, and content/, templates/, theme/
    (never the output or the cache: the build must not trigger itself)."""
    observer = Observer()

    def watch(folder: Path) -> None:
        observer.schedule(watcher, str(folder), recursive=True)

    watcher = Watcher(source, preview, reload, watch)
    observer.schedule(watcher, str(source), recursive=False)
    for name in WATCHED:
        if (source / name).is_dir():
            watch(source / name)
    observer.start()
    return observer
