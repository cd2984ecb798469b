"""A real `generator serve` process: pages over HTTP, edits, broken saves, reloads, safety."""

from __future__ import annotations

import asyncio
import html
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.commands.build import build
from generator.pipeline import BuildOptions
from generator.publish.write import MARKER
from tests.conftest import NOW, Site, release

Fetch = Callable[[str], tuple[int, str]]


class Server:
    def __init__(self, root: Path, *args: str, prefix: Sequence[str] = ()) -> None:
        """`prefix`: a command that runs the server (e.g. with fewer privileges)."""
        self.process = subprocess.Popen(
            [
                *prefix,
                sys.executable,
                "-m",
                "generator",
                "serve",
                "--source",
                str(root),
                "--now",
                NOW,
                "--port",
                "0",
                *args,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        line = self.process.stdout.readline() if self.process.stdout else ""
        assert line.startswith("Serving http://"), line + (self.process.stderr.read() if self.process.stderr else "")
        self.url = line.split()[1]
        parts = urlsplit(self.url)
        self.host, self.port = parts.hostname or "", parts.port or 0
        self.lines: list[str] = []  # what it printed on stderr so far
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        deadline = time.monotonic() + 15  # the first build's line was printed before "Serving"
        while not any(line.startswith("rebuilt") or "error" in line for line in self.lines):
            assert time.monotonic() < deadline, self.lines
            time.sleep(0.01)

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append(line.rstrip("\n"))

    def rebuilds(self) -> list[str]:
        return [line for line in self.lines if line.startswith("rebuilt")]

    def get(self, path: str) -> tuple[int, str]:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=10)
        connection.request("GET", path)  # sent as written: no client-side normalisation
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")

    def wait_for(self, path: str, check: Callable[[str], bool], seconds: float = 15) -> str:
        deadline = time.monotonic() + seconds
        while True:
            _, body = self.get(path)
            if check(body):
                return body
            if time.monotonic() > deadline:
                raise AssertionError(f"{path} never satisfied the check; last body:\n{body[:2000]}")
            time.sleep(0.1)

    def stop(self, how: int = signal.SIGINT) -> tuple[int, str]:
        self.process.send_signal(how)
        self.process.wait(timeout=15)
        self._reader.join(timeout=15)
        return self.process.returncode, "\n".join(self.lines)


@pytest.fixture
def server(site: Callable[[dict[str, str]], Site]) -> Iterator[tuple[Server, Site]]:
    s = site(
        {
            "content/releases/a.md": release("Alpha Statement", "2024-01-01", tags=["Norland"], body="Original text."),
            "content/releases/b.md": release("Beta Statement", "2024-01-02", tags=["Norland"]),
            "content/releases/draft.md": release("Draft Statement", "2024-01-03", tags=["Norland"], draft="true"),
        }
    )
    running = Server(s.root)
    yield running, s
    if running.process.poll() is None:
        running.process.kill()
        running.process.wait()


def test_pages_edits_and_drafts(server: tuple[Server, Site]) -> None:
    running, s = server
    status, home = running.get("/")
    assert status == 200 and "Alpha Statement" in home
    assert '<script src="/livereload.js?port=' in home
    status, draft = running.get("/releases/draft/")
    assert status == 200 and "DRAFT" in draft
    s.write({"content/releases/a.md": release("Alpha Statement", "2024-01-01", tags=["Norland"], body="New text!")})
    running.wait_for("/releases/a/", lambda body: "New text!" in body)
    assert running.get("/no/such/page/")[0] == 404
    assert not (s.root / "site").exists()  # the preview never touches site/


def test_the_preview_has_no_search_index_and_says_so(server: tuple[Server, Site]) -> None:
    running, _ = server
    status, page = running.get("/search/")
    assert status == 200 and "The search index is built by <code>generator build</code>" in page
    assert running.get("/pagefind/pagefind-entry.json")[0] == 404


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != MARKER
    }


