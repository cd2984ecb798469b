"""Related articles, exactly by the spec's score, without comparing all pairs.

    idf(t)      = ln(1 + N / df(t))
    score(a, b) = sum(idf(t) for t shared by a and b) / (1 + |days(a, b)| / 30)

Best first; ties: smaller time gap, then the newer release, then slug.

For each release we walk the postings of its tags outward in time and stop
as soon as no release not yet seen can beat the current k-th best. An unseen
release at gap g can only share tags whose walk has not yet reached g, so,
with tags ordered by their walk's frontier f, its score is at most
max over j of (idf of the tags with frontier <= f_j) / (1 + f_j / 30).
The walk always advances the rarest tag of the set that reaches that maximum;
the order of steps never changes the result, only its cost.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from generator.digests import content_digest
from generator.model import CachedRelated, RelatedItem, Release, Term
from generator.parallel import process_map

DAY = 86400.0
MONTH = 30 * DAY
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
    total = sum(index.idf[t] for t in shared)
    return total / (1 + days / 30), days, shared


def _rank_key(index: _Index, b: int, value: float, days: float) -> tuple[float, float, float, str]:
    return (-value, days, -index.times[b], index.releases[b].slug)


class _Walk:
    """Cursors walking outward in time through each tag's releases, from release a.

    Tags are kept by position (lists, not dicts): this is the hot loop of the build.
    """

    def __init__(self, index: _Index, a: int) -> None:
        self.here = here = index.times[a]
        self.tags = sorted(index.tag_sets[a])
        self.idf = [index.idf[t] for t in self.tags]
        self.times = [index.posting_times[t] for t in self.tags]
        self.ids = [index.posting_ids[t] for t in self.tags]
        self.left: list[int] = []
        self.right: list[int] = []
        self.frontier: list[float] = []
        for times in self.times:
            start = bisect_left(times, here)
            self.left.append(start - 1)
            self.right.append(start)
        self.frontier = [min(self.gaps(i)) for i in range(len(self.tags))]
        self.positions = range(len(self.tags))

    def gaps(self, i: int) -> tuple[float, float]:
        """Time gaps (seconds) of the next release on the left and on the right of tag i's walk."""
        times, left, right = self.times[i], self.left[i], self.right[i]
        return (
            self.here - times[left] if left >= 0 else math.inf,
            times[right] - self.here if right < len(times) else math.inf,
        )

    def bound(self) -> tuple[float, int]:
        """The most any release not yet seen can score, and the tag (position) to walk next.

        The bound is reached by a release sharing every tag whose frontier is within
        some distance f; walking any of those tags past f lowers it. The rarest of them
        (highest idf) lowers it most and costs fewest steps, as its releases are sparse.
        """
        frontier, idf = self.frontier, self.idf
        best = total = 0.0
        pick = rarest = -1
        rarest_idf = -1.0
        for i in sorted(self.positions, key=frontier.__getitem__):
            gap = frontier[i]
            if gap == math.inf:
                break
            weight = idf[i]
            total += weight
            if weight > rarest_idf:
                rarest_idf, rarest = weight, i
            value = total / (1 + gap / MONTH)
            if value >= best:
                best, pick = value, rarest
        return best, pick

    def step(self, i: int) -> int:
        """Advance tag i's walk on its nearer side; return the release passed."""
        times, left, right, here = self.times[i], self.left[i], self.right[i], self.here
        left_gap = here - times[left] if left >= 0 else math.inf
        right_gap = times[right] - here if right < len(times) else math.inf
        if left_gap <= right_gap:
            passed = self.ids[i][left]
            left -= 1
            self.left[i] = left
            left_gap = here - times[left] if left >= 0 else math.inf
        else:
            passed = self.ids[i][right]
            right += 1
            self.right[i] = right
            right_gap = times[right] - here if right < len(times) else math.inf
        self.frontier[i] = left_gap if left_gap < right_gap else right_gap
        return passed


def _top(index: _Index, a: int, count: int) -> list[tuple[tuple[float, float, float, str], int]]:
    """The `count` best releases for a, best first, walking only as far as a better one could be."""
    walk = _Walk(index, a)
    seen = {a}
    best: list[tuple[tuple[float, float, float, str], int]] = []
    tags_a, idf, times, tag_sets = index.tag_sets[a], index.idf, index.times, index.tag_sets
    here = times[a]
    while True:
        bound, limiting = walk.bound()
        if limiting < 0 or (len(best) == count and bound < -best[-1][0][0] - _EPSILON):
            return best
        b = walk.step(limiting)
        if b in seen:
            continue
        seen.add(b)
        days = abs(times[b] - here) / DAY
        # The same arithmetic as score(), inlined: this loop runs for every step of every release.
        value = sum(idf[t] for t in sorted(tags_a & tag_sets[b])) / (1 + days / 30)
        key = (-value, days, -times[b], index.releases[b].slug)
        if len(best) < count or key < best[-1][0]:
            best.append((key, b))
            best.sort()
            del best[count:]


def _item(index: _Index, a: int, b: int) -> RelatedItem:
    value, days, shared = score(index, a, b)
    return RelatedItem(
        release=index.releases[b], score=value, days=days, shared=tuple((index.terms[t], index.idf[t]) for t in shared)
    )


def _top_slugs(index: _Index, a: int, count: int) -> tuple[int, ...]:
    return tuple(b for _, b in _top(index, a, count))


def related_articles(releases: Sequence[Release], count: int, jobs: int = 1) -> dict[str, tuple[RelatedItem, ...]]:
    """slug -> the `count` most related other releases, best first."""
    index = _index(releases)
    tops = process_map(lambda shared, a: _top_slugs(shared, a, count), index, len(releases), jobs, minimum=2000)
    return {
        release.slug: tuple(_item(index, a, b) for b in top)
        for a, (release, top) in enumerate(zip(releases, tops, strict=True))
    }


def related_key(releases: Sequence[Release], count: int) -> str:
    """Everything related articles depend on: each release's slug, time and tags, and the count."""
    parts = [f"{r.slug}\t{r.date.timestamp()!r}\t{' '.join(t.slug for t in r.tags)}" for r in releases]
    return content_digest(str(count), "\n".join(parts))


def to_cache(related: dict[str, tuple[RelatedItem, ...]]) -> CachedRelated:
    """Related articles without the releases themselves (they are rebuilt from the current ones)."""
    return {
        slug: tuple((i.release.slug, i.score, i.days, tuple((t.slug, idf) for t, idf in i.shared)) for i in items)
        for slug, items in related.items()
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
