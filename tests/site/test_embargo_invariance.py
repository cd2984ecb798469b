"""A release the build does not publish (a draft, a scheduled release) changes no public byte.

Not the spelling of a tag or office it shares with public releases, not their URLs,
counts, listings, related articles, feeds, sitemap, releases.json or search index.

The property test runs a few examples by default; for a long run:
`EMBARGO_EXAMPLES=500 python -m pytest tests/site/test_embargo_invariance.py`.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import NOW, Site, release, run_cli

SETTINGS = 'base_url = "https://press.example.org/"\n'
NO_SEARCH = SETTINGS + "search = false\n"
MARKER = ".press-generator-output"


def output_bytes(out: Path) -> dict[str, bytes]:
    """Every file of an output folder by its relative path, the marker left out."""
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name != MARKER
    }


def build_into(root: Path, files: dict[str, str], output: str, *args: str) -> dict[str, bytes]:
    Site(root).write(files)
    result = run_cli(["build", "--source", str(root), "--output", str(root / output), "--now", NOW, "-q", *args])
    assert result.code == 0, result.err
    return output_bytes(root / output)


def assert_same_public_site(public: dict[str, str], hidden: dict[str, str], *args: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        alone = build_into(Path(folder) / "alone", public, "site", *args)
        together = build_into(Path(folder) / "together", {**public, **hidden}, "site", *args)
    assert sorted(together) == sorted(alone)
    changed = [name for name in alone if alone[name] != together[name]]
    assert not changed, f"hidden releases changed {changed}"


def scheduled(title: str, tags: list[str], office: str = "Office of the Spokesperson") -> str:
    return release(title, "2027-01-15T09:00:00+00:00", tags=tags, office=office)


def draft(title: str, tags: list[str], office: str = "Office of the Spokesperson") -> str:
    return release(title, "2024-06-01", tags=tags, office=office, draft="true")


PUBLIC = {
    "site.toml": NO_SEARCH,
    "content/releases/a.md": release("Alpha Talks Open", "2024-05-01", tags=["Alpha", "Straße"]),
    "content/releases/b.md": release("Quota Review Begins", "2024-05-03", tags=["Alpha"]),
}


def test_scheduled_releases_do_not_respell_a_public_tag() -> None:
    hidden = {f"content/releases/later-{i}.md": scheduled(f"Later Item {i}", ["ALPHA"]) for i in range(4)}
    assert_same_public_site(PUBLIC, hidden)


def test_scheduled_releases_do_not_move_a_public_tag_page(site: Callable[[dict[str, str]], Site]) -> None:
    hidden = {f"content/releases/later-{i}.md": scheduled(f"Later Item {i}", ["STRASSE", "Strasse"]) for i in range(3)}
    assert_same_public_site(PUBLIC, hidden)
    s = site({**PUBLIC, **hidden})
    assert s.build().code == 0
    assert (s.out / "tags/straße/index.html").is_file() and not (s.out / "tags/strasse").exists()
    assert "Straße" in s.page("releases/a/").get_text()


def test_drafts_do_not_respell_a_public_office() -> None:
    hidden = {
        f"content/releases/d-{i}.md": draft(f"Draft Item {i}", ["alpha"], "OFFICE OF THE SPOKESPERSON")
        for i in range(3)
    }
    assert_same_public_site(PUBLIC, hidden)


def test_with_drafts_shown_the_preview_counts_them() -> None:
    """--drafts shows drafts on purpose: there they count like any release."""
    hidden = {f"content/releases/d-{i}.md": draft(f"Draft Item {i}", ["ALPHA"]) for i in range(3)}
    with tempfile.TemporaryDirectory() as folder:
        files = build_into(Path(folder), {**PUBLIC, **hidden}, "site", "--drafts")
    assert "ALPHA" in files["releases/a/index.html"].decode()


def test_a_hidden_name_sharing_a_public_slug_is_a_warning_not_a_failed_build(
    site: Callable[[dict[str, str]], Site],
) -> None:
    s = site({**PUBLIC, "content/releases/later.md": scheduled("Later Item", ["Alpha!"])})
    result = s.build()
    assert result.code == 0, result.err
    assert "warning" in result.err and 'share the URL slug "alpha" once' in result.err
    assert s.build("--future").code == 1


# The property: a random public site plus random hidden releases whose tags and offices
# are other spellings of the public ones gives the same bytes.

TAGS = ["Alpha", "Straße", "Côte d'Ivoire", "Maritime Security", "Fisheries"]
OFFICES = ["Office of the Spokesperson", "Bureau of Fisheries"]
TYPES = ["media note", "press statement", "joint statement"]


def variants(name: str) -> st.SearchStrategy[str]:
    """Spellings that fold to the same name: case, accents, ß as ss, spacing."""
    plain = name.replace("ß", "ss").replace("ô", "o")
    return st.sampled_from([name, name.upper(), name.lower(), plain, plain.upper(), "  ".join(name.split())])


@st.composite
def public_release(draw: st.DrawFn, index: int) -> str:
    tags = draw(st.lists(st.sampled_from(TAGS), min_size=1, max_size=3, unique=True))
    day = draw(st.integers(1, 28))
    return release(
        f"Public Release {index}",
        f"2024-0{draw(st.integers(1, 9))}-{day:02d}",
        type=draw(st.sampled_from(TYPES)),
        office=draw(st.sampled_from(OFFICES)),
        tags=tags,
    )


@st.composite
def hidden_release(draw: st.DrawFn, index: int) -> str:
    tags = [draw(variants(t)) for t in draw(st.lists(st.sampled_from(TAGS), min_size=1, max_size=3, unique=True))]
    office = draw(variants(draw(st.sampled_from(OFFICES))))
    kind = draw(st.sampled_from(["draft", "scheduled", "expired draft"]))
    date = "2027-02-01" if kind == "scheduled" else f"2024-0{draw(st.integers(1, 9))}-10"
    extra = {"draft": "true"} if "draft" in kind else {}
    if kind == "expired draft":
        extra["expires"] = "2025-01-01"
    return release(
        f"Zyxhidden Item {index}",
        date,
        type=draw(variants(draw(st.sampled_from(TYPES)))),
        office=office,
        tags=tags,
        **extra,
    )


@st.composite
def sites(draw: st.DrawFn) -> tuple[dict[str, str], dict[str, str], bool]:
    search = draw(st.booleans())
    public = {"site.toml": SETTINGS if search else NO_SEARCH}
    for i in range(draw(st.integers(1, 4))):
        public[f"content/releases/{draw(st.sampled_from(['', '2024/']))}p{i}.md"] = draw(public_release(i))
    hidden = {f"content/releases/h{i}.md": draw(hidden_release(i)) for i in range(draw(st.integers(1, 5)))}
    return public, hidden, search


@settings(
    max_examples=int(os.environ.get("EMBARGO_EXAMPLES", "8")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(sites())
def test_hidden_releases_change_no_public_byte(case: tuple[dict[str, str], dict[str, str], bool]) -> None:
    public, hidden, _ = case
    assert_same_public_site(public, hidden)


def test_the_comparison_sees_a_changed_byte() -> None:
    """The property above can fail: a published release with a respelt tag does change the site."""
    with tempfile.TemporaryDirectory() as folder:
        alone = build_into(Path(folder) / "a", PUBLIC, "site")
        shutil.rmtree(Path(folder) / "a")
        more = {
            **PUBLIC,
            **{f"content/releases/n{i}.md": release(f"New {i}", "2024-05-09", tags=["ALPHA"]) for i in range(3)},
        }
        together = build_into(Path(folder) / "b", more, "site")
    assert alone["releases/a/index.html"] != together["releases/a/index.html"]
