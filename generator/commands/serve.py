"""`generator serve`: the editors' live preview.

Watch (watchdog) -> rebuild (the same incremental build as `generator build`,
into <site folder>/.cache/preview, drafts and future releases included, no
search index) -> tell open browsers to reload (livereload's protocol,
triggered by us: its own watcher drops reloads, see DEPENDENCY-NOTES). Pages are served from the
preview folder only; the livereload script, and an error overlay while a
save is broken, are added to HTML as it is served, never to `build` output.
"""

from __future__ import annotations

import asyncio
import dataclasses
import gc
import html
import mimetypes
import signal
import socket
import sys
import threading
import time
import traceback
from collections.abc import Callable, Collection
from datetime import datetime
from pathlib import Path

from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
from tornado import httputil, ioloop, netutil, routing, web
from tornado.httpserver import HTTPServer
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from generator.commands.build import BuildOptions, BuildReport, build, build_locks
from generator.commands.hosts import WILDCARDS, AllowedHosts, shown
from generator.content.walker import ignored_name
from generator.errors import GeneratorError, ProblemsFound, UsageError
from generator.incremental.body_edits import apply_body_edits
from generator.incremental.cache import cache_lock, load_cache, preview_folder, save_cache, writing_flag

DEBOUNCE_SECONDS = 0.05  #: quiet time that ends a burst of events (an atomic save is one burst)
WATCHED = ("content", "templates", "theme")


class Preview:
    """The preview build and its last problems (shared by the watcher and the server).

    The site of the last good build stays in memory, so a save that changes only
    bodies re-renders just their pages (body_edits); anything else is a full build."""

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
        self.problems: list[str] = []
        self.say = say
        self.cache = load_cache(self.options.source)  # kept in memory between saves
        self.last: BuildReport | None = None  #: the last good build, with its site
        self._unsaved = False  #: the cache on disk is behind the one in memory
        self._lock = threading.Lock()

    def rebuild(self, changed: Collection[str] = ()) -> bool:
        """Build; on bad input keep the last good pages and remember the problems.

        `changed`: the paths (relative to the site folder) saved since the last build."""
        with self._lock:
            options = self.options if self.pinned else dataclasses.replace(self.options, now=_now())
            try:
                report = self._bodies(options, changed)
                how = "bodies only" if report else "full build"
                report = report or self._full(options)
            except ProblemsFound as found:
                self.problems = [str(p) for p in found.problems if p.severity == "error"]
                for problem in found.problems:
                    self.say(str(problem))
                self.say(f"{len(self.problems)} error(s): still serving the last good pages")
                return False
            except GeneratorError as error:
                self.problems = [str(error)]
                self.say(f"error: {error}")
                return False
            except BaseException:
                self.last = None  # a bug midway: nothing in memory is trusted, the next save builds in full
                raise
            self.problems = []
            self.last = report
            self.say(
                f"rebuilt ({how}): {report.written} files written, {report.unchanged} unchanged, {report.seconds:.2f} s"
            )
            return True

    def _full(self, options: BuildOptions) -> BuildReport:
        gc.unfreeze()  # what the last site left behind can be collected again
        try:
            return build(options, cache=self.cache, shortcut=False)
        finally:
            # The site stays in memory: keep the collector from walking it again and again
            # (a 10,000-release site costs each full collection about 50 ms).
            gc.freeze()

    def _bodies(self, options: BuildOptions, changed: Collection[str]) -> BuildReport | None:
        """The fast path for edited bodies (None when more changed); the cache is saved later."""
        if self.last is None or self.problems or not changed:
            return None
        started = time.perf_counter()
        with build_locks(options):
            report = apply_body_edits(self.last, changed, options, self.cache)
        if report is None:
            return None
        self._unsaved = True
        return dataclasses.replace(report, seconds=time.perf_counter() - started)

    def settle(self) -> None:
        """Save the cache the fast path left in memory only (after the browsers were told)."""
        with self._lock:
            if not self._unsaved or self.last is None or self.last.site is None:
                return
            with cache_lock(self.options.source):
                if save_cache(self.options.source, self.cache, self.last.site.stats):
                    writing_flag(self.options.source, str(self.root)).unlink(missing_ok=True)
            self._unsaved = False


def _now() -> datetime:
    return datetime.now().astimezone()


def overlay(problems: list[str]) -> str:
    """The error box every served page carries while a save is broken (plain HTML, no script needed)."""
    items = "".join(f"<li>{html.escape(p)}</li>" for p in problems)
    return (
        '<div id="generator-errors" role="alert" style="position:fixed;inset:auto 0 0 0;z-index:9999;'
        "max-height:50vh;overflow:auto;background:#8b0a03;color:#fff;padding:1rem 1.5rem;"
        'font:14px/1.4 monospace"><strong>The last save has errors; showing the last good pages.</strong>'
        f'<ul style="margin:.5rem 0 0;padding-left:1.2rem">{items}</ul></div>'
    )


