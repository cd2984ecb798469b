"""Incremental builds: after any sequence of changes, exactly what a clean full build makes."""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from generator.publish.write import MARKER
from tests.conftest import NOW, Result, Site, release

Snapshot = dict[str, bytes]
TAGS = ["Norland", "Caldoria", "Fisheries", "Trade", "Climate", "Istavia"]


def snapshot(folder: Path) -> Snapshot:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def random_release(rng: random.Random, n: int) -> str:
    links = f"See [an earlier one](r{rng.randrange(n)}.md)." if rng.random() < 0.3 else "No links."
    return release(
        f"Release {rng.randrange(1000)}",
        f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        rng.choice(["media note", "readout", "remarks"]),
        office=rng.choice(["Office A", "Office B"]),
        tags=rng.sample(TAGS, rng.randint(1, 3)),
        body=f"Paragraph {rng.random()}.\n\n{links}",
    )


def clean_build(s: Site, tmp_path: Path, step: int, now: str = NOW, *args: str) -> Snapshot:
    copy = tmp_path / f"clean{step}"
    shutil.copytree(s.root, copy, ignore=shutil.ignore_patterns("site", ".site*", ".cache"))
    clean = Site(copy)
    result = clean.build("--no-cache", "--jobs", "1", *args, now=now)
    assert result.code == 0, result.err
    return snapshot(copy / "site")


def _later(now: datetime, rng: random.Random) -> str:
    """A time a few days after `now`: a scheduled release's date or an expiry the clock will pass."""
    return (now + timedelta(days=rng.randint(1, 8), hours=rng.randint(0, 23))).isoformat()


def _set_front_matter(path: Path, line: str) -> None:
    """Add a front-matter line, or replace the one with the same key."""
    key = line.split(":", 1)[0] + ":"
    kept = [old for old in path.read_text().split("\n") if not old.startswith(key)]
    path.write_text("\n".join(kept).replace("\n---\n", f"\n{line}\n---\n", 1))


def test_random_changes_match_a_clean_build(site: Callable[[dict[str, str]], Site], tmp_path: Path) -> None:
    rng = random.Random(2024)
    files = {f"content/releases/r{i}.md": random_release(rng, 12) for i in range(12)}
    files["site.toml"] = 'per_page = 3\nbase_url = "https://press.example.org/"\n'
    s = site(files)
    now = datetime.fromisoformat(NOW)
    assert s.build(now=now.isoformat()).code == 0
    actions = ["edit", "body", "prose", "add", "rename", "delete", "template", "retag", "theme"] * 2
    actions += ["updated", "alias", "expires", "schedule", "clock"] * 2
    rng.shuffle(actions)  # every kind of change, twice, in a random order
    actions.append("clock")  # at last past every expiry and scheduled date set on the way
    archived, went_live, redirects = set(), set(), set()
    bodies_only = 0
    for step, action in enumerate(actions):
        releases = sorted(p for p in (s.root / "content/releases").glob("*.md") if not p.name.startswith("sched"))
        target = rng.choice(releases)
        if action == "updated":
            _set_front_matter(target, f"updated: 2025-0{rng.randint(1, 9)}-01T10:00:00+02:00")
        elif action == "alias":
            _set_front_matter(target, f"aliases: [/old/{target.stem}-{step}/, /statements/{step}.html]")
        elif action == "expires":
            _set_front_matter(target, f"expires: {_later(now, rng)}")
        elif action == "schedule":  # nothing links to it, so its slug never leaks
            s.write(
                {f"content/releases/sched{step}.md": release(f"Scheduled {step}", _later(now, rng), tags=["Trade"])}
            )
        elif action == "clock":
            now += timedelta(days=3 if step < len(actions) - 1 else 10)
        elif action == "edit":
            target.write_text(target.read_text().replace("Paragraph", "Changed paragraph", 1) + "\nMore.\n")
        elif action == "body":  # after the first paragraph: the summary stays, only the body changes
            target.write_text(target.read_text() + f"\nA later paragraph, [linked](r{step}.md).\n")
        elif action == "prose":  # the same, without a link: the build takes only the edited body again
            target.write_text(target.read_text() + f"\nA later paragraph {step}.\n")
        elif action == "add":
            s.write({f"content/releases/new{step}.md": random_release(rng, 12)})
        elif action == "rename":
            target.rename(target.with_name(f"renamed{step}.md"))
        elif action == "delete" and len(releases) > 3:
            target.unlink()
        elif action == "template":
            s.write(
                {
                    "templates/partials/macros.html": (Path(__file__).parents[2] / "templates/partials/macros.html")
                    .read_text()
                    .replace("release-summary", f"release-summary s{step}")
                }
            )
        elif action == "retag":
            target.write_text(random_release(rng, 12))
        elif action == "theme":
            s.write({"theme/extra.css": f"/* {step} */\n"})
        result = s.build(now=now.isoformat())
        assert result.code == 0, result.err
        assert snapshot(s.out) == clean_build(s, tmp_path, step, now.isoformat()), f"step {step}: {action}"
        bodies_only += "(bodies only)" in result.out
        archived.update(p.parent.name for p in s.out.glob("releases/*/index.html") if b"ARCHIVED" in p.read_bytes())
        went_live.update(p.name for p in s.out.glob("releases/sched*"))
        redirects.update(p.name for p in s.out.glob("old/*"))
    # The sequence really went through expiries, scheduled releases going live, aliases, and
    # builds that took only the edited bodies again.
    assert archived and went_live and redirects and bodies_only, (archived, went_live, redirects, bodies_only)


