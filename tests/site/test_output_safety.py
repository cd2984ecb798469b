"""The output folder is never half-written and never a victim."""

from __future__ import annotations

import fcntl
import os
import random
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import NOW, Site, release

Snapshot = dict[str, bytes]


def snapshot(folder: Path) -> Snapshot:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def corpus(version: str, n: int = 400) -> dict[str, str]:
    body = ("Paragraph of the statement. " * 40 + "\n\n") * 6
    return {
        f"content/releases/r{i:04d}.md": release(
            f"Release {i} {version}",
            f"2024-01-{i % 28 + 1:02d}",
            tags=[f"T{i % 17}", f"U{i % 5}"],
            body=body,
            summary="One statement of many.",  # no warning: the killed builds' stderr is never read
        )
        for i in range(n)
    }


def start_build(root: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "--source", str(root), "--now", NOW, "-q", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def test_a_killed_build_leaves_the_old_site_or_the_new_one(
    site: Callable[[dict[str, str]], Site], tmp_path: Path
) -> None:
    s = site(corpus("old"))
    assert s.build().code == 0
    old = snapshot(s.out)
    s.write(corpus("new"))
    assert s.build("--output", str(tmp_path / "reference")).code == 0
    new = snapshot(tmp_path / "reference")
    assert old != new
    started = time.perf_counter()
    process = start_build(s.root)
    process.wait(timeout=120)
    duration = time.perf_counter() - started
    s.write(corpus("old"))
    assert s.build().code == 0
    rng = random.Random(7)
    for attempt in range(8):
        s.write(corpus("new" if attempt % 2 == 0 else "old"))
        process = start_build(s.root)
        time.sleep(rng.uniform(0.05, duration * 1.1))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        state = snapshot(s.out)
        assert state in (old, new), f"attempt {attempt}: site/ is neither the old nor the new site"
    assert snapshot(s.out) in (old, new)
    assert s.build().code == 0  # leftovers of killed builds are cleaned up
    assert not (s.root / ".site.new").exists()


def test_a_second_build_waits_for_the_first(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(corpus("one", 20))
    assert s.build().code == 0
    lock_path = s.root / ".site.lock"
    with open(lock_path, "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        s.write(corpus("two", 20))
        process = start_build(s.root)
        time.sleep(2)
        assert process.poll() is None, "the second build did not wait for the lock"
        assert "Release 1 one" in (s.out / "releases/r0001/index.html").read_text()
        fcntl.flock(lock, fcntl.LOCK_UN)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 0
    assert b"waiting for another build" in err
    assert "Release 1 two" in (s.out / "releases/r0001/index.html").read_text()


@pytest.mark.parametrize("output", [".", "content", "content/releases", "templates", "theme", "..", "/", "~"])
def test_refuses_to_write_over_sources_home_or_root(output: str, site: Callable[[dict[str, str]], Site]) -> None:
    s = site({"content/releases/a.md": release("A", "2024-01-01"), "templates/x.html": "", "theme/x.css": ""})
    target = os.path.expanduser(output) if output.startswith("~") else str(s.root / output)
    before = snapshot(s.root)
    result = s.build("--output", target)
    assert result.code == 1 and "refusing" in result.err, result.err
    assert "Traceback" not in result.err
    assert snapshot(s.root) == before


def test_refuses_a_non_empty_folder_without_the_marker(site: Callable[[dict[str, str]], Site]) -> None:
    s = site({"content/releases/a.md": release("A", "2024-01-01"), "site/index.html": "my own page"})
    result = s.build()
    assert result.code == 1 and "did not write" in result.err
    assert (s.out / "index.html").read_text() == "my own page"
    (s.out / "index.html").unlink()
    assert s.build().code == 0  # an empty folder is fine
    assert (s.out / ".press-generator-output").exists()


def test_builds_of_one_source_to_two_outputs_at_once(site: Callable[[dict[str, str]], Site], tmp_path: Path) -> None:
    s = site(corpus("same", 120))
    first = start_build(s.root, "--output", str(tmp_path / "one"))
    second = start_build(s.root, "--output", str(tmp_path / "two"))
    _, err_one = first.communicate(timeout=120)
    _, err_two = second.communicate(timeout=120)
    assert first.returncode == second.returncode == 0, (err_one, err_two)
    assert b"Traceback" not in err_one + err_two
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")


def _tree(folder: Path) -> dict[str, int]:
    return {p.as_posix(): p.lstat().st_mtime_ns for p in [folder, *sorted(folder.rglob("*"))]}


@pytest.mark.parametrize(
    ("output", "reason"),
    [
        ("/dev/null/site", "refusing to use as output: it is inside /dev, the system's own"),
        ("/dev/null", "refusing to use as output: it is inside /dev, the system's own"),
        ("/dev/press-site", "refusing to use as output: it is inside /dev, the system's own"),
        ("/dev/shm/site", "refusing to use as output: it is inside /dev, the system's own"),
        ("/proc/press-site", "refusing to use as output: it is inside /proc, the system's own"),
        ("/proc/self/site", "refusing to use as output: it is inside /proc, the system's own"),
        ("/sys/kernel/press-site", "refusing to use as output: it is inside /sys, the system's own"),
        ("{root}/a-file", "refusing to use as output: it is a file, not a folder"),
        ("{root}/a-file/site", "cannot be made: {root}/a-file is a file, not a folder"),
        ("{root}/a-file/deeper/site", "cannot be made: {root}/a-file is a file, not a folder"),
    ],
)
def test_an_output_in_a_system_folder_or_a_file_is_refused_and_nothing_is_written(
    output: str, reason: str, tmp_path: Path
) -> None:
    root = tmp_path / "press"
    Site(root).write({"content/releases/a.md": release("A", "2024-01-01"), "a-file": "mine"})
    os.utime(root, ns=(1, 1))
    before = _tree(tmp_path)
    target = Path(output.format(root=root))
    # What a build makes for an output: the folder, its lock file and its spare, beside it.
    made = [target, target.with_name(f".{target.name}.lock"), target.with_name(f".{target.name}.prev")]
    there = {path: os.path.lexists(path) for path in made}
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--source", str(root), "--output", output.format(root=root)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr == f"error: {output.format(root=root)}: {reason.format(root=root)}\n"
    assert _tree(tmp_path) == before
    assert {path: os.path.lexists(path) for path in made} == there


def _build_with_file_size_limit(root: Path, limit: int, *args: str) -> subprocess.CompletedProcess[str]:
    """A real build in a process that may write no file larger than `limit` bytes: a write past
    it fails with EFBIG (SIGXFSZ ignored), as one on a full disk fails with ENOSPC."""

    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    command = [sys.executable, "-m", "generator", "build", "--source", str(root), "--now", NOW, "-q", *args]
    return subprocess.run(command, preexec_fn=limited, capture_output=True, text=True, timeout=300)


def _sized_corpus(version: str) -> dict[str, str]:
    files = corpus(version, 80)  # enough pages for the workers to write them
    words = ("A sentence of the statement that goes on. " * 500 + "\n\n") * 12
    files["content/releases/long.md"] = release(f"Long {version}", "2024-02-01", body=words)
    return files


@pytest.mark.parametrize("cache", ["cache", "no-cache"])
@pytest.mark.parametrize("limit", [200, 5_000, 30_000, 400_000, 1 << 40])
def test_a_full_disk_is_a_clear_error_that_keeps_the_old_site_and_frees_the_spare(
    limit: int, cache: str, site: Callable[[dict[str, str]], Site], tmp_path: Path
) -> None:
    s = site(_sized_corpus("old"))
    args = ["--no-cache"] if cache == "no-cache" else []
    assert s.build(*args).code == 0
    old = snapshot(s.out)
    s.write(_sized_corpus("new"))
    result = _build_with_file_size_limit(s.root, limit, *args)
    assert "Traceback" not in result.stderr, result.stderr
    if result.returncode == 0:  # everything fitted
        assert snapshot(s.out) != old
    else:
        assert result.returncode == 1
        [line] = result.stderr.splitlines()
        in_site = line.startswith(f"error: {s.out}: disk full while writing ") and line.endswith(
            "(File too large); the site was not changed"
        )
        in_cache = line.startswith(f"error: {s.root}/.cache/press-generator.sqlite: cannot write the build cache (")
        assert in_site or (in_cache and cache == "cache"), line
        assert snapshot(s.out) == old
        assert not (s.root / ".site.prev").exists(), "the half-written spare was left on the full disk"
    # Once there is room again, the build is the same as a clean one.
    assert s.build(*args).code == 0
    assert Site(s.root).build("--no-cache", "--output", str(tmp_path / "clean")).code == 0
    assert snapshot(s.out) == snapshot(tmp_path / "clean")


def test_folders_beside_the_output_that_are_not_ours_are_kept(site: Callable[[dict[str, str]], Site]) -> None:
    s = site({"content/releases/a.md": release("A", "2024-01-01"), ".site.new/thesis.txt": "mine"})
    result = s.build()
    assert result.code == 1 and "did not write is in the way" in result.err
    assert (s.root / ".site.new/thesis.txt").read_text() == "mine"
