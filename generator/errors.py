"""The one error hierarchy: every problem with the user's input is a `Problem`.

`cli.main` is the only place that turns a `GeneratorError` into a message and
an exit status; anything else escaping is a bug and may show a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from generator.model import compact_pickle

Severity = Literal["error", "warning"]


@compact_pickle
@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong (or suspicious) in a user's file.

    `path` is as shown to the user (relative to where they run the command),
    `line` is 1-based in the file's own coordinates (0 when unknown),
    `field` names the key or setting, `expected` says what would be right.
    """

    path: str
    line: int
    field: str
    message: str
    expected: str = ""
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f" {self.field}:" if self.field else ""
        expected = f" (expected {self.expected})" if self.expected else ""
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{where}:{field} {prefix}{self.message}{expected}"

    def as_warning(self) -> Problem:
        return Problem(self.path, self.line, self.field, self.message, self.expected, "warning")

    def as_error(self) -> Problem:
        return Problem(self.path, self.line, self.field, self.message, self.expected, "error")


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


def errors_in(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]
