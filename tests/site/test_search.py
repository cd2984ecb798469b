"""Search: Pagefind indexes releases (only) into the built site, deterministically and incrementally."""

from __future__ import annotations

import gzip
import json
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator.search.indexer import pagefind_binary
from generator.search.pagefind_files import SIGNATURE, deterministic, encode, read, write
from tests.conftest import Site, release
from tests.site.test_incremental import snapshot

Make = Callable[[dict[str, str]], Site]


def fragments(bundle: Path) -> dict[str, dict]:
    """Each indexed page's record in a bundle, by URL."""
    records = {}
    for path in (bundle / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        record = json.loads(data[len(b"pagefind_dcd") :])
        records[record["url"]] = record
    return records


def entry(bundle: Path) -> dict:
    return json.loads((bundle / "pagefind-entry.json").read_text())


SITE = {
    "content/releases/a.md": release(
        "Fisheries Agreement Signed",
        "2024-05-02",
        "media note",
        tags=["Norland", "Fisheries"],
        body="The agreement sets salmon quotas.\n\n## Key Points\n\nHerring too.",
    ),
    "content/releases/b.md": release(
        "Trade Council Readout", "2023-03-01", "readout", office="Office B", tags=["Trade"]
    ),
    "content/releases/draft.md": release("Unpublished Draft", "2024-01-01", draft="true"),
    "content/pages/about.md": "---\ntitle: About Us\n---\nThe press office.\n",
}


def test_releases_are_indexed_with_their_filters_and_nothing_else(site: Make) -> None:
    s = site(SITE)
    assert s.build().code == 0
    bundle = s.out / "pagefind"
    assert entry(bundle)["languages"]["en"]["page_count"] == 2  # no listing, page or draft
    records = fragments(bundle)
    assert sorted(records) == ["/releases/a/", "/releases/b/"]
    a = records["/releases/a/"]
    assert a["meta"] == {"title": "Fisheries Agreement Signed", "type": "Media Note", "date": "MAY 2, 2024"}
    assert a["filters"] == {
        "Type": ["Media Note"],
        "Office": ["Office of the Spokesperson"],
        "Tag": ["Norland", "Fisheries"],
        "Year": ["2024"],
    }
    assert a["content"].startswith("Fisheries Agreement Signed. The agreement sets salmon quotas.")
    assert "Office of the Spokesperson" not in a["content"]  # filters are beside the text, not in it
    assert [anchor["id"] for anchor in a["anchors"]] == ["key-points"]
    page = s.page("search/")
    assert page.select_one("#search")["data-bundles"] == "/pagefind/"
    assert page.select_one('script[src="/theme/search.js"]') is not None
    assert page.select_one('label[for="search-input"]').get_text() and page.select_one("#search-input")["name"] == "q"
    assert s.page("").select_one('form[role="search"]')["action"] == "/search/"


def test_results_link_under_the_base_path(site: Make) -> None:
    s = site(SITE)
    assert s.build("--base-url", "https://example.org/press/").code == 0
    assert sorted(fragments(s.out / "pagefind")) == ["/press/releases/a/", "/press/releases/b/"]
    page = s.page("search/")
    assert page.select_one("#search")["data-bundles"] == "/press/pagefind/"
    assert page.select_one("#search")["data-site"] == "/press/"
    assert page.select_one('script[src="/press/theme/search.js"]') is not None


def test_with_nothing_published_the_search_page_says_so(site: Make) -> None:
    s = site({"content/releases/draft.md": SITE["content/releases/draft.md"]})
    assert s.build().code == 0
    page = s.page("search/")
    assert "No releases have been published yet." in page.get_text() and page.select_one("#search") is None


def test_search_false_builds_no_index_no_page_and_no_search_box(site: Make) -> None:
    s = site({**SITE, "site.toml": "search = false\n"})
    assert s.build().code == 0
    assert not (s.out / "pagefind").exists() and not (s.out / "search").exists()
    assert s.page("").select_one('form[role="search"]') is None


def test_the_index_is_deterministic_and_incremental_builds_keep_it_so(site: Make, tmp_path: Path) -> None:
    files = {
        f"content/releases/r{i}.md": release(
            f"Release {i}", f"2024-01-{i + 1:02d}", ["readout", "remarks"][i % 2], tags=[f"T{j}" for j in range(i % 5)]
        )
        for i in range(20)
    }
    s = site(files)
    builds = [snapshot(s.out) for _ in range(2) if s.build("--no-cache").code == 0]
    assert len(builds) == 2 and builds[0] == builds[1]
    assert s.build().code == 0  # with the cache, from nothing
    s.write({"content/releases/r3.md": files["content/releases/r3.md"] + "\nMore text.\n"})
    assert s.build().code == 0
    edited = snapshot(s.out)
    assert s.build("--no-cache", "--output", str(tmp_path / "clean")).code == 0
    assert edited == snapshot(tmp_path / "clean")


@pytest.fixture
def counted_pagefind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """PAGEFIND_BINARY_PATH set to a wrapper that counts the runs of the real binary."""
    real = pagefind_binary()
    log = tmp_path / "pagefind-runs"
    wrapper = tmp_path / "pagefind-wrapper"
    wrapper.write_text(f'#!/bin/sh\necho run >> "{log}"\nexec "{real}" "$@"\n')
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(wrapper))
    log.write_text("")
    yield log