def _full_build(s: Site, output: Path) -> dict[str, bytes]:
    """What `build` makes of the site as it is now, with the preview's settings (drafts, future,
    base URL "/", and no search index: `generator build --drafts --future --base-url /` but
    without Pagefind, which the command line cannot ask for)."""
    options = BuildOptions(
        source=s.root,
        now=datetime.fromisoformat(NOW),
        output=output,
        base_url="/",
        drafts=True,
        future=True,
        jobs=1,
        use_cache=False,
        search_index=False,
    )
    build(options)
    return _snapshot(output)


def test_the_preview_is_what_a_full_build_makes(server: tuple[Server, Site], tmp_path: Path) -> None:
    running, s = server
    preview = s.root / ".cache/preview"

    def alpha(body: str) -> str:
        return release("Alpha Statement", "2024-01-01", tags=["Norland"], body=body)

    draft = release(
        "Draft Statement",
        "2024-01-03",
        tags=["Norland"],
        draft="true",
        body="A paragraph of text, long enough for a summary of it.\n\nMore.",
    )
    # (what, file, its new text or None to delete it); "rename" renames b.md
    steps: list[tuple[str, str, str | None]] = [
        ("body", "releases/a.md", alpha("Original text.\n\nA second paragraph.")),
        ("first paragraph", "releases/a.md", alpha("Rewritten opening.\n\nA second paragraph.")),
        ("front matter", "releases/b.md", release("Beta, Revised", "2024-01-02", tags=["Norland", "Istavia"])),
        ("body with a link", "releases/a.md", alpha("Rewritten opening.\n\nSee [Beta](b.md).")),
        ("add", "releases/c.md", release("Gamma Statement", "2024-02-01", tags=["Istavia"])),
        ("rename", "releases/b.md", ""),
        ("add a page", "pages/about.md", "---\ntitle: About\n---\nAbout us.\n"),
        ("body of a page", "pages/about.md", "---\ntitle: About\n---\nAbout us.\n\nMore.\n"),
        ("delete", "releases/c.md", None),
        ("body of a draft", "releases/draft.md", draft),
    ]
    for step, (name, file, text) in enumerate(steps):
        rebuilt = len(running.rebuilds())
        path = s.root / "content" / file
        if name == "rename":
            path.rename(path.with_name("beta.md"))
        elif text is None:
            path.unlink()
        else:
            s.write({f"content/{file}": text})
        expected = _full_build(s, tmp_path / f"full{step}")
        deadline = time.monotonic() + 20
        while _snapshot(preview) != expected or len(running.rebuilds()) == rebuilt:
            assert time.monotonic() < deadline, f"step {step} ({name}): the preview differs from a full build"
            time.sleep(0.1)
    assert not any("error" in line for line in running.lines), running.lines
    fast = [line for line in running.rebuilds() if "(bodies only): 1 file written" in line]
    assert len(fast) == 4, "\n".join(running.rebuilds())  # the body edits: only their own pages


def test_a_save_that_mends_a_broken_one_builds_in_full(server: tuple[Server, Site], tmp_path: Path) -> None:
    """After a broken save (here a new title for one release and a bad date in another), the
    save that mends it (the other file put back as it was) must not be applied to the last good
    site as if only that file had changed, which would lose the new title: the preview is
    exactly what a full build makes."""
    running, s = server
    preview = s.root / ".cache/preview"
    beta = (s.root / "content/releases/b.md").read_text(encoding="utf-8")
    s.write(
        {
            "content/releases/a.md": release("Alpha, Renamed", "2024-01-01", tags=["Norland"], body="Original text."),
            "content/releases/b.md": release("Beta Statement", "not a date", tags=["Norland"]),
        }
    )
    deadline = time.monotonic() + 20
    while not any(": still serving the last good pages" in line for line in running.lines):
        assert time.monotonic() < deadline, running.lines
        time.sleep(0.05)
    rebuilt = len(running.rebuilds())
    s.write({"content/releases/b.md": beta})
    while len(running.rebuilds()) == rebuilt:
        assert time.monotonic() < deadline + 20, running.lines
        time.sleep(0.05)
    assert "(full build)" in running.rebuilds()[-1], running.rebuilds()
    assert "Alpha, Renamed" in running.get("/releases/a/")[1]
    assert _snapshot(preview) == _full_build(s, tmp_path / "full")


