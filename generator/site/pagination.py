"""Splitting a listing into pages: /x/, /x/page/2/, ..."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Paginated(Generic[T]):
    """One page of a listing."""

    number: int  #: 1-based
    count: int  #: number of pages
    items: Sequence[T]
    url: str  #: site-relative URL of this page
    first_url: str

    def url_of(self, number: int) -> str:
        return self.first_url if number == 1 else f"{self.first_url}page/{number}/"

    def window(self, around: int = 2) -> list[int | None]:
        """Page numbers to link: the first, the last and those near this one; None for a gap."""
        keep = {1, self.count, *range(self.number - around, self.number + around + 1)}
        numbers: list[int | None] = []
        for n in sorted(k for k in keep if 1 <= k <= self.count):
            if numbers and numbers[-1] is not None and n - numbers[-1] > 1:
                numbers.append(None)
            numbers.append(n)
        return numbers

    @property
    def prev_url(self) -> str | None:
        return self.url_of(self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.url_of(self.number + 1) if self.number < self.count else None


def paginate(items: Sequence[T], per_page: int, first_url: str) -> list[Paginated[T]]:
    """Pages of `per_page` items; an empty listing still has one (empty) page."""
    count = max(1, -(-len(items) // per_page))
    pages = []
    for number in range(1, count + 1):
        url = first_url if number == 1 else f"{first_url}page/{number}/"
        chunk = items[(number - 1) * per_page : number * per_page]
        pages.append(Paginated(number, count, chunk, url, first_url))
    return pages
