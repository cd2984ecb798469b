"""Editors' traps: a misspelt key that holds a file back (draft, date, expires) never publishes
the file, and an empty output folder made by hand never stops later builds."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Site, release, run_cli
from tests.serve.test_serve import Server, server
from tests.site.test_incremental import clean_build, snapshot

HELD_KEYS = ("draft", "date", "expires")
__all__ = ["server"]  # the fixture of a real serve process


def built_site(root: Path) -> tuple[Site, dict[str, bytes]]:
    """A site with one public release, built, and its output's bytes."""
    s = Site(root).write({"content/releases/public.md": release("Public", "2024-01-01")})
    assert s.build().code == 0
    return s, snapshot(s.out)


def case_variants(key: str) -> st.SearchStrategy[str]:
    """`key` in any mix of upper and lower case (never exactly `key`)."""
    return (
        st.lists(st.booleans(), min_size=len(key), max_size=len(key))
        .map(lambda upper: "".join(c.upper() if u else c for c, u in zip(key, upper, strict=True)))
        .filter(lambda variant: variant != key)
    )


def near_misses(key: str) -> st.SearchStrategy[str]:
    """What an editor's fingers make of `key`: any case, a letter added, doubled or swapped,
    a trailing s, underscore, hyphen or space."""
    swaps = [key[:i] + key[i + 1] + key[i] + key[i + 2 :] for i in range(len(key) - 1)]
    doubled = [key[: i + 1] + key[i] + key[i + 1 :] for i in range(len(key))]
    suffixed = [key + tail for tail in ("s", "_", "-", " ", "__", ":")]
    misses = [m for m in [*swaps, *doubled, *suffixed] if m != key]
    return st.one_of(case_variants(key), st.sampled_from(misses), st.sampled_from([key.upper(), key.title()]))


def quoted(key: str) -> str:
    """`key` as YAML must write it to keep it as it is (a trailing space or colon)."""
    return f'"{key}"' if key != key.strip() or not re.fullmatch(r"[A-Za-z_-]+", key) else key


def with_key(text: str, key: str, value: str) -> str:
    """`text` (a file with front matter) with `key: value` as the front matter's last line."""
    head, _, body = text.partition("\n---\n")
    return f"{head}\n{quoted(key)}: {value}\n---\n{body}"


VALUES = {"draft": "true", "date": "2027-01-01", "expires": "2025-01-01"}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), key=st.sampled_from(HELD_KEYS))
def test_a_misspelt_key_that_holds_a_release_back_is_an_error_and_publishes_nothing(
    data: st.DataObject, key: str
) -> None:
    miss = data.draw(near_misses(key), label="miss")
    with tempfile.TemporaryDirectory() as folder:
        s, before = built_site(Path(folder) / "press")
        s.write({"content/releases/embargoed.md": with_key(release("Embargoed", "2024-06-01"), miss, VALUES[key])})
        for command in ("build", "check"):
            result = run_cli([command, "--source", str(s.root), "--now", "2026-11-28T12:00:00+00:00"])
            assert result.code == 1, (miss, result.err)
            assert "Traceback" not in result.err
            expected = f'{s.root}/content/releases/embargoed.md:6: {miss}: unknown key; did you mean "{key}"? '
            assert any(line.startswith(expected) for line in result.err.splitlines()), (miss, result.err)
        assert snapshot(s.out) == before
        assert not (s.out / "releases" / "embargoed").exists()


PAGE = "---\ntitle: About us\n---\nWho we are.\n"


@settings(max_examples=20, deadline=None)
@given(data=st.data(), key=st.sampled_from(HELD_KEYS))
def test_a_page_with_a_date_an_expiry_or_a_misspelt_draft_is_an_error_and_publishes_nothing(
    data: st.DataObject, key: str
) -> None:
    exact = st.nothing() if key == "draft" else st.just(key)  # a page has draft:, but no date: or expires:
    written = data.draw(st.one_of(exact, near_misses(key)), label="key")
    value = data.draw(st.sampled_from(["2027-01-01", "2020-01-01", "2027-01-01T09:00:00+01:00"]), label="value")
    value = "true" if key == "draft" else value
    with tempfile.TemporaryDirectory() as folder:
        s, before = built_site(Path(folder) / "press")
        s.write({"content/pages/about.md": with_key(PAGE, written, value)})
        result = s.build()
        assert result.code == 1, (written, result.err)
        assert "Traceback" not in result.err
        shown = f"{s.root}/content/pages/about.md:3: {written}: "
        why = {
            "draft": 'unknown key; did you mean "draft"? a misspelt draft key would publish this file',
            "date": "pages are not scheduled",
            "expires": "pages do not expire",
        }[key]
        assert any(line.startswith(shown + why) for line in result.err.splitlines()), result.err
        assert snapshot(s.out) == before