def test_a_stopped_preview_leaves_its_cache_saved(server: tuple[Server, Site]) -> None:
    running, s = server
    s.write(
        {
            "content/releases/a.md": release(
                "Alpha Statement", "2024-01-01", tags=["Norland"], body="Original text.\n\nMore."
            )
        }
    )
    running.wait_for("/releases/a/", lambda body: "More." in body)
    code, err = running.stop(signal.SIGTERM)  # as `kill` or a service manager stops it
    assert (
        code == 0
        and "Traceback" not in err
        and "stopped" in (running.process.stdout.read() if running.process.stdout else "")
    )
    assert "(bodies only)" in err
    assert not list((s.root / ".cache").glob("writing-*"))  # the cache on disk describes the preview
    again = Server(s.root)
    try:
        again.wait_for("/releases/a/", lambda body: "More." in body)
    finally:
        again.stop()
    assert any("0 files written" in line for line in again.rebuilds()), again.rebuilds()


def test_a_burst_of_saves_is_one_rebuild(server: tuple[Server, Site]) -> None:
    running, s = server
    folder = s.root / "content/releases"
    before = len(running.rebuilds())
    # An editor's atomic save (temp file + rename) with vim's swap and backup files, and a second
    # file saved in the same moment, as a git checkout does.
    (folder / ".a.md.swp").write_text("swap")
    (folder / "a.md~").write_text("backup")
    (folder / "a.md.tmp123").write_text(release("Alpha Statement", "2024-01-01", tags=["Norland"], body="Burst."))
    os.replace(folder / "a.md.tmp123", folder / "a.md")
    s.write({"content/releases/b.md": release("Beta Statement", "2024-01-02", tags=["Norland"], body="Burst too.")})
    running.wait_for("/releases/b/", lambda body: "Burst too." in body)
    time.sleep(1)
    assert len(running.rebuilds()) == before + 1, running.rebuilds()[before:]
    assert "Burst." in running.get("/releases/a/")[1]


def test_a_broken_save_keeps_the_last_good_pages_with_the_error_shown(server: tuple[Server, Site]) -> None:
    running, s = server
    s.write({"content/releases/a.md": "---\ntitle: [unclosed\n---\n"})
    body = running.wait_for("/releases/b/", lambda body: "generator-errors" in body)
    assert "a.md:2: front matter: YAML syntax error" in body
    assert "Beta Statement" in body
    assert "Original text." in running.get("/releases/a/")[1]  # the last good page
    s.write({"content/releases/a.md": release("Alpha Statement", "2024-01-01", tags=["Norland"], body="Fixed.")})
    running.wait_for("/releases/a/", lambda body: "Fixed." in body and "generator-errors" not in body)
    code, err = running.stop()
    assert code == 0 and "Traceback" not in err
    assert "a.md:2: front matter: YAML syntax error" in err


@pytest.mark.parametrize(
    "path",
    [
        "/../site.toml",
        "/%2e%2e/site.toml",
        "/..%2fsite.toml",
        "//etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/releases/../../site.toml",
        "/link/",
    ],
)
def test_nothing_outside_the_preview_is_served(server: tuple[Server, Site], path: str) -> None:
    running, s = server
    preview = s.root / ".cache/preview"
    if not (preview / "link").exists():
        os.symlink(s.root, preview / "link")
    status, body = running.get(path)
    assert status == 404 and "title = " not in body and "root:" not in body