class PreviewHandler(web.RequestHandler):
    """Files of the preview folder, and nothing outside it."""

    def initialize(self, preview: Preview, port: int) -> None:
        self.preview = preview
        self.port = port  # ours, not the request's Host header, goes into the page

    def _file(self, relative: str) -> Path | None:
        """The file a URL path names (tornado decoded it once) if it is inside the preview folder.

        None for anything else, including names the OS refuses (too long, a loop, not a folder)."""
        if "\x00" in relative or "\\" in relative:
            return None
        try:
            candidate = (self.preview.root / relative.lstrip("/")).resolve()  # follows symlinks, removes ..
            if candidate.is_dir():
                candidate = (candidate / "index.html").resolve()  # itself a symlink, perhaps
            inside = candidate.is_relative_to(self.preview.root) and candidate.is_file()
        except (OSError, RuntimeError):  # RuntimeError: a symlink loop (Python 3.11's resolve)
            return None
        return candidate if inside else None

    def _read(self, url_path: str) -> tuple[Path, bytes] | None:
        path = self._file(url_path)
        try:
            return (path, path.read_bytes()) if path is not None else None
        except OSError:  # unreadable, or replaced by a rebuild since it was found
            return None

    def get(self, url_path: str) -> None:
        found = self._read(url_path)
        status = 200
        if found is None:
            status, found = 404, self._read("404.html")
        self.set_status(status)
        self.set_header("Cache-Control", "no-store")
        if found is None:
            self.finish("Not found")
            return
        path, data = found
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        self.set_header("Content-Type", f"{kind}; charset=utf-8" if kind.startswith("text/") else kind)
        if path.suffix == ".html":
            data = self._decorate(data.decode("utf-8", "replace")).encode()
        self.finish(data)

    def head(self, url_path: str) -> None:
        self.get(url_path)  # tornado sends the headers, Content-Length included, and drops the body

    def _decorate(self, page: str) -> str:
        script = f'<script src="/livereload.js?port={self.port}"></script>'
        page = page.replace("</head>", f"{script}\n</head>", 1) if "</head>" in page else script + page
        if self.preview.problems:
            box = overlay(self.preview.problems)
            page = page.replace("</body>", f"{box}\n</body>", 1) if "</body>" in page else page + box
        return page


class ReloadScript(LiveReloadJSHandler):  # type: ignore[misc]  # livereload has no type hints
    """livereload.js, answering HEAD too."""

    def head(self) -> None:
        self.get()


class ReloadSocket(LiveReloadHandler):  # type: ignore[misc]
    """livereload's socket, for the preview's own pages only."""

    def check_origin(self, origin: str) -> bool:
        """Refuse every other origin (livereload accepts all).

        Tornado asks only about requests that look cross-origin: it accepts a same-origin
        one (by `Sec-Fetch-Site`, or `Origin` equal to `Host`) and one without `Origin`
        (browsers always send it) by itself."""
        return False


class ForeignHost(routing.Matcher):
    """Requests whose `Host` does not name the preview (tornado takes a missing one, allowed only
    in HTTP/1.0, as 127.0.0.1)."""

    def __init__(self, hosts: AllowedHosts) -> None:
        self.hosts = hosts

    def match(self, request: httputil.HTTPServerRequest) -> dict[str, object] | None:
        return None if self.hosts.answers(request.host) else {}


class ForeignHostHandler(web.RequestHandler):
    """Any request for another name, whatever its path or method: 403 and a plain message."""

    def initialize(self, hosts: AllowedHosts) -> None:
        self.hosts = hosts

    def prepare(self) -> None:
        self.set_status(403)
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Cache-Control", "no-store")
        self.finish(self.hosts.refusal(self.request.host))


def application(preview: Preview, port: int, hosts: AllowedHosts) -> web.Application:
    """The Host check before every endpoint: pages, livereload.js and its socket (nothing else of livereload's)."""
    return web.Application(
        [
            routing.Rule(ForeignHost(hosts), ForeignHostHandler, {"hosts": hosts}),
            (r"/livereload", ReloadSocket),
            (r"/livereload.js", ReloadScript),
            (r"/(.*)", PreviewHandler, {"preview": preview, "port": port}),
        ]
    )


class _Reloads:
    """livereload's handler asks its watcher for `filepath` when it logs a reload."""

    filepath = "*"


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

    def say(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    sockets, port = _listen(host, port)
    preview = Preview(options, say, pinned)
    preview.rebuild()
    LiveReloadHandler.watcher = _Reloads()
    LiveReloadHandler.live_css = True
    hosts = AllowedHosts.of(host, allowed)
    app = application(preview, port, hosts)
    asyncio.set_event_loop(asyncio.new_event_loop())
    server = HTTPServer(app)
    server.add_sockets(sockets)
    loop = ioloop.IOLoop.current()

    def reload(path: str) -> None:
        loop.add_callback(LiveReloadHandler.reload_waiters, path)

    observer = Observer()

    def watch(folder: Path) -> None:
        observer.schedule(watcher, str(folder), recursive=True)

    watcher = Watcher(options.source, preview, reload, watch)
    observer.schedule(watcher, str(options.source), recursive=False)  # site.toml, new folders
    for name in WATCHED:  # never the output or the cache: the build must not trigger itself
        if (options.source / name).is_dir():
            watch(options.source / name)
    observer.start()
    signal.signal(signal.SIGTERM, _stop)  # `kill`, a service manager: stop as on Ctrl-C
    url = f"http://{shown(host)}:{port}/"  # an IPv6 address in brackets
    print(f"Serving {url} (drafts and scheduled releases included); Ctrl-C to stop", flush=True)
    if host in WILDCARDS and not allowed:
        say(
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
