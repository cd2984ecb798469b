"""Work spread over processes, with results in the order of the input.

Workers are forked, so they inherit `shared` (the site's data) without it
being pickled; only indices go out and results come back. With jobs=1, or
little work, everything runs in this process: the output is the same.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

S = TypeVar("S")
R = TypeVar("R")

_PR_SET_PDEATHSIG = 1
_worker: tuple[Callable[[Any, int], Any], Any] | None = None  # set in each forked worker only


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _die_with_parent(parent: int) -> None:
    """A worker must not outlive its build (a killed build's workers would hold its output lock)."""
    with contextlib.suppress(AttributeError, OSError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


def _start(function: Callable[[Any, int], Any], shared: Any, parent: int) -> None:
    global _worker
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _worker = (function, shared)


def _run(indices: range) -> list[Any]:
    assert _worker is not None
    function, shared = _worker
    return [function(shared, i) for i in indices]


def process_chunks(
    function: Callable[[S, int], R], shared: S, count: int, jobs: int, minimum: int = 64
) -> Iterator[tuple[range, list[R]]]:
    """Yield (indices, [function(shared, i) for i in indices]) chunk by chunk, in order,
    computed over `jobs` forked processes (here, with jobs=1 or little work)."""
    if jobs <= 1 or count < minimum or "fork" not in multiprocessing.get_all_start_methods():
        for start in range(0, count, 64):
            indices = range(start, min(start + 64, count))
            yield indices, [function(shared, i) for i in indices]
        return
    size = max(8, min(256, count // (jobs * 8)))
    chunks = [range(start, min(start + size, count)) for start in range(0, count, size)]
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_start, initargs=(function, shared, os.getpid()))
    try:
        yield from zip(chunks, pool.map(_run, chunks), strict=True)
    finally:
        # A caller that stops early (a template failed on the first page) must not wait
        # for every other chunk to be computed first: the ones not started are dropped.
        pool.shutdown(wait=True, cancel_futures=True)


def process_map(
    function: Callable[[S, int], R],
    shared: S,
    count: int,
    jobs: int,
    minimum: int = 64,
    on_chunk: Callable[[int], None] | None = None,
) -> list[R]:
    """[function(shared, i) for i in range(count)], over `jobs` forked processes.

    `on_chunk(n)` is told as each chunk of n items finishes (for progress)."""
    out: list[R] = []
    for indices, results in process_chunks(function, shared, count, jobs, minimum):
        out.extend(results)
        if on_chunk:
            on_chunk(len(indices))
    return out
