"""Likely typos among tag or office names, for sites without a vocabulary file.

Names are compared distinct name against distinct name (a few hundred on a large site),
never release against release. Near pairs are found through a deletion index (each name
with up to two letters deleted, SymSpell's trick): two names within two edits of each other
share an entry, so only those pairs are measured, not every pair of names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from itertools import combinations

from generator.errors import Problem
from generator.slugs import fold, slugify

#: A use of a name: (path as shown, line).
Use = tuple[str, int]
_NOT_ALNUM = re.compile(r"[\W_]+")
_DIGITS = re.compile(r"\d+")
#: The most files named in a warning (a common tag is in thousands).
SHOWN_FILES = 3


def loose(name: str) -> str:
    """The name as compared: no case, spacing, accents or punctuation."""
    return _NOT_ALNUM.sub("", fold(name))


def edits_allowed(length: int) -> int:
    """How many edits apart two names of (at least) this length may be and still look like one
    name: none for short ones (EU, UN, Iran, Iraq), one up to 8 letters, two from 9."""
    return 0 if length < 5 else 1 if length < 9 else 2


def _deletions(word: str, depth: int) -> Iterator[str]:
    """`word` and every word made from it by deleting up to `depth` characters."""
    level = {word}
    yield word
    for _ in range(depth):
        level = {w[:i] + w[i + 1 :] for w in level for i in range(len(w))}
        yield from level


def within(a: str, b: str, limit: int) -> bool:
    """Is the edit distance (insert, delete, substitute one character) of a and b at most limit?"""
    if abs(len(a) - len(b)) > limit:
        return False
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other)))
        if min(current) > limit:
            return False
        previous = current
    return previous[-1] <= limit


def looks_alike(a: str, b: str) -> bool:
    """Do two different names look like one name spelt two ways? Not when their numbers differ
    (Budget 2024, Budget 2025), nor when they share a slug (that is reported as a clash)."""
    la, lb = loose(a), loose(b)
    if _DIGITS.findall(la) != _DIGITS.findall(lb) or slugify(a) == slugify(b):
        return False
    return la == lb or within(la, lb, edits_allowed(min(len(la), len(lb))))


def near_pairs(names: Sequence[str]) -> list[tuple[str, str]]:
    """The pairs of `names` (each pair sorted, in sorted order) that look alike."""
    # Most variants belong to one name: only those two names share get a list.
    first: dict[str, str] = {}
    shared: dict[str, list[str]] = {}
    for name in names:
        key = loose(name)
        for variant in _deletions(key, edits_allowed(len(key))):
            owner = first.setdefault(variant, name)
            if owner != name:
                shared.setdefault(variant, [owner]).append(name)
    candidates = {pair for group in shared.values() for pair in combinations(sorted(set(group)), 2)}
    return sorted(pair for pair in candidates if looks_alike(*pair))


def _files(uses: Sequence[Use]) -> str:
    files = sorted({path for path, _ in uses})
    more = len(files) - SHOWN_FILES
    return ", ".join(files[:SHOWN_FILES]) + (f" and {more} more" if more > 0 else "")


def likely_typos(uses: Mapping[str, Sequence[Use]], field: str, vocabulary: str) -> list[Problem]:
    """A warning per pair of names that look alike, at the first use of the less used one,
    naming both spellings and their files. `vocabulary`: the file that would settle it."""
    problems = []
    for a, b in near_pairs(sorted(uses)):
        rare, common = sorted((a, b), key=lambda n: (len({p for p, _ in uses[n]}), n != b))
        path, line = min(uses[rare])
        problems.append(
            Problem(
                path,
                line,
                field,
                f'"{rare}" ({_files(uses[rare])}) looks like a typo of "{common}" ({_files(uses[common])})',
                f"one spelling of each name; {vocabulary} can list the names to allow",
                "warning",
            )
        )
    return problems