def test_unchanged_files_keep_their_bytes_and_mtime(site: Callable[[dict[str, str]], Site]) -> None:
    s = site({f"content/releases/r{i}.md": release(f"R{i}", f"2024-01-{i + 1:02d}", tags=[f"T{i}"]) for i in range(5)})
    assert s.build().code == 0
    before = {p: p.stat().st_mtime_ns for p in s.out.rglob("*.html")}
    again = s.build()
    assert "0 files written" in again.out
    s.write({"content/releases/r4.md": release("R4", "2024-01-05", tags=["T4"], body="Edited.")})
    edited = s.build()
    assert edited.code == 0
    after = {p: p.stat().st_mtime_ns for p in s.out.rglob("*.html")}
    changed = {p.relative_to(s.out).as_posix() for p in after if after[p] != before.get(p)}
    assert "releases/r4/index.html" in changed
    assert "releases/r0/index.html" not in changed and "tags/t0/index.html" not in changed


def test_a_body_edit_rewrites_only_its_own_page(site: Callable[[dict[str, str]], Site]) -> None:
    files = {f"content/releases/r{i}.md": release(f"R{i}", f"2024-01-{i + 1:02d}", tags=["T"]) for i in range(5)}
    s = site(files)
    assert s.build().code == 0
    before = {p: p.stat().st_mtime_ns for p in s.out.rglob("*") if p.is_file()}
    s.write({"content/releases/r2.md": files["content/releases/r2.md"] + "\nA second paragraph.\n"})
    edited = s.build()
    assert edited.code == 0, edited.out
    after = {p: p.stat().st_mtime_ns for p in s.out.rglob("*") if p.is_file()}
    changed = {p.relative_to(s.out).as_posix() for p in after if after[p] != before.get(p)}
    search = {path for path in changed if path.startswith("pagefind/")}  # its text is in the index
    assert changed - {MARKER} - search == {"releases/r2/index.html"}
    assert f"{1 + len(search)} files written" in edited.out
    assert any(path.startswith("pagefind/fragment/") for path in search)
    assert "A second paragraph." in (s.out / "releases/r2/index.html").read_text()


def test_output_is_the_same_for_any_number_of_jobs(site: Callable[[dict[str, str]], Site], tmp_path: Path) -> None:
    rng = random.Random(7)
    s = site({f"content/releases/r{i}.md": random_release(rng, 300) for i in range(300)})
    one = s.build("--jobs", "1", "--no-cache", "--output", str(tmp_path / "one"))
    two = s.build("--jobs", "2", "--no-cache", "--output", str(tmp_path / "two"))
    assert one.code == two.code == 0
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")


def test_a_corrupt_cache_is_ignored(site: Callable[[dict[str, str]], Site]) -> None:
    s = site({"content/releases/a.md": release("A", "2024-01-01", tags=["T"])})
    assert s.build().code == 0
    expected = snapshot(s.out)
    (s.root / ".cache/press-generator.sqlite").write_bytes(b"not a database at all")
    s.write({"content/releases/a.md": release("A", "2024-01-01", tags=["T"])})
    result = s.build()
    assert result.code == 0, result.err
    assert snapshot(s.out) == expected


def _site_with(site: Callable[[dict[str, str]], Site], n: int = 6) -> Site:
    rng = random.Random(3)
    return site({f"content/releases/r{i}.md": random_release(rng, n) for i in range(n)})


