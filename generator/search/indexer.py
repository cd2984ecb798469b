"""Pagefind, run as a service: HTML documents in, the files of a search bundle out, in memory.

This speaks the JSON-over-stdio protocol of `pagefind --service` (the one the
official `pagefind` Python and Node packages speak) directly. The Python
package itself reads one response per 0.1 s (1,000 documents: 100 s) and
cannot read a response over 2 MiB (a bundle's files), so it does not work
for a real site. The binary comes from the `pagefind[bin]` package (or
PAGEFIND_BINARY_PATH).
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import subprocess
import tempfile
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any

from generator.errors import GeneratorError

_READ_CHUNK = 1 << 20


class IndexerError(GeneratorError):
    """Pagefind is missing or failed."""


@dataclass(frozen=True, slots=True)
class Document:
    """One page to index: the URL search results link to, and the HTML Pagefind reads."""

    url: str
    html: str


def pagefind_binary() -> str:
    """The Pagefind executable; raises IndexerError when there is none."""
    try:
        from pagefind.service import get_executable

        found = get_executable()
    except ImportError:
        found = None
    if found is None or not os.access(found, os.X_OK):
        raise IndexerError(
            "search: the Pagefind binary is missing (install the generator with its dependencies: "
            "pip install 'pagefind[bin]'), or turn search off with `search = false` in site.toml"
        )
    return str(found)


def _messages(stream: IO[bytes]) -> Iterator[dict[str, Any]]:
    """Decode the service's responses: base64 JSON, each followed by a comma."""
    pending = bytearray()
    while True:
        end = pending.find(b",")
        if end >= 0:
            message = bytes(pending[:end])
            del pending[: end + 1]
            yield json.loads(base64.b64decode(message))
            continue
        chunk = stream.read1(_READ_CHUNK)  # type: ignore[attr-defined]
        if not chunk:
            return
        pending += chunk


def _request(message_id: int, payload: dict[str, Any]) -> bytes:
    return base64.b64encode(json.dumps({"message_id": message_id, "payload": payload}).encode()) + b","


class _Service:
    """One `pagefind --service` process and its stream of responses."""

    def __init__(self, process: subprocess.Popen[bytes], errors: IO[bytes]) -> None:
        assert process.stdin is not None and process.stdout is not None
        self.process = process
        self.stdin = process.stdin
        self.responses = _messages(process.stdout)
        self.errors = errors  #: its stderr (a file: a pipe nobody reads could fill up and stop it)

    @classmethod
    def start(cls, binary: str) -> _Service:
        errors = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close())
        command = [binary, "--service"]
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors)
        return cls(process, errors)

    def send(self, requests: Iterable[bytes]) -> None:
        for request in requests:
            self.stdin.write(request)
        self.stdin.flush()

    def send_quietly(self, requests: Iterable[bytes]) -> None:
        """send, for a writer thread: if Pagefind dies, the reader reports it."""
        with contextlib.suppress(OSError):
            self.send(requests)

    def receive(self) -> dict[str, Any]:
        """The next response's payload; raises IndexerError on an error or an early exit."""
        try:
            payload: dict[str, Any] = next(self.responses)["payload"]
        except StopIteration:
            raise IndexerError(f"search: Pagefind stopped unexpectedly: {self._stderr()}") from None
        if payload.get("type") == "Error":
            raise IndexerError(f"search: Pagefind failed: {payload.get('message', '')}")
        return payload

    def _stderr(self) -> str:
        self.process.kill()
        self.process.wait()
        self.errors.seek(0)
        return self.errors.read().decode("utf-8", "replace").strip()[-2000:] or "no message"

    def close(self) -> None:
        for stream in (self.stdin, self.process.stdout, self.errors):
            if stream is not None:
                with contextlib.suppress(BrokenPipeError):  # stdin's last bytes, to a Pagefind that died
                    stream.close()
        self.process.kill()
        self.process.wait()


def index(documents: Sequence[Document], binary: str) -> dict[str, bytes]:
    """Index the documents (in this order) with a fresh Pagefind; return its bundle's files
    by path relative to the bundle folder. Raises IndexerError if Pagefind fails."""
    service = _Service.start(binary)
    try:
        service.send([_request(0, {"type": "NewIndex", "config": None})])
        index_id = service.receive()["index_id"]
        # A thread writes while this one reads: both pipes would fill up otherwise.
        requests = (
            _request(n + 1, {"type": "AddFile", "index_id": index_id, "url": d.url, "file_contents": d.html})
            for n, d in enumerate(documents)
        )
        writer = threading.Thread(target=service.send_quietly, args=(requests,), daemon=True)
        writer.start()
        for _ in documents:
            service.receive()
        writer.join()
        service.send([_request(len(documents) + 1, {"type": "GetFiles", "index_id": index_id})])
        files = service.receive()["files"]
        return {f["path"]: base64.b64decode(f["content"]) for f in files}
    except BrokenPipeError:
        raise IndexerError(f"search: Pagefind stopped unexpectedly: {service._stderr()}") from None
    finally:
        service.close()