def _reload_after(running: Server, change: Callable[[], None]) -> dict[str, object]:
    """Connect as livereload.js does, make the change, return the next message."""
    from tornado.websocket import websocket_connect

    async def listen() -> dict[str, object]:
        socket_ = await websocket_connect(f"ws://{running.host}:{running.port}/livereload")
        await socket_.write_message(json.dumps({"command": "hello", "protocols": []}))
        await socket_.read_message()
        await socket_.write_message(json.dumps({"command": "info", "url": running.url}))
        await asyncio.sleep(0.3)
        change()
        message = await asyncio.wait_for(socket_.read_message(), timeout=15)
        return dict(json.loads(message or "{}"))

    return asyncio.run(listen())


def test_browsers_are_told_to_reload(server: tuple[Server, Site]) -> None:
    running, s = server
    message = _reload_after(running, lambda: s.write({"content/releases/b.md": release("Beta", "2024-01-02")}))
    assert message["command"] == "reload" and message["path"] == "*"


def test_a_css_change_is_swapped_in(server: tuple[Server, Site]) -> None:
    running, s = server
    first = _reload_after(running, lambda: s.write({"theme/style.css": "body { color: navy; }\n"}))
    assert first["command"] == "reload"  # a new theme/ folder: a full reload
    running.wait_for("/theme/style.css", lambda body: "navy" in body)
    again = _reload_after(running, lambda: s.write({"theme/style.css": "body { color: teal; }\n"}))
    assert again["path"] == "style.css" and again["liveCSS"] is True  # the new folder is watched too
    running.wait_for("/theme/style.css", lambda body: "teal" in body)


def test_a_busy_port_is_a_clear_error(site: Callable[[dict[str, str]], Site]) -> None:
    s = site({"content/releases/a.md": release("A", "2024-01-01")})
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "generator", "serve", "--source", str(s.root), "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert f"127.0.0.1:{port}" in result.stderr and "--port 0" in result.stderr
    assert "Traceback" not in result.stderr


# Safety on an editor's laptop: only its own names, HEAD, containment, and paths the OS refuses.

Response = tuple[int, dict[str, str], bytes]
UPGRADE = {
    "Upgrade": "websocket",
    "Connection": "Upgrade",
    "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
    "Sec-WebSocket-Version": "13",
}


def _request(running: Server, method: str, path: str, headers: dict[str, str] | None = None) -> Response:
    """One request as written (http.client sends the path and a given Host untouched)."""
    headers = headers or {}
    connection = http.client.HTTPConnection(running.host, running.port, timeout=10)
    try:
        connection.putrequest(method, path, skip_host="Host" in headers, skip_accept_encoding=True)
        for name, value in headers.items():
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def _raw(running: Server, request: bytes) -> bytes:
    """Bytes on a socket, for what http.client refuses to send (NUL, backslashes, absolute-form);
    the whole answer, read until the server closes."""
    with socket.create_connection((running.host, running.port), timeout=10) as connection:
        connection.sendall(request)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return answer


def _status(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1])


def test_foreign_host_is_refused_so_dns_rebinding_reads_nothing(server: tuple[Server, Site]) -> None:
    running, _ = server
    foreign = f"evil.example:{running.port}"  # a page at evil.example whose name now points at us
    endpoints = [
        ("GET", "/", {}),
        ("GET", "/releases/draft/", {}),
        ("HEAD", "/releases/draft/", {}),
        ("POST", "/releases/draft/", {}),
        ("GET", "/releases.json", {}),
        ("GET", f"/livereload.js?port={running.port}", {}),
        ("GET", "/livereload", UPGRADE),
        ("GET", "/forcereload?path=*", {}),
        ("GET", "/no/such/page/", {}),
    ]
    for method, path, headers in endpoints:
        status, head, body = _request(running, method, path, {"Host": foreign, **headers})
        assert status == 403, (method, path, status)
        assert head["content-type"] == "text/plain; charset=utf-8", (method, path)
        assert b"Draft Statement" not in body and b"LiveReload" not in body
        if method == "GET":
            assert b"--allow-host evil.example" in body, body
    for name in ["localhost.evil.example", "127.0.0.1.nip.io", "127.0.0.2", "[::2]", "[127.0.0.1]", "0.0.0.0"]:
        assert _request(running, "GET", "/releases/draft/", {"Host": name})[0] == 403, name
    assert _request(running, "GET", "/releases/draft/")[0] == 200  # its own name still works


