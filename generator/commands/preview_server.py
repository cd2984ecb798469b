"""The preview's web server: pages of the preview folder only, with the livereload script,
the current warnings (one line, opened on a click) and, while a save is broken, an error box
added as they are served; livereload's script and socket; and before every endpoint the
`Host` check (against DNS rebinding)."""

from __future__ import annotations

import html
import mimetypes
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
from tornado import httputil, routing, web

from generator.commands.hosts import AllowedHosts
from generator.progress import counted


class Served(Protocol):
    """What the server shows: the preview folder and the last save's errors and warnings."""

    @property
    def root(self) -> Path: ...

    @property
    def problems(self) -> list[str]: ...

    @property
    def warnings(self) -> list[str]: ...

    @property
    def warning_count(self) -> int: ...


def _items(problems: Sequence[str]) -> str:
    return "".join(f"<li>{html.escape(p)}</li>" for p in problems)


def overlay(problems: Sequence[str], warnings: Sequence[str] = (), total: int = 0) -> str:
    """The error box every served page carries while a save is broken (plain HTML, no script
    needed), with that save's warnings folded under it."""
    folded = (
        f'<details style="margin-top:.5rem"><summary style="cursor:pointer">'
        f"{counted(max(total, len(warnings)), 'warning')}"
        f'</summary><ul style="margin:.25rem 0 0;padding-left:1.2rem">{_items(warnings)}</ul></details>'
        if warnings
        else ""
    )
    return (
        '<div id="generator-errors" role="alert" style="position:fixed;inset:auto 0 0 0;z-index:9999;'
        "max-height:50vh;overflow:auto;background:#8b0a03;color:#fff;padding:1rem 1.5rem;"
        'font:14px/1.4 monospace"><strong>The last save has errors; showing the last good pages.</strong>'
        f'<ul style="margin:.5rem 0 0;padding-left:1.2rem">{_items(problems)}</ul>{folded}</div>'
    )


def warnings_box(warnings: Sequence[str], total: int = 0) -> str:
    """The current warnings on every served page: one line in the bottom corner ("3 warnings")
    that opens on a click (a <details>: no script needed) into a list that scrolls by itself,
    so it never covers more of the page than the editor asks for."""
    return (
        '<details id="generator-warnings" style="position:fixed;right:.5rem;bottom:.5rem;z-index:9999;'
        "max-width:min(48rem,calc(100vw - 1rem));background:#fff4d6;color:#1b1b1b;border:2px solid #936f00;"
        'border-radius:4px;box-shadow:0 2px 6px rgba(0,0,0,.35);font:14px/1.4 system-ui,sans-serif">'
        '<summary style="cursor:pointer;padding:.3rem .7rem;font-weight:bold">'
        f"{counted(max(total, len(warnings)), 'warning')}</summary>"
        '<ul style="max-height:40vh;overflow:auto;margin:0;padding:.25rem 1rem .6rem 2rem;'
        f'font:13px/1.4 monospace;overflow-wrap:anywhere">{_items(warnings)}</ul></details>'
    )


class PreviewHandler(web.RequestHandler):
    """Files of the preview folder, and nothing outside it."""

    def initialize(self, preview: Served, port: int) -> None:
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
            box = overlay(self.preview.problems, self.preview.warnings, self.preview.warning_count)
        elif self.preview.warnings:
            box = warnings_box(self.preview.warnings, self.preview.warning_count)
        else:
            return page
        return page.replace("</body>", f"{box}\n</body>", 1) if "</body>" in page else page + box


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


def application(preview: Served, port: int, hosts: AllowedHosts) -> web.Application:
    """The Host check before every endpoint: pages, livereload.js and its socket (nothing else of livereload's)."""
    return web.Application(
        [
            routing.Rule(ForeignHost(hosts), ForeignHostHandler, {"hosts": hosts}),
            (r"/livereload", ReloadSocket),
            (r"/livereload.js", ReloadScript),
            (r"/(.*)", PreviewHandler, {"preview": preview, "port": port}),
        ]
    )


class Reloads:
    """livereload's handler asks its watcher for `filepath` when it logs a reload."""

    filepath = "*"
