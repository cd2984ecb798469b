"""The leak audit: a build that would publish a trace of an unpublished release fails, site/ untouched."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator import outputs
from generator.audit import LeakAudit
from tests.conftest import Site, release, run_cli

NOW = "2026-11-28T12:00:00+00:00"
SECRET = "Quota Agreement Reached with Norland"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def embargoed_site(site: Callable[[dict[str, str]], Site]) -> Site:
    s = site(
        {
            "site.toml": 'base_url = "https://press.example.org/"\n',
            "content/releases/public.md": release("Talks Continue", "2026-11-01", tags=["Norland"]),
            "content/releases/embargoed.md": release(SECRET, "2026-12-01T09:00:00+00:00", tags=["Norland"]),
            "content/releases/draft.md": release("Unfinished Statement on Trade", "2026-11-02", draft="true"),
        }
    )
    assert s.build().code == 0
    return s


def test_a_template_that_shows_a_hidden_release_fails_the_build(site: Callable[[dict[str, str]], Site]) -> None:
    s = embargoed_site(site)
    before = snapshot(s.out)
    base = (Path(__file__).parents[2] / "templates/404.html").read_text()
    s.write({"templates/404.html": base.replace("</ul>", f"<li>Coming soon: {SECRET}</li>\n</ul>")})
    # With --future the release is shown on purpose: no audit failure there.
    assert s.build("--future", "--output", str(s.root / "preview")).code == 0
    line = (s.root / "preview/404.html").read_text().splitlines().index(f"<li>Coming soon: {SECRET}</li>") + 1
    result = s.build()
    assert result.code == 1
    assert result.err.splitlines() == [
        f'{s.root}/content/releases/embargoed.md:2: title: "{SECRET}" appears in /404.html line {line}, but this '
        "release is not public until 2026-12-01T09:00:00+00:00 (expected no trace of a release before it is "
        "public: a template, a link or an alias shows it)",
        "1 error; nothing was written",
    ]
    assert "Traceback" not in result.err
    assert snapshot(s.out) == before


def test_a_full_url_link_to_an_embargoed_release_is_a_leak_of_its_slug(site: Callable[[dict[str, str]], Site]) -> None:
    # (A link to its file or site path is written as plain text: see tests/site/test_links.py.)
    s = embargoed_site(site)
    before = snapshot(s.out)
    body = "See [next](https://press.example.org/releases/embargoed/)."
    s.write({"content/releases/public.md": release("Talks Continue", "2026-11-01", body=body)})
    result = s.build()
    assert result.code == 1
    assert (
        f'{s.root}/content/releases/embargoed.md:1: slug: "releases/embargoed" appears in /releases/public/index.html'
        in result.err
    )
    assert snapshot(s.out) == before
    check = run_cli(["check", "--source", str(s.root), "--now", NOW])
    assert check.code == 1 and 'slug: "releases/embargoed" appears in' in check.err


def test_drafts_count_as_hidden_and_copied_files_are_searched(site: Callable[[dict[str, str]], Site]) -> None:
    s = embargoed_site(site)
    s.write({"content/files/briefing-notes.txt": "Draft: Unfinished Statement on Trade\n"})
    result = s.build()
    assert result.code == 1
    assert (
        'draft.md:2: title: "Unfinished Statement on Trade" appears in /files/briefing-notes.txt line 1' in result.err
    )
    assert "but this release is a draft" in result.err
    assert s.build("--drafts").code == 0


def test_no_false_alarms(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(
        {
            "content/releases/a.md": release("Daily Press Briefing", "2026-11-27", body="See releases/fish-market/."),
            "content/releases/b.md": release("Daily Press Briefing", "2026-11-29"),  # the same title tomorrow
            "content/releases/fish.md": release("Readout", "2026-11-30", slug="fish"),  # one word: not searched
            "content/releases/c.md": release("Remarks", "2026-11-20", body="A readout of the meeting follows."),
        }
    )
    result = s.build()
    assert result.code == 0, result.err


def test_kept_files_are_searched_again_only_for_new_hidden_releases(
    site: Callable[[dict[str, str]], Site], monkeypatch: pytest.MonkeyPatch
) -> None:
    s = embargoed_site(site)
    s.write({"content/releases/public.md": release("Talks Continue", "2026-11-01", body="The Norland Fishing Accord.")})
    scanned: list[str] = []
    original = LeakAudit.scan

    def counting(self: LeakAudit, path: str, data: bytes) -> list[object]:
        scanned.append(path)
        return original(self, path, data)  # type: ignore[return-value]

    monkeypatch.setattr(outputs.LeakAudit, "scan", counting)
    assert s.build().code == 0
    total = len(list(s.out.rglob("*")))
    assert 0 < len(scanned) < total / 2  # the pages that changed, not the whole site
    scanned.clear()
    # A new hidden release whose title is already in a kept page: every kept file is searched again.
    s.write({"content/releases/accord.md": release("The Norland Fishing Accord", "2027-01-01")})
    result = s.build()
    assert result.code == 1
    # Its summary is on every listing that shows it; the first file (by path) is named.
    assert 'accord.md:2: title: "The Norland Fishing Accord" appears in /archive/2026/index.html line' in result.err
    assert "(and in 9 other files)" in result.err
    assert len(scanned) > total / 2
