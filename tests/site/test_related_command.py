"""`generator related` takes a slug or a file, suggests the nearest slug, and prints only the
warnings of the release it explains, after its answer."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.conftest import NOW, Site, release, run_cli


def related_site(site: Callable[[dict[str, str]], Site]) -> Site:
    return site(
        {
            "content/releases/2024/fisheries-talks.md": release("Fisheries Talks", "2024-05-02", tags=["Fisheries"]),
            "content/releases/2024/fisheries-deal.md": release(
                "Fisheries Deal", "2024-05-09", tags=["Fisheries"], body="Signed."
            ),
            "content/releases/2024/other.md": release("Other", "2024-05-03", tags=["Trade"], subtitle="x"),
            "content/releases/2024/draft.md": release("Draft", "2024-05-04", tags=["Fisheries"], draft="true"),
        }
    )


def related(s: Site, named: str) -> tuple[int, list[str], list[str]]:
    result = run_cli(["related", named, "--source", str(s.root), "--now", NOW])
    return result.code, result.out.splitlines(), result.err.splitlines()


@pytest.mark.parametrize(
    "named",
    [
        "fisheries-talks",
        "content/releases/2024/fisheries-talks.md",
        "releases/2024/fisheries-talks.md",
        "{root}/content/releases/2024/fisheries-talks.md",
    ],
    ids=["slug", "file from the site folder", "file from content", "absolute file"],
)
def test_a_release_is_named_by_its_slug_or_its_file(site: Callable[[dict[str, str]], Site], named: str) -> None:
    s = related_site(site)
    code, out, err = related(s, named.format(root=s.root))
    assert code == 0, err
    assert out[0] == "Fisheries Talks  [2024-05-02T00:00:00+00:00]"
    assert out[1] == "tags: Fisheries"
    assert out[2] == "1. fisheries-deal: score 0.7429"
    assert err == []  # other.md's unknown key and fisheries-deal.md's short summary are not its warnings


def test_its_own_warnings_come_after_its_answer(site: Callable[[dict[str, str]], Site]) -> None:
    s = related_site(site)
    result = run_cli(["related", "fisheries-deal", "--source", str(s.root), "--now", NOW])
    assert result.code == 0
    assert result.out.splitlines()[0] == "Fisheries Deal  [2024-05-09T00:00:00+00:00]"
    assert result.err.splitlines() == [
        f'{s.root}/content/releases/2024/fisheries-deal.md:8: summary: warning: the automatic summary: "Signed." '
        'has 1 word, too few for a link preview (expected a "summary:" line in the front matter: one or two '
        "sentences for listings and link previews)"
    ]


def test_a_slug_no_release_has_gets_the_nearest_one(site: Callable[[dict[str, str]], Site]) -> None:
    s = related_site(site)
    code, out, err = related(s, "fisheries-tlaks")
    assert (code, out) == (1, [])
    assert err == [
        'error: no published release has the slug "fisheries-tlaks"; did you mean "fisheries-talks"? '
        "(see --drafts and --future)"
    ]
    code, _, err = related(s, "nothing-like-it")
    assert err == ['error: no published release has the slug "nothing-like-it" (see --drafts and --future)']


def test_a_file_that_is_no_published_release_is_said_so(site: Callable[[dict[str, str]], Site]) -> None:
    s = related_site(site)
    code, _, err = related(s, "content/releases/2024/draft.md")
    assert code == 1
    assert err == [
        "error: content/releases/2024/draft.md is not a published release's file (see --drafts and --future)"
    ]
    code, _, err = related(s, "content/releases/2024/missing.md")
    assert code == 1 and err[0].startswith("error: content/releases/2024/missing.md is not a published release's")


def test_help_names_a_release_of_the_sample_site() -> None:
    result = run_cli(["related", "--help"])
    assert "generator related fisheries-agreement-entry-into-force\n" in result.out
    assert "generator related content/releases/2024/fisheries-agreement-entry-into-force.md\n" in result.out