def test_its_own_names_are_answered_in_any_case_with_or_without_the_port(server: tuple[Server, Site]) -> None:
    running, _ = server
    port = running.port
    names = ["localhost", f"LocalHost:{port}", "localhost.", "127.0.0.1", f"127.0.0.1:{port}", "[::1]"]
    names += [f"[::1]:{port}", f"[0:0:0:0:0:0:0:1]:{port}", "localhost:2222"]  # any port: an SSH tunnel's too
    for name in names:
        status, _, body = _request(running, "GET", "/releases/draft/", {"Host": name})
        assert status == 200 and b"Draft Statement" in body, name


def test_a_request_without_host_is_answered_only_in_http_1_0(server: tuple[Server, Site]) -> None:
    """Browsers always send Host, so rebinding never comes without one; HTTP/1.0 tools may omit it."""
    running, _ = server
    answer = _raw(running, b"GET /releases/draft/ HTTP/1.0\r\n\r\n")
    assert _status(answer) == 200 and b"Draft Statement" in answer
    answer = _raw(running, b"GET /releases/draft/ HTTP/1.1\r\nConnection: close\r\n\r\n")
    assert _status(answer) == 400 and b"Draft Statement" not in answer


def test_allow_host_adds_names_and_can_be_repeated(site: Callable[[dict[str, str]], Site]) -> None:
    s = site({"content/releases/draft.md": release("Draft Statement", "2024-01-03", draft="true")})
    running = Server(s.root, "--allow-host", "Preview.LAN", "--allow-host", "192.168.1.20", "--allow-host", "fe80::1")
    try:
        port = running.port
        for name in [f"preview.lan:{port}", "PREVIEW.lan", f"192.168.1.20:{port}", f"[fe80::1]:{port}", "localhost"]:
            status, _, body = _request(running, "GET", "/releases/draft/", {"Host": name})
            assert status == 200 and b"Draft Statement" in body, name
        status, _, body = _request(running, "GET", "/releases/draft/", {"Host": "other.lan"})
        assert status == 403 and b"preview.lan, " in body and b"fe80::1" in body
    finally:
        running.stop()
    assert not any("hint:" in line for line in running.lines)


