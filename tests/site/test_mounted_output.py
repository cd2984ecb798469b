"""An output folder that is a mount point (a volume mounted at site/, as in many deploys) cannot
be renamed: the build is made beside it in full, then copied in file by file."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import Site, release

SETTINGS = 'base_url = "https://press.example.org/"\nsearch = false\n'  # search has its own tests


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


#: What mount says where the machine does not let this process mount (no root, or a container
#: without CAP_SYS_ADMIN): a privilege no installation can give, so the test skips even in CI.
NOT_PERMITTED = ("permission denied", "operation not permitted", "must be superuser", "only root")


def _mount(args: list[str]) -> None:
    try:
        done = subprocess.run(["mount", *args], capture_output=True, text=True)
    except FileNotFoundError:
        done = subprocess.CompletedProcess(["mount"], 1, "", "mount: command not found")
    if done.returncode != 0:
        if os.environ.get("CI") and not any(words in done.stderr.lower() for words in NOT_PERMITTED):
            pytest.fail(f"mount {' '.join(args)} failed in CI: {done.stderr}")
        pytest.skip(f"cannot mount here: {done.stderr.strip()}")


@pytest.fixture(params=["tmpfs", "bind"])
def mounted(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Path]:
    """A site folder whose site/ is a mount point: a tmpfs of its own, or a bind mount of a
    folder of the same file system (not seen by os.path.ismount, but not renamable either)."""
    root = tmp_path / "press"
    (root / "site").mkdir(parents=True)
    if request.param == "tmpfs":
        _mount(["-t", "tmpfs", "-o", "size=64m", "tmpfs", str(root / "site")])
    else:
        (tmp_path / "volume").mkdir()
        _mount(["--bind", str(tmp_path / "volume"), str(root / "site")])
    try:
        yield root
    finally:
        subprocess.run(["umount", "-l", str(root / "site")], check=False)


def clean_build(s: Site, tmp_path: Path, name: str) -> dict[str, bytes]:
    reference = tmp_path / name
    assert s.build("--no-cache", "--output", str(reference)).code == 0
    return snapshot(reference)


def test_a_mounted_output_is_built_into_and_stays_the_same_as_a_clean_build(mounted: Path, tmp_path: Path) -> None:
    s = Site(mounted).write(
        {
            "site.toml": SETTINGS,
            "content/releases/a.md": release("A", "2024-01-01", tags=["Norland"]),
            "content/releases/b.md": release("B", "2024-01-02", aliases="[/old-b/]"),
        }
    )
    steps: list[dict[str, str]] = [
        {},
        {"content/releases/a.md": release("A edited", "2024-01-01", tags=["Norland", "Fisheries"])},
        # A file becomes a folder and a folder a file: the alias /old-b/ goes, /old-b.html/ comes.
        {"content/releases/b.md": release("B", "2024-01-02", aliases="[/old-b.html/]")},
        {"content/releases/c.md": release("C", "2024-01-03", draft="true")},
        {"content/releases/c.md": release("C", "2024-01-03")},
    ]
    for number, files in enumerate(steps):
        s.write(files)
        result = s.build()
        assert result.code == 0, result.err
        assert "Traceback" not in result.err
        assert os.path.ismount(s.out) or s.out.stat().st_dev == (tmp_path / "volume").stat().st_dev
        assert snapshot(s.out) == clean_build(s, tmp_path, f"clean-{number}"), f"step {number}"
        assert not list(s.out.glob("**/.*.tmp")), "a temporary file was left in the output"
        assert not (s.out / ".site.prev").exists()  # the spare is never inside the served folder
    (s.root / "content/releases/c.md").unlink()
    assert s.build().code == 0
    assert not (s.out / "releases/c").exists()
    assert snapshot(s.out) == clean_build(s, tmp_path, "clean-last")


def test_a_failing_build_leaves_a_mounted_output_untouched(mounted: Path) -> None:
    s = Site(mounted).write({"site.toml": SETTINGS, "content/releases/a.md": release("A", "2024-01-01")})
    assert s.build().code == 0
    before = snapshot(s.out)
    s.write({"content/releases/a.md": release("A", "2023-02-30")})
    result = s.build()
    assert result.code == 1 and "Traceback" not in result.err
    assert snapshot(s.out) == before


def test_a_mounted_output_with_files_of_its_own_is_refused(
    mounted: Path, site: Callable[[dict[str, str]], Site]
) -> None:
    s = Site(mounted).write({"content/releases/a.md": release("A", "2024-01-01"), "site/mine.html": "mine"})
    result = s.build()
    assert result.code == 1 and "did not write" in result.err
    assert snapshot(s.out) == {"mine.html": b"mine"}


def test_a_volume_s_own_lost_and_found_is_left_alone_in_a_mounted_output(mounted: Path, tmp_path: Path) -> None:
    """mkfs.ext4 puts lost+found at the top of every volume: a volume mounted at site/ is
    built into, and lost+found (with what fsck put there) is kept through every build."""
    s = Site(mounted).write({"site.toml": SETTINGS, "content/releases/a.md": release("A", "2024-01-01")})
    (s.out / "lost+found").mkdir()
    (s.out / "lost+found" / "#1234").write_bytes(b"recovered by fsck")
    for step in range(2):
        s.write({"content/releases/a.md": release(f"A {step}", "2024-01-01")})
        result = s.build()
        assert result.code == 0, result.err
        assert (s.out / "lost+found" / "#1234").read_bytes() == b"recovered by fsck"
        built = {k: v for k, v in snapshot(s.out).items() if not k.startswith("lost+found/")}
        assert built == clean_build(s, tmp_path, f"clean-{step}")


def test_a_mounted_output_too_small_for_the_new_site_is_left_as_it_was(tmp_path: Path) -> None:
    root = tmp_path / "press"
    (root / "site").mkdir(parents=True)
    _mount(["-t", "tmpfs", "-o", "size=1m", "tmpfs", str(root / "site")])
    try:
        s = Site(root).write({"site.toml": SETTINGS, "content/releases/a.md": release("A", "2024-01-01")})
        assert s.build().code == 0
        before = snapshot(s.out)
        body = (
            "A long paragraph of the statement. " * 400 + "\n\n"
        ) * 80  # about 1.1 MB (the theme has 210 KB of fonts)
        s.write({"content/releases/a.md": release("A", "2024-01-01", body=body)})
        result = s.build()
        assert result.code == 1
        [line] = result.err.splitlines()
        assert line.startswith(f"error: {s.out}: disk full: the new site needs "), line
        assert line.endswith("are free; the site was not changed"), line
        assert snapshot(s.out) == before
        (s.root / "content/releases/a.md").write_text(release("A", "2024-01-01", body="Short again."))
        assert s.build().code == 0
        assert snapshot(s.out) == clean_build(s, tmp_path, "clean")
    finally:
        subprocess.run(["umount", "-l", str(root / "site")], check=False)


def test_an_output_on_a_read_only_disk_is_a_clear_error_and_nothing_is_written(tmp_path: Path) -> None:
    s = Site(tmp_path / "press").write({"content/releases/a.md": release("A", "2024-01-01")})
    disk = tmp_path / "read-only"
    disk.mkdir()
    _mount(["-t", "tmpfs", "-o", "size=1m,ro", "tmpfs", str(disk)])
    try:
        result = s.build("--output", str(disk / "site"))
        assert result.code == 1
        assert result.err == f"error: {disk}/site: cannot use as output: Read-only file system ({disk}/.site.lock)\n"
        assert snapshot(disk) == {}
        assert not (s.root / ".cache").exists() or not list((s.root / ".cache").glob("writing-*"))
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)
