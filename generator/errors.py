"""The one error hierarchy: every problem with the user's input is a `Problem`.

`cli.main` is the only place that turns a `GeneratorError` into a message and
an exit status; anything else escaping is a bug and may show a traceback.
"""

from __future__ import annotations

import difflib
import errno
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from generator.pickling import compact_pickle

Severity = Literal["error", "warning"]
#: The field shown for a problem with a whole file or folder rather than one of its keys.
WHOLE_FILE = "file"


def readable(text: str) -> str:
    """`text` as text that can be printed anywhere: bytes of a file name that are not
    valid UTF-8 (held by Python as surrogate escapes) are shown as `\\xff`."""
    if text.isascii():
        return text
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that stands for no byte
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


@compact_pickle
@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong (or suspicious) in a user's file.

    `path` is as shown to the user (relative to where they run the command),
    `line` is 1-based in the file's own coordinates (0: the whole file or folder),
    `field` names the key or setting ("": the file itself), `expected` says what would be right.

    Every problem prints as `path:line: field: message`: one about a whole file or
    folder is at line 1 with the field "file", so editors and tools that read
    `path:line:` jump to it; a path that is not valid UTF-8 shows its bytes escaped.
    """

    path: str
    line: int
    field: str
    message: str
    expected: str = ""
    severity: Severity = "error"

    def __str__(self) -> str:
        expected = f" (expected {self.expected})" if self.expected else ""
        prefix = "warning: " if self.severity == "warning" else ""
        # Messages name other files too (a duplicate's first file): the whole line is made readable.
        return readable(f"{self.path}:{self.line or 1}: {self.field or WHOLE_FILE}: {prefix}{self.message}{expected}")

    def as_warning(self) -> Problem:
        return Problem(self.path, self.line, self.field, self.message, self.expected, "warning")

    def as_error(self) -> Problem:
        return Problem(self.path, self.line, self.field, self.message, self.expected, "error")


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """The hint for a word that is not one of `known`: `; did you mean "x"?` with the closest
    known word (difflib's ratio, 0.6 at the least), or "" if none is close."""
    guess = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f'; did you mean "{guess[0]}"?' if guess else ""


def likeness(word: str, other: str) -> float:
    """How alike two words are, 0 to 1: the ratio `did_you_mean` goes by."""
    return difflib.SequenceMatcher(None, word, other).ratio()


class GeneratorError(Exception):
    """Base of every error the user can cause; `cli` prints it and exits 1."""

    exit_code = 1


class ProblemsFound(GeneratorError):
    """Validation found errors; carries every problem of the run, warnings included."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{sum(p.severity == 'error' for p in problems)} error(s)")
        self.problems = problems


class UsageError(GeneratorError):
    """A command-line argument or the site folder itself is unusable."""


class WriteFailed(GeneratorError):
    """The disk refused what a build writes (full, a file too large, read-only): the site as it was is kept."""


#: What a full disk, a full quota and a file-size limit look like: all three are "disk full" to the user.
DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


def write_failure(error: OSError, writing: str) -> str:
    """What went wrong writing `writing` ("the build cache", a file of the site), in words."""
    if error.errno in DISK_FULL:
        return f"disk full while writing {writing} ({error.strerror})"
    return f"cannot write {writing} ({error.strerror})"


def errors_in(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


#: How many warnings of one field `build` and `serve` show; `check` shows every one.
SHOWN_PER_FIELD = 20


def abridged(problems: Sequence[Problem], most: int = SHOWN_PER_FIELD) -> list[str]:
    """The problems as lines: every error, and at most `most` warnings of each field, the rest
    of each field counted in one line at the end. An archive whose first paragraphs are long
    would otherwise bury a broken image under thousands of summary warnings on every build."""
    lines: list[str] = []
    shown: Counter[str] = Counter()
    for problem in problems:
        if problem.severity == "warning":
            shown[problem.field] += 1
            if shown[problem.field] > most:
                continue
        lines.append(str(problem))
    for field, count in sorted(shown.items()):
        if count > most:
            left = count - most
            lines.append(
                f"... and {left:,} more {field or WHOLE_FILE} warning{'' if left == 1 else 's'} "
                "(generator check lists every one)"
            )
    return lines