@pytest.mark.parametrize("value", ["http://preview.lan/", "preview.lan:8000", "preview lan", "", "*"])
def test_a_bad_allow_host_is_a_clear_error(site: Callable[[dict[str, str]], Site], value: str) -> None:
    s = site({"content/releases/a.md": release("A", "2024-01-01")})
    result = subprocess.run(
        [sys.executable, "-m", "generator", "serve", "--source", str(s.root), "--port", "0", "--allow-host", value],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"argument --allow-host: {value!r} is not a host name (expected a host name or IP address" in result.stderr
    assert not (s.root / ".cache").exists()  # refused before anything was built


def test_listening_on_every_interface_hints_at_allow_host(site: Callable[[dict[str, str]], Site]) -> None:
    s = site({"content/releases/draft.md": release("Draft Statement", "2024-01-03", draft="true")})
    running = Server(s.root, "--host", "0.0.0.0")
    try:
        deadline = time.monotonic() + 10
        while not any(line.startswith("hint:") for line in running.lines):
            assert time.monotonic() < deadline, running.lines
            time.sleep(0.05)
        hint = next(line for line in running.lines if line.startswith("hint:"))
        assert "--allow-host" in hint and "every network interface" in hint
        status, _, body = _request(running, "GET", "/releases/draft/", {"Host": f"0.0.0.0:{running.port}"})
        assert status == 200 and b"Draft Statement" in body  # the URL it printed works
        assert _request(running, "GET", "/releases/draft/", {"Host": "192.168.1.20"})[0] == 403
    finally:
        running.stop()


def test_an_ipv6_address_is_served_and_printed_in_brackets(site: Callable[[dict[str, str]], Site]) -> None:
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
    except OSError:
        pytest.skip("no IPv6 loopback on this machine")
    s = site({"content/releases/draft.md": release("Draft Statement", "2024-01-03", draft="true")})
    running = Server(s.root, "--host", "::1")
    try:
        assert running.url == f"http://[::1]:{running.port}/"
        assert b"Draft Statement" in _request(running, "GET", "/releases/draft/")[2]  # Host: [::1]:port
    finally:
        running.stop()


def test_the_reload_socket_accepts_only_the_previews_own_pages(server: tuple[Server, Site]) -> None:
    running, _ = server
    own = f"http://127.0.0.1:{running.port}"
    assert _request(running, "GET", "/livereload", {**UPGRADE, "Origin": own})[0] == 101
    assert _request(running, "GET", "/livereload", UPGRADE)[0] == 101  # no Origin: not a browser
    others = [
        {"Origin": "http://evil.example"},
        {"Origin": "null"},  # a file:// page, a sandboxed frame
        {"Origin": "http://localhost:3000", "Sec-Fetch-Site": "same-site"},  # another local site
        {"Origin": f"http://evil.example:{running.port}", "Sec-Fetch-Site": "cross-site"},
    ]
    for headers in others:
        status, _, body = _request(running, "GET", "/livereload", {**UPGRADE, **headers})
        assert status == 403, headers


def test_head_is_answered_like_get_without_a_body(server: tuple[Server, Site]) -> None:
    running, _ = server
    for path in ["/", "/releases/a/", "/releases.json", f"/livereload.js?port={running.port}", "/no/such/page/"]:
        get_status, get_head, get_body = _request(running, "GET", path)
        head_status, head_head, _ = _request(running, "HEAD", path)
        get_head.pop("date"), head_head.pop("date")
        assert (head_status, head_head) == (get_status, get_head), path
        assert int(head_head["content-length"]) == len(get_body) > 0 and "content-type" in head_head
    answer = _raw(running, b"HEAD /releases/a/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
    assert _status(answer) == 200 and answer.endswith(b"\r\n\r\n")  # no body on the wire


@pytest.fixture
def outside(server: tuple[Server, Site], tmp_path: Path) -> Path:
    """Secrets next to the site, in its folder and at an absolute path; none may be served."""
    _, s = server
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "index.html").write_text("<html><head></head><body>SECRET-OUTSIDE</body></html>")
    (folder / "secret.txt").write_text("SECRET-OUTSIDE")
    (s.root / "secret.txt").write_text("SECRET-OUTSIDE")
    return folder


def test_a_symlink_out_of_the_preview_is_not_followed(server: tuple[Server, Site], outside: Path) -> None:
    running, s = server
    preview = s.root / ".cache/preview"
    (preview / "inner").mkdir()
    os.symlink(outside / "index.html", preview / "inner/index.html")  # a folder's page: the reported hole
    os.symlink(outside / "secret.txt", preview / "secret.txt")
    os.symlink(outside, preview / "folder")
    os.symlink(preview / "index.html", preview / "home.html")  # inside: symlinks as such are fine
    for path in ["/inner/", "/inner", "/inner/index.html", "/secret.txt", "/folder/", "/folder/secret.txt"]:
        status, _, body = _request(running, "GET", path)
        assert status == 404 and b"SECRET-OUTSIDE" not in body, path
    status, _, body = _request(running, "GET", "/home.html")
    assert status == 200 and b"Alpha Statement" in body


def test_traversal_in_any_spelling_stays_in_the_preview(server: tuple[Server, Site], outside: Path) -> None:
    running, _ = server
    secret = str(outside / "secret.txt")
    paths = [
        "/../../secret.txt",
        "/..%2f..%2fsecret.txt",
        "/%2e%2e/%2e%2e/secret.txt",
        "/%2e%2e%2f%2e%2e%2fsecret.txt",
        "/.%2e/.%2e/secret.txt",
        "/%252e%252e/%252e%252e/secret.txt",
        "/..\\..\\secret.txt",
        "/..%5c..%5csecret.txt",
        "/releases/../../../secret.txt",
        "/releases/%2e%2e/%2e%2e/%2e%2e/secret.txt",
        "/secret.txt%00.html",
        "/%00/../../secret.txt",
        "/" + secret,
        "//" + secret,
        "/%2f" + secret.lstrip("/"),
        f"http://127.0.0.1:{running.port}/../../secret.txt",  # absolute-form request target
    ]
    for path in paths:
        answer = _raw(running, f"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode())
        assert _status(answer) in (400, 404) and b"SECRET-OUTSIDE" not in answer, path


def test_a_file_name_is_decoded_once(server: tuple[Server, Site]) -> None:
    running, s = server
    (s.root / ".cache/preview/100%41.txt").write_text("percent in the name")
    status, _, body = _request(running, "GET", "/100%2541.txt")
    assert status == 200 and body == b"percent in the name"


def test_a_path_the_os_refuses_is_a_404_never_a_500_or_a_traceback(server: tuple[Server, Site]) -> None:
    running, s = server
    preview = s.root / ".cache/preview"
    os.symlink(preview / "loop", preview / "loop")
    paths = {
        "/" + "a" * 300: 404,  # ENAMETOOLONG: a segment longer than NAME_MAX
        "/" + "a" * 300 + "/": 404,
        "/" + "/".join(["b" * 200] * 30): 404,  # longer than PATH_MAX
        "/index.html/inside": 404,  # ENOTDIR
        "/loop/": 404,  # ELOOP
        "/loop/index.html": 404,
        "/%ff": 400,  # not UTF-8
        "/%c3%28": 400,
        "/%ed%a0%80": 400,  # a UTF-16 surrogate
    }
    for path, expected in paths.items():
        assert _request(running, "GET", path)[0] == expected, path[:40]
        assert _request(running, "HEAD", path)[0] == expected, path[:40]
    assert _request(running, "GET", "/")[0] == 200
    time.sleep(0.2)  # let the reader thread take every line the server printed
    assert not any("Traceback" in line or line.startswith("500 ") for line in running.lines), running.lines


def _without_reading_everything() -> list[str]:
    """A prefix that runs a process of root without the capabilities to read any file (EACCES then happens)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv (util-linux): EACCES cannot happen")
    drop = "-dac_override,-dac_read_search"
    return [setpriv, f"--inh-caps={drop}", f"--bounding-set={drop}"]


def test_an_unreadable_file_is_a_404(site: Callable[[dict[str, str]], Site]) -> None:
    s = site({"content/releases/a.md": release("Alpha Statement", "2024-01-01")})
    running = Server(s.root, prefix=_without_reading_everything())
    preview = s.root / ".cache/preview"
    locked = preview / "locked"
    locked.mkdir()
    (locked / "index.html").write_text("<html></html>")
    (preview / "private.txt").write_text("private")
    (preview / "private.txt").chmod(0)
    locked.chmod(0)
    try:
        for path in ["/locked/", "/locked/index.html", "/private.txt"]:
            assert _request(running, "GET", path)[0] == 404, path
        assert _request(running, "GET", "/releases/a/")[0] == 200
    finally:
        locked.chmod(0o755)
        running.stop()
    assert not any("Traceback" in line for line in running.lines), running.lines


def test_warnings_are_shown_on_every_page_and_printed_but_never_built(
    site: Callable[[dict[str, str]], Site], tmp_path: Path
) -> None:
    s = site(
        {
            "content/releases/a.md": release(
                "Alpha Statement",
                "2024-01-01",
                body="The ministry published a new map of the harbour of Halvik today.\n\n![Map](map.png)",
            ),
            "content/releases/b.md": release("Beta Statement", "2024-01-02"),
        }
    )
    shown = f"{s.root}/content/releases/a.md"
    warning = f'{shown}:9: link: warning: "map.png" leads to no file or page'
    running = Server(s.root)
    try:
        for path in ("/", "/releases/b/", "/no-such-page/"):
            body = running.get(path)[1]
            assert body.count('id="generator-warnings"') == 1, path
            assert '<summary style="cursor:pointer;padding:.3rem .7rem;font-weight:bold">1 warning</summary>' in body
            assert f"<li>{html.escape(warning)}" in body
            assert "generator-errors" not in body
        assert any(line.startswith(warning) for line in running.lines)
        assert any(line.startswith("rebuilt (full build):") and line.endswith(", 1 warning") for line in running.lines)
        preview = s.root / ".cache/preview"
        assert not [p for p in preview.rglob("*.html") if b"generator-warnings" in p.read_bytes()]
        s.write(
            {
                "content/releases/a.md": release(
                    "Alpha Statement",
                    "2024-01-01",
                    body="The ministry published a new map of the harbour of Halvik today.\n\n"
                    "![Map](map.png) ![](x.png)",
                )
            }
        )
        body = running.wait_for("/releases/b/", lambda body: ">2 warnings</summary>" in body)
        s.write(
            {
                "content/releases/a.md": release(
                    "Alpha Statement",
                    "2024-01-01",
                    body="Mended. The ministry published the corrected map of the harbour today.",
                )
            }
        )
        running.wait_for("/releases/a/", lambda body: "Mended." in body and "generator-warnings" not in body)
        s.write({"content/releases/a.md": "---\ntitle: [unclosed\n---\n", "content/releases/b.md": "![](y.png)\n"})
        body = running.wait_for("/releases/a/", lambda body: "generator-errors" in body)
        assert "generator-warnings" not in body  # a failed save's warnings are folded into its error box
    finally:
        running.stop()
    s.write(
        {
            "content/releases/a.md": release(
                "Alpha Statement",
                "2024-01-01",
                body="The ministry published a new map of the harbour of Halvik today.\n\n![Map](map.png)",
            ),
            "content/releases/b.md": release("Beta Statement", "2024-01-02"),
        }
    )
    built = s.build("--output", str(tmp_path / "public"))
    assert built.code == 0 and warning in built.err
    assert (tmp_path / "public/releases/a/index.html").is_file()
    assert not [p for p in (tmp_path / "public").rglob("*") if p.is_file() and b"generator-warnings" in p.read_bytes()]


def test_many_warnings_of_a_kind_are_counted_in_full_and_listed_twenty_at_most(
    site: Callable[[dict[str, str]], Site],
) -> None:
    s = site(
        {f"content/releases/r{n:02}.md": release(f"Readout {n}", "2024-05-01", body="Readout.") for n in range(23)}
    )
    running = Server(s.root)
    try:
        body = running.get("/")[1]
        assert '<summary style="cursor:pointer;padding:.3rem .7rem;font-weight:bold">23 warnings</summary>' in body
        assert body.count(": summary: warning: ") == 20
        assert "<li>... and 3 more summary warnings (generator check lists every one)</li>" in body
    finally:
        running.stop()
    assert any(line.endswith(", 23 warnings") for line in running.lines)


def test_a_site_made_by_init_previews_its_draft_without_a_warning(tmp_path: Path) -> None:
    folder = tmp_path / "press"
    made = subprocess.run(
        [sys.executable, "-m", "generator", "init", str(folder)], capture_output=True, text=True, timeout=120
    )
    assert made.returncode == 0, made.stderr
    running = Server(folder)
    try:
        status, body = running.get("/releases/example-release/")
        assert status == 200 and "Example Release: Replace This Title" in body
        assert '<span class="badge badge-draft">DRAFT</span>' in body
        home = running.get("/")[1]
        assert "Example Release: Replace This Title" in home
        assert "generator-warnings" not in home and "generator-errors" not in home
    finally:
        code, err = running.stop()
    assert code == 0 and "warning" not in err, err