def _edit(s: Site, text: str, name: str = "r0") -> None:
    path = s.root / f"content/releases/{name}.md"
    path.write_text(path.read_text() + f"\n{text}\n")


def test_no_cache_builds_in_between_do_not_mislead_the_cache(
    site: Callable[[dict[str, str]], Site], tmp_path: Path
) -> None:
    s = _site_with(site)
    original = (s.root / "content/releases/r0.md").read_text()
    assert s.build().code == 0
    _edit(s, "EXTRA PARAGRAPH")
    assert s.build().code == 0
    assert s.build("--no-cache").code == 0
    assert s.build("--no-cache", "--base-url", "https://other.example/press/").code == 0
    (s.root / "content/releases/r0.md").write_text(original)
    assert s.build().code == 0
    assert snapshot(s.out) == clean_build(s, tmp_path, 0)


def test_hand_edits_in_the_output_do_not_survive(site: Callable[[dict[str, str]], Site], tmp_path: Path) -> None:
    s = _site_with(site)
    for step in range(3):
        _edit(s, f"step {step}")
        assert s.build().code == 0
    with open(s.out / "releases/r3/index.html", "a") as page:  # in place: the spare shares the inode
        page.write("HACKED")
    (s.out / "junk.html").write_text("junk")
    assert s.build().code == 0  # nothing in content/ changed, yet the output is repaired
    assert snapshot(s.out) == clean_build(s, tmp_path, 1)
    for step in range(2):
        _edit(s, f"later {step}")
        assert s.build().code == 0
        assert snapshot(s.out) == clean_build(s, tmp_path, 2 + step)


def test_templates_chosen_from_a_list_are_tracked(site: Callable[[dict[str, str]], Site], tmp_path: Path) -> None:
    s = _site_with(site)
    base = (Path(__file__).parents[2] / "templates/base.html").read_text()
    s.write(
        {
            "templates/base.html": base.replace(
                '{% include "partials/live_banner.html" %}',
                '{% include ["partials/extra.html", "partials/live_banner.html"] %}',
            )
        }
    )
    assert s.build().code == 0
    s.write({"templates/partials/extra.html": "<div>EXTRA</div>"})
    assert s.build().code == 0
    assert snapshot(s.out) == clean_build(s, tmp_path, 0)
    assert "EXTRA" in (s.out / "index.html").read_text()


def test_an_edit_that_keeps_size_and_mtime_is_seen(site: Callable[[dict[str, str]], Site], tmp_path: Path) -> None:
    s = _site_with(site)
    path = s.root / "content/releases/r1.md"
    os.utime(path, (1_700_000_000, 1_700_000_000))
    assert s.build().code == 0
    text = path.read_text()
    path.write_text(text.replace("Paragraph", "Paragraqh", 1))  # same size
    os.utime(path, (1_700_000_000, 1_700_000_000))
    assert s.build().code == 0
    assert snapshot(s.out) == clean_build(s, tmp_path, 0)


def test_two_outputs_keep_their_own_state(site: Callable[[dict[str, str]], Site], tmp_path: Path) -> None:
    s = _site_with(site)
    other = tmp_path / "other"
    assert s.build().code == 0 and s.build("--output", str(other)).code == 0
    before = (s.out / "404.html").stat().st_mtime_ns
    _edit(s, "for both")
    assert s.build().code == 0 and s.build("--output", str(other)).code == 0
    assert (s.out / "404.html").stat().st_mtime_ns == before
    assert "0 files written" in s.build("--output", str(other)).out


def _bodies_only(result: Result) -> bool:
    assert result.code == 0, result.err
    return "(bodies only)" in result.out


def test_body_edits_are_built_from_the_last_site(site: Callable[[dict[str, str]], Site], tmp_path: Path) -> None:
    """A build that finds only bodies edited takes the last build's site from its snapshot and
    renders just those pages again; one edit after another, and after a full build in between."""
    s = _site_with(site)
    assert not _bodies_only(s.build())
    for step in range(3):
        _edit(s, f"Body edit {step}.")
        result = s.build()
        assert _bodies_only(result), result.out
        assert snapshot(s.out) == clean_build(s, tmp_path, step)
    path = s.root / "content/releases/r1.md"
    _set_front_matter(path, "tags: [Retagged]")
    assert not _bodies_only(s.build())  # front matter: listings change too
    assert snapshot(s.out) == clean_build(s, tmp_path, 10)
    _edit(s, "After the full build.")
    assert _bodies_only(s.build())
    assert snapshot(s.out) == clean_build(s, tmp_path, 11)
    assert "After the full build." in (s.out / "releases/r0/index.html").read_text()


