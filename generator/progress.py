"""A progress line for long builds on a terminal; silent otherwise."""

from __future__ import annotations

import sys
import time
from typing import TextIO

SHOW_AFTER = 2.0  # seconds: short builds print nothing but their summary


def counted(number: int, thing: str) -> str:
    """`number` and `thing`, plural unless one: "1 release", "2,315 releases", "0 cache hits"."""
    return f"{number:,} {thing}{'' if number == 1 else 's'}"


class Progress:
    """Counts work per stage; draws "stage: n/total" on one line of a TTY after SHOW_AFTER seconds."""

    def __init__(self, stream: TextIO | None = None, enabled: bool = True) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled and self.stream.isatty()
        self.started = time.monotonic()
        self.stage = ""
        self.total = 0
        self.done = 0
        self.drawn = False

    def begin(self, stage: str, total: int) -> None:
        self.stage, self.total, self.done = stage, total, 0
        self._draw()

    def advance(self, count: int = 1) -> None:
        self.done += count
        self._draw()

    def _draw(self) -> None:
        if not self.enabled or time.monotonic() - self.started < SHOW_AFTER:
            return
        self.stream.write(f"\r\x1b[K{self.stage}: {min(self.done, self.total):,}/{self.total:,}")
        self.stream.flush()
        self.drawn = True

    def finish(self) -> None:
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.drawn = False


class Silent(Progress):
    def __init__(self) -> None:
        super().__init__(enabled=False)