def runs(log: Path) -> int:
    return len(log.read_text().split())


def test_pagefind_runs_only_for_changed_shards(
    site: Make, counted_pagefind: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("generator.search.bundles.SHARD_SIZE", 2)
    files = {f"content/releases/r{i}.md": release(f"Release {i}", f"2024-01-{i + 1:02d}") for i in range(6)}
    s = site(files)
    assert s.build().code == 0
    assert runs(counted_pagefind) == 4  # 6 releases, at most 2 a shard on average: 4 shards
    bundles = s.page("search/").select_one("#search")["data-bundles"].split()
    assert bundles == ["/pagefind/", "/pagefind/shard-1/", "/pagefind/shard-2/", "/pagefind/shard-3/"]
    assert sum(entry(s.out / b.strip("/"))["languages"]["en"]["page_count"] for b in bundles) == 6
    assert s.build().code == 0  # nothing changed
    s.write({"templates/release.html": '{% extends "base.html" %}{% block main %}{{ body }}{% endblock %}\n'})
    assert s.build().code == 0  # the pages changed, not what is indexed
    assert runs(counted_pagefind) == 4
    before = snapshot(s.out)
    s.write({"content/releases/r4.md": files["content/releases/r4.md"] + "\nSalmon.\n"})
    assert s.build().code == 0
    assert runs(counted_pagefind) == 5  # the shard of r4 only
    after = snapshot(s.out)
    changed = {path for path in set(before) | set(after) if before.get(path) != after.get(path)}
    shard = next(b for b in bundles if "/releases/r4/" in fragments(s.out / b.strip("/")))
    assert {bundle_of(path) for path in changed if path.startswith("pagefind/")} == {shard}


def bundle_of(path: str) -> str:
    parts = path.split("/")
    return f"/pagefind/{parts[1]}/" if parts[1].startswith("shard-") else "/pagefind/"


def test_a_search_file_lost_from_the_output_is_made_again(site: Make, counted_pagefind: Path) -> None:
    s = site(SITE)
    assert s.build().code == 0
    built = snapshot(s.out)
    fragment = next((s.out / "pagefind/fragment").iterdir())
    fragment.unlink()
    assert s.build().code == 0
    assert snapshot(s.out) == built
    assert runs(counted_pagefind) == 2  # its shard was indexed again, to the same bytes


def test_a_missing_pagefind_is_an_error_that_says_what_to_do(site: Make, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/nonexistent/pagefind")
    s = site(SITE)
    result = s.build()
    assert result.code == 1
    assert "search: the Pagefind binary is missing" in result.err and "search = false" in result.err
    assert not s.out.exists()
    assert site({**SITE, "site.toml": "search = false\n"}).build().code == 0


def test_a_failing_pagefind_is_an_error_with_its_message(
    site: Make, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "broken-pagefind"
    broken.write_text("#!/bin/sh\necho 'cannot start: out of luck' >&2\nexit 3\n")
    broken.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(broken))
    s = site(SITE)
    result = s.build()
    assert result.code == 1
    assert "search: Pagefind stopped unexpectedly: cannot start: out of luck" in result.err
    assert not s.out.exists()


def test_check_takes_the_search_bundle_as_there(site: Make, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/nonexistent/pagefind")  # check never runs Pagefind
    s = site(SITE)
    from tests.conftest import run_cli

    result = run_cli(["check", "--source", str(s.root), "--now", "2026-11-28T12:00:00+00:00"])
    assert result.code == 0, result.err


def test_filter_files_are_written_in_a_fixed_order() -> None:
    one = write(["Tag", [["Norland", [0, 2]], ["Caldoria", [1]]]])
    other = write(["Tag", [["Caldoria", [1]], ["Norland", [0, 2]]]])
    meta = write(["1.5.2", [["en_aaaaaaa", 10]], [], [["Tag", "en_1111111"]], [], ["title"]])
    meta2 = write(["1.5.2", [["en_aaaaaaa", 10]], [], [["Tag", "en_2222222"]], [], ["title"]])

    def bundle(filter_data: bytes, meta_data: bytes, old: str) -> dict[str, bytes]:
        return {
            f"filter/{old}.pf_filter": filter_data,
            "pagefind.en_0000000000.pf_meta": meta_data,
            "pagefind-entry.json": b'{"languages":{"en":{"hash":"en_0000000000"}}}',
        }

    a = deterministic(bundle(one, meta, "en_1111111"))
    b = deterministic(bundle(other, meta2, "en_2222222"))
    assert a == b
    (filter_path,) = [p for p in a if p.startswith("filter/")]
    assert read(a[filter_path], filter_path) == ["Tag", [["Caldoria", [1]], ["Norland", [0, 2]]]]
    (meta_path,) = [p for p in a if p.startswith("pagefind.")]
    key = meta_path.removeprefix("pagefind.").removesuffix(".pf_meta")
    assert read(a[meta_path], meta_path)[3] == [["Tag", filter_path.removeprefix("filter/").removesuffix(".pf_filter")]]
    assert json.loads(a["pagefind-entry.json"])["languages"]["en"]["hash"] == key


def test_cbor_is_written_as_pagefind_writes_it() -> None:
    expected = "8661611718181901001a00011170811b0000010000000000"
    assert encode(["a", 23, 24, 256, 70000, [1 << 40]]) == bytes.fromhex(expected)
    assert gzip.decompress(write([])).startswith(SIGNATURE)


def test_filter_values_are_stored_as_the_front_matter_wrote_them(site: Make) -> None:
    # Pagefind decodes a filter's text twice: without the generator's care, the tag
    # "&lt;b&gt;" (as written, shown so on its tag page) would be stored as "<b>".
    tags = ["&lt;b&gt;", "AT&T", "&amp;", "&#60;x&#x3e;", "<img src=x onerror=alert(1)>"]
    quoted = ", ".join(json.dumps(tag) for tag in tags)
    text = release("Hostile Tags", "2024-05-02", office='"&lt;Office&gt;"').replace(
        "---\nA", f"tags: [{quoted}]\n---\nA"
    )
    s = site({"content/releases/a.md": text})
    assert s.build().code == 0, s.build().err
    record = fragments(s.out / "pagefind")["/releases/a/"]
    assert record["filters"]["Tag"] == tags
    assert record["filters"]["Office"] == ["&lt;Office&gt;"]
