"""A file's lines as an editor counts them: `\\n`, `\\r\\n` and `\\r` end a line, nothing else.

YAML also breaks lines at NEL (U+0085), LS (U+2028) and PS (U+2029), and
Python's `str.splitlines` at those and at form feeds and other controls, so
neither's line numbers are the file's own once a value holds one of them.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_LINE_END = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """The lines of `text` (without their line ends), the first one being line 1."""
    return _LINE_END.split(text)


@dataclass(frozen=True, slots=True)
class LineIndex:
    """Where each line of a text starts, to turn a character index into a line."""

    starts: tuple[int, ...]  #: the index of each line's first character; starts[0] is 0

    @classmethod
    def of(cls, text: str) -> LineIndex:
        return cls((0, *(match.end() for match in _LINE_END.finditer(text))))

    def line_at(self, index: int) -> int:
        """The 0-based line of the character at `index` (an index past the end: the last line)."""
        return bisect.bisect_right(self.starts, index) - 1