def test_what_body_edits_cannot_skip(site: Callable[[dict[str, str]], Site], tmp_path: Path) -> None:
    """With anything but bodies changed the full build runs, and gives what a clean build gives."""
    s = _site_with(site)
    scheduled = (datetime.fromisoformat(NOW) + timedelta(days=2)).isoformat()
    s.write({"content/releases/later.md": release("Later", scheduled, tags=["Trade"])})
    assert s.build().code == 0
    later = (datetime.fromisoformat(NOW) + timedelta(days=3)).isoformat()
    changes: list[tuple[str, Callable[[], None], tuple[str, ...], str]] = [
        ("the first paragraph (the summary)", lambda: _first_paragraph(s), (), NOW),
        ("a broken link", lambda: _edit(s, "See [this](missing.md).", "r5"), (), NOW),
        ("a template", lambda: _edit_template(s), (), NOW),
        ("a new file", lambda: s.write({"content/files/note.txt": "note"}), (), NOW),
        ("another base URL", lambda: _edit(s, "Moved."), ("--base-url", "https://other.example/"), NOW),
        ("the clock past a scheduled release", lambda: _edit(s, "Later."), (), later),
        ("a file of the output edited by hand", lambda: _hand_edit(s), (), later),
    ]
    for step, (what, change, args, now) in enumerate(changes):
        change()
        assert not _bodies_only(s.build(*args, now=now)), what
        assert snapshot(s.out) == clean_build(s, tmp_path, step, now, *args), what
    _edit(s, "Only a body.")
    assert _bodies_only(s.build(now=later))
    # The snapshot or its edits unreadable: the full build runs, and nothing fails.
    snapshots = sorted((s.root / ".cache").glob("site-*.pickle"))
    assert snapshots, "no snapshot to garble"
    for step, name in enumerate(snapshots):
        _edit(s, f"Garbled {step}.")
        name.write_bytes(b"garbage")
        assert not _bodies_only(s.build(now=later)), name
        assert snapshot(s.out) == clean_build(s, tmp_path, 20 + step, later)


def _first_paragraph(s: Site) -> None:
    path = s.root / "content/releases/r2.md"
    path.write_text(path.read_text().replace("Paragraph", "First paragraph", 1))


def _edit_template(s: Site) -> None:
    template = (Path(__file__).parents[2] / "templates/release.html").read_text()
    s.write({"templates/release.html": template.replace("release-body", "release-body edited")})


def _hand_edit(s: Site) -> None:
    _edit(s, "With a hand edit.")
    with open(s.out / "releases/r3/index.html", "a") as page:  # in place: the spare shares the inode
        page.write("HACKED")


def test_body_edits_after_other_builds_and_damage(site: Callable[[dict[str, str]], Site], tmp_path: Path) -> None:
    """What other builds, unreadable entries, copied files and a damaged cache leave behind never
    makes a body-edit build wrong (found in review: each of these broke it once)."""
    s = _site_with(site)
    s.write({"content/pagefind/notice.txt": "a file of the site's own under the search folder"})
    other = str(tmp_path / "other")
    assert s.build().code == 0
    # Another output's build drops the cache's rows of a body edited in between; the edit is
    # then undone, so the snapshot still names that body, which the search index needs.
    y = s.root / "content/releases/r1.md"
    original = y.read_text()
    _edit(s, "Y edited.", "r1")
    assert s.build("--output", other).code == 0
    y.write_text(original)
    _edit(s, "X edited.")
    assert s.build().code == 0
    assert snapshot(s.out) == clean_build(s, tmp_path, 0)
    assert (s.out / "pagefind/notice.txt").is_file()
    _edit(s, "X edited again.")
    assert _bodies_only(s.build())
    assert snapshot(s.out) == clean_build(s, tmp_path, 1)
    # A damaged result in the cache: as if it were not there.
    with contextlib.closing(sqlite3.connect(s.root / ".cache/press-generator.sqlite")) as db, db:
        db.execute("UPDATE files SET loaded = ?", (b"damaged",))
    _edit(s, "After the damage.")
    assert s.build().code == 0
    assert snapshot(s.out) == clean_build(s, tmp_path, 2)
    # An entry that cannot be read fails the build, body edit or not.
    _edit(s, "With a broken link beside it.")
    (s.root / "content/releases/dangling.md").symlink_to(tmp_path / "nowhere.md")
    result = s.build()
    assert result.code == 1 and "dangling.md" in result.err, result.err
