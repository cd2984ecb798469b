"""Whole-site fuzzing: any site folder builds (exit 0) or fails cleanly (exit 1), and never leaks.

Each example writes a random hostile site folder (tests/fuzz_site.py) over a site
that already built (or none), runs the real `python -m generator check` (exit 0 or 1, no
traceback, writes no site/) and then `python -m generator build --now NOW`:
- the exit status is 0 or 1, and neither stream holds a traceback;
- on 1, the site/ of the build before is byte for byte as it was;
- on 0, no page has a script but the theme's, an event handler or a script URL;
  no output holds a hidden release's title, marker or URL; the build is the
  same bytes as a clean build of a copy of the folder with `--no-cache --jobs 1`.

The default run is short and derandomized (the same examples every time). For a long
random run: `FUZZ_EXAMPLES=2000 python -m pytest tests/site/test_fuzz.py`; with
`FUZZ_ALL=1` also the grammar parts listed in `fuzz_site.KNOWN_OPEN` (`FUZZ_OPEN=a,b`: those named).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, given, note, settings

from tests import fuzz_site
from tests.fuzz_site import NOW, Hidden, SiteFolder, problems_of_output

LONG_RUN = "FUZZ_EXAMPLES" in os.environ
PRIOR = (
    "---\ntitle: Prior Release\ntype: media note\noffice: Office of the Spokesperson\ndate: 2024-01-01\n---\nBefore.\n"
)


def build(root: Path, *args: str, command: str = "build") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", command, "--source", str(root), "--now", NOW, "--jobs", "2", *args],
        capture_output=True,
        text=True,
        errors="replace",
        timeout=300,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def clean_copy(root: Path, to: Path) -> Path:
    """The site folder's inputs only: no output, no cache."""
    shutil.copytree(root, to, symlinks=True, ignore=shutil.ignore_patterns("site", ".site.*", ".cache"))
    return to


def assert_output_as_before(root: Path, before: dict[str, bytes] | None, what: str) -> None:
    """site/ byte for byte as the build before left it; without one, no site/ and no .site.prev/."""
    if before is None:
        assert not (root / "site").exists(), f"{what} wrote site/"
        assert not (root / ".site.prev").exists(), f"{what} wrote .site.prev/"
    else:
        assert snapshot(root / "site") == before, f"{what} changed site/"


def check_example(folder: SiteFolder, prior: bool) -> subprocess.CompletedProcess[str]:
    """Build the folder and check every promise; returns the build (for statistics)."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "press"
        before: dict[str, bytes] | None = None
        if prior:
            (root / "content/releases").mkdir(parents=True)
            (root / "content/releases/prior.md").write_text(PRIOR)
            assert build(root).returncode == 0
            before = snapshot(root / "site")
        folder.write(root)
        checked = build(root, *folder.args, command="check")
        assert checked.returncode in (0, 1), checked.stderr
        assert "Traceback" not in checked.stderr + checked.stdout, checked.stderr
        assert_output_as_before(root, before, "check")
        result = build(root, *folder.args)
        note(f"exit {result.returncode}\n{result.stderr[-3000:]}")
        assert result.returncode in (0, 1), result.stderr
        assert "Traceback" not in result.stderr + result.stdout, result.stderr
        if result.returncode == 1:
            assert_output_as_before(root, before, "a failed build")
            return result
        hidden = [] if folder.shows_hidden else list(folder.hidden.values())
        problems = problems_of_output(root / "site", hidden)
        assert not problems, "\n".join(problems[:20])
        fresh = clean_copy(root, Path(tmp) / "fresh")
        again = build(fresh, *folder.args, "--no-cache", "--jobs", "1")
        assert again.returncode == 0, again.stderr
        assert snapshot(fresh / "site") == snapshot(root / "site"), "an incremental build differs from a clean one"
        return result


@settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "25")),
    deadline=None,
    derandomize=not LONG_RUN,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
@given(folder=fuzz_site.sites(), prior=fuzz_site.st.booleans())
def test_any_site_folder_builds_or_fails_cleanly_and_never_leaks(folder: SiteFolder, prior: bool) -> None:
    note(folder.summary())
    result = check_example(folder, prior)
    event(f"exit {result.returncode}" + (" with faults" if folder.faults else ""))


# The oracle can fail: each thing it must catch, caught.


def write(out: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text(text)
    return out


def test_the_oracle_sees_scripts_handlers_script_urls_and_duplicate_ids(tmp_path: Path) -> None:
    pages = {
        "a.html": "<p>x</p><script>alert(1)</script>",
        "b.html": '<script src="https://evil.example/theme/live.js"></script>',
        "c.html": "<img src=x onerror=alert(1)>",
        "d.html": '<a href=" JaVa&#x09;ScRiPt:alert(1)">x</a>',
        "e.html": '<img src="data:image/png;base64,AAAA">',
        "f.html": '<meta http-equiv="refresh" content="0; url=javascript:alert(1)">',
        "g.html": '<h2 id="fn1">x</h2><li id="fn1">y</li>',
        "h.html": '<script type="application/ld+json">{"a": </script>',
    }
    found = problems_of_output(write(tmp_path, pages), [])
    assert sorted({line.split(":")[0] for line in found}) == sorted(pages), found
    clean = write(tmp_path / "clean", {"ok.html": '<script src="/press/theme/live.js" defer></script><p id="a">x</p>'})
    assert problems_of_output(clean, []) == []


def test_the_oracle_sees_a_hidden_title_marker_and_url_in_any_form(tmp_path: Path) -> None:
    hidden = [Hidden("Qzhid0x", "Qzhid0x Talks <b>Open</b>\u2028now", "releases/talks-open")]
    files = {
        "a.html": "<p>QZHID0X</p>",
        "b.xml": "<feed><link href='https://x.example/releases/talks-open/'/></feed>",
        "c.html": "<p>Qzhid0x Talks &lt;b&gt;Open&lt;/b&gt; now</p>",
    }
    found = problems_of_output(write(tmp_path, files), hidden)
    assert sorted({line.split(":")[0] for line in found}) == sorted(files), found
    fine = write(tmp_path / "fine", {"a.html": '<a href="/releases/talks-open-later/">Talks</a>'})
    assert problems_of_output(fine, hidden) == []
