"""Likely typos among tag and office names: which pairs look alike, and the warning's words."""

from __future__ import annotations

import itertools
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.site.typos import edits_allowed, likely_typos, looks_alike, loose, near_pairs, within


def test_pairs_that_look_alike() -> None:
    names = [
        "Fisheries",
        "Fishries",
        "Fisehries",  # two edits (a swap) in a long name
        "Sea-Fisheries",
        "SeaFisheries",  # punctuation only
        "Norland",
        "Nordland",  # one edit in a short name
        "EU",
        "UN",  # short: never
        "Iran",
        "Iraq",
        "Budget 2024",
        "Budget 2025",  # their numbers differ
        "Trade",
        "Tirade",
    ]
    assert near_pairs(sorted(names)) == [
        ("Fisehries", "Fisheries"),
        ("Fisehries", "Fishries"),
        ("Fisheries", "Fishries"),
        ("Nordland", "Norland"),
        ("Sea-Fisheries", "SeaFisheries"),
        ("Tirade", "Trade"),
    ]


def test_names_sharing_a_slug_are_left_to_the_clash_error() -> None:
    assert not looks_alike("Fisheries", "Fisheries.")
    assert not looks_alike("C++", "C")


def test_the_edits_allowed_grow_with_the_length() -> None:
    assert [edits_allowed(n) for n in (2, 4, 5, 8, 9, 30)] == [0, 0, 1, 1, 2, 2]
    assert loose("Côte-des Pins") == "cotedespins"


def _distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other)))
        previous = current
    return previous[-1]


@settings(max_examples=200, deadline=None)
@given(st.text("abc", max_size=8), st.text("abc", max_size=8), st.integers(0, 3))
def test_within_is_the_edit_distance(a: str, b: str, limit: int) -> None:
    assert within(a, b, limit) == (_distance(a, b) <= limit)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text("abcde", min_size=3, max_size=10), min_size=2, max_size=25, unique=True))
def test_the_deletion_index_finds_every_pair(names: list[str]) -> None:
    """The index finds exactly the pairs that comparing every pair would find."""
    every = sorted(pair for pair in itertools.combinations(sorted(names), 2) if looks_alike(*pair))
    assert near_pairs(sorted(names)) == every


def test_the_warning_names_both_spellings_and_their_files() -> None:
    uses = {
        "Fisheries": [("b.md", 6), ("a.md", 6), ("c.md", 7), ("d.md", 6), ("e.md", 6)],
        "Fishries": [("z.md", 9)],
    }
    (problem,) = likely_typos(uses, "tags", "content/tags.yaml")
    assert str(problem) == (
        'z.md:9: tags: warning: "Fishries" (z.md) looks like a typo of "Fisheries" (a.md, b.md, c.md and 2 more) '
        "(expected one spelling of each name; content/tags.yaml can list the names to allow)"
    )


def test_a_few_hundred_names_make_no_false_alarms() -> None:
    rng = random.Random(7)
    words = ["north", "trade", "climate", "energy", "ports", "health", "border", "water", "culture", "science"]
    names = sorted({f"{rng.choice(words).title()} {rng.choice(words)} {n}" for n in range(300)})
    assert near_pairs(names) == []  # each differs from the others in its number
