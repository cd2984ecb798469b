"""Related articles, exactly by the spec's score, without comparing all pairs.

    idf(t)      = ln(1 + N / df(t))
    score(a, b) = sum(idf(t) for t shared by a and b) / (1 + |days(a, b)| / 30)

Best first; ties: smaller time gap, then the newer release, then slug.

For each release we walk the postings of its tags outward in time, nearest
first, and stop as soon as no release not yet seen can beat the current
k-th best: an unseen release at gap g can only share tags whose walk has
not yet passed g, so its score is at most max over j of
(idf of tags with frontier <= f_j) / (1 + f_j / 30).
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from generator.model import RelatedItem, Release, Term

DAY = 86400.0
_EPSILON = 1e-12


@dataclass(frozen=True)
class _Index:
    releases: Sequence[Release]
    times: list[float]
    tag_sets: list[frozenset[str]]
    idf: dict[str, float]
    terms: dict[str, Term]
    posting_times: dict[str, list[float]]
    posting_ids: dict[str, list[int]]


def _index(releases: Sequence[Release]) -> _Index:
    times = [r.date.timestamp() for r in releases]
    tag_sets = [frozenset(t.slug for t in r.tags) for r in releases]
    terms = {t.slug: t for r in releases for t in r.tags}
    postings: dict[str, list[tuple[float, int]]] = {}
    for i, tags in enumerate(tag_sets):
        for tag in tags:
            postings.setdefault(tag, []).append((times[i], i))
    for entries in postings.values():
        entries.sort()
    n = len(releases)
    idf = {tag: math.log(1 + n / len(entries)) for tag, entries in postings.items()}
    return _Index(
        releases,
        times,
        tag_sets,
        idf,
        terms,
        {t: [e[0] for e in entries] for t, entries in postings.items()},
        {t: [e[1] for e in entries] for t, entries in postings.items()},
    )


def score(index: _Index, a: int, b: int) -> tuple[float, float, tuple[str, ...]]:
    """(score, day gap, shared tag slugs in order) of b as related to a."""
    shared = tuple(sorted(index.tag_sets[a] & index.tag_sets[b]))
    days = abs(index.times[a] - index.times[b]) / DAY
    total = math.fsum(index.idf[t] for t in shared)
    return total / (1 + days / 30), days, shared


def _rank_key(index: _Index, b: int, value: float, days: float) -> tuple[float, float, float, str]:
    return (-value, days, -index.times[b], index.releases[b].slug)


def _bound(frontiers: dict[str, float], idf: dict[str, float]) -> float:
    best, total = 0.0, 0.0
    for tag, gap in sorted(frontiers.items(), key=lambda item: item[1]):
        if gap == math.inf:
            break
        total += idf[tag]
        best = max(best, total / (1 + gap / DAY / 30))
    return best


def _top(index: _Index, a: int, count: int) -> list[tuple[tuple[float, float, float, str], int]]:
    here = index.times[a]
    heap: list[tuple[float, str, int, int]] = []  # (gap seconds, tag, direction, position)
    next_gap: dict[tuple[str, int], float] = {}
    for tag in sorted(index.tag_sets[a]):
        times = index.posting_times[tag]
        start = bisect_left(times, here)
        for direction, position in ((-1, start - 1), (1, start)):
            if 0 <= position < len(times):
                gap = abs(times[position] - here)
                heapq.heappush(heap, (gap, tag, direction, position))
                next_gap[(tag, direction)] = gap
            else:
                next_gap[(tag, direction)] = math.inf
    seen = {a}
    best: list[tuple[tuple[float, float, float, str], int]] = []
    while heap:
        gap, tag, direction, position = heapq.heappop(heap)
        times, ids = index.posting_times[tag], index.posting_ids[tag]
        following = position + direction
        if 0 <= following < len(times):
            next_gap[(tag, direction)] = abs(times[following] - here)
            heapq.heappush(heap, (next_gap[(tag, direction)], tag, direction, following))
        else:
            next_gap[(tag, direction)] = math.inf
        b = ids[position]
        if b not in seen:
            seen.add(b)
            value, days, _ = score(index, a, b)
            best.append((_rank_key(index, b, value, days), b))
            best.sort()
            del best[count:]
        if len(best) == count:
            frontiers = {t: min(next_gap[(t, -1)], next_gap[(t, 1)]) for t in index.tag_sets[a]}
            if _bound(frontiers, index.idf) < -best[-1][0][0] - _EPSILON:
                break
    return best


def _item(index: _Index, a: int, b: int) -> RelatedItem:
    value, days, shared = score(index, a, b)
    return RelatedItem(index.releases[b], value, days, tuple((index.terms[t], index.idf[t]) for t in shared))


def related_articles(releases: Sequence[Release], count: int) -> dict[str, tuple[RelatedItem, ...]]:
    """slug -> the `count` most related other releases, best first."""
    index = _index(releases)
    return {
        release.slug: tuple(_item(index, a, b) for _, b in _top(index, a, count)) for a, release in enumerate(releases)
    }


def related_brute_force(releases: Sequence[Release], count: int) -> dict[str, tuple[RelatedItem, ...]]:
    """The same result by comparing every pair: the reference the tests check against."""
    index = _index(releases)
    result = {}
    for a, release in enumerate(releases):
        ranked = []
        for b in range(len(releases)):
            if b != a and index.tag_sets[a] & index.tag_sets[b]:
                value, days, _ = score(index, a, b)
                ranked.append((_rank_key(index, b, value, days), b))
        ranked.sort()
        result[release.slug] = tuple(_item(index, a, b) for _, b in ranked[:count])
    return result