@pytest.mark.parametrize(
    ("key", "guess"), [("subtitle", "title"), ("tgas", "tags"), ("update", "updated"), ("dateline", "date")]
)
def test_any_other_unknown_key_is_a_warning_and_the_release_is_published(tmp_path: Path, key: str, guess: str) -> None:
    s = Site(tmp_path / "press").write({"content/releases/a.md": with_key(release("Kept"), key, "x")})
    result = s.build()
    assert result.code == 0, result.err
    assert f'{s.root}/content/releases/a.md:6: {key}: warning: unknown key, ignored; did you mean "{guess}"?' in (
        result.err
    )
    assert any(path.endswith("index.html") and "Kept" in data.decode() for path, data in snapshot(s.out).items())


def test_builds_into_an_empty_site_folder_made_by_hand_keep_working(tmp_path: Path) -> None:
    """mkdir site, then builds that edit, rebuild without cache, change nothing, add and remove:
    each exits 0 with the bytes of a clean build, and none finds .site.prev in its way."""
    s = Site(tmp_path / "press").write({"content/releases/a.md": release("First", "2024-01-01")})
    s.out.mkdir(parents=True)
    steps: list[tuple[dict[str, str], tuple[str, ...]]] = [
        ({}, ()),
        ({"content/releases/a.md": release("First, corrected", "2024-01-01")}, ()),
        ({}, ("--no-cache",)),
        ({}, ()),
        ({"content/releases/b.md": release("Second", "2024-02-01")}, ()),
        ({}, ("--no-cache",)),
    ]
    for step, (edits, args) in enumerate(steps):
        s.write(edits)
        result = s.build(*args)
        assert result.code == 0, (step, result.err)
        assert snapshot(s.out) == clean_build(s, tmp_path, step), step


def test_an_empty_output_folder_elsewhere_keeps_working(tmp_path: Path) -> None:
    s = Site(tmp_path / "press").write({"content/releases/a.md": release("First", "2024-01-01")})
    output = tmp_path / "www" / "public"
    output.mkdir(parents=True)
    for step, args in enumerate([(), ("--no-cache",), (), ("--no-cache",)]):
        if step == 2:
            s.write({"content/releases/a.md": release("First, corrected", "2024-01-01")})
        result = s.build("--output", str(output), *args)
        assert result.code == 0, (step, result.err)
        assert snapshot(output) == clean_build(s, tmp_path, step), step


def test_no_stale_file_survives_builds_the_cache_did_not_see(tmp_path: Path) -> None:
    """A --no-cache build swaps the folders without telling the cache; the spare's files it
    cannot vouch for are replaced or removed later, never published (here: an old search index)."""
    s = Site(tmp_path / "press").write({"content/releases/a.md": release("First", "2024-01-01")})
    steps = [
        ({}, ()),
        ({}, ("--no-cache",)),
        ({}, ()),
        ({"content/releases/b.md": release("Second", "2024-02-01")}, ()),
    ]
    for step, (edits, args) in enumerate(steps):
        s.write(edits)
        assert s.build(*args).code == 0
        assert snapshot(s.out) == clean_build(s, tmp_path, step), step


def test_serve_shows_a_misspelt_draft_key_as_an_error(server: tuple[Server, Site]) -> None:
    running, s = server
    s.write({"content/releases/c.md": with_key(release("Gamma Statement", "2024-01-04"), "Draft", "true")})
    message = 'c.md:6: Draft: unknown key; did you mean "draft"? a misspelt draft key would publish this file'
    body = running.wait_for("/releases/b/", lambda body: "generator-errors" in body)
    assert message in BeautifulSoup(body, "html.parser").get_text()
    code, err = running.stop()
    assert code == 0 and "Traceback" not in err
    assert message in err
