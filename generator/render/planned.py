"""The plan of one output file: what the renderer describes and the publisher writes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.model import SourceFile
from generator.render.pages import PageSpec


@dataclass(frozen=True, slots=True)
class Planned:
    """One output file: a page to render (spec), a file whose bytes are known (data), a file
    copied from content/ (source) or one made only if it must be written (made)."""

    path: str
    fingerprint: str
    spec: PageSpec | None = None
    data: bytes | None = None
    source: SourceFile | None = None  #: a file under content/, copied as it is
    made: Callable[[], bytes] | None = None  #: a search bundle's file, remade on demand

    def bytes(self) -> bytes:
        if self.data is not None:
            return self.data
        if self.made is not None:
            return self.made()
        assert self.source is not None
        return self.source.read()
