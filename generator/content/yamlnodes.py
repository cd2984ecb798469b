"""YAML read as nodes, so every value keeps its line and the text the editor wrote.

PyYAML's own constructors apply YAML 1.1 (``NO`` -> False, ``12:30`` -> 750,
``01234`` -> 668). Converting nodes ourselves, field by field, keeps what
an editor means and gives each problem its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import yaml

from generator.content.yamlhints import hint
from generator.errors import Problem, did_you_mean, likeness
from generator.lines import LineIndex

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_NUMBERS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TRUE = {"true", "yes", "on"}
_FALSE = {"false", "no", "off"}


@dataclass(frozen=True, slots=True)
class Where:
    """Where a YAML document sits: the file as shown, the file line of its first line, and
    where the document's own lines start (YAML's line count also breaks at NEL, U+2028
    and U+2029, an editor's does not, so lines are found from YAML's character index)."""

    path: str
    first_line: int = 1
    lines: LineIndex | None = None  #: of the document's text; None: YAML's line count

    def line_of(self, node: yaml.Node) -> int:
        return self.line_of_mark(node.start_mark)

    def line_of_mark(self, mark: yaml.Mark | None) -> int:
        """The file line of a position YAML reports (None: the document's first line)."""
        if mark is None:
            return self.first_line
        return self.first_line + (self.lines.line_at(mark.index) if self.lines else mark.line)

    def problem(self, node: yaml.Node | None, field: str, message: str, expected: str = "") -> Problem:
        line = self.line_of(node) if node is not None else self.first_line
        return Problem(self.path, line, field, message, expected)


def compose(text: str, where: Where, field: str) -> tuple[yaml.Node | None, list[Problem]]:
    """Parse `text` as one YAML document; return its root node (None if empty)."""
    try:
        return yaml.compose(text, Loader=_Loader), []
    except yaml.MarkedYAMLError as error:
        # The context (e.g. where an unclosed list starts) is nearer the editor's mistake
        # than the problem, which YAML often finds only at the end of the block.
        line = where.line_of_mark(error.context_mark or error.problem_mark)
        reason = error.problem or "invalid YAML"
        if error.context:
            reason += f" ({error.context})"
        found = hint(text, error)
        if found is None:
            return None, [Problem(where.path, line, field, f"YAML syntax error: {reason}", "valid YAML")]
        line = where.first_line + (
            where.lines.line_at(found.index) if where.lines else text.count("\n", 0, found.index)
        )
        message = f"YAML syntax error: {reason}{found.advice}"
        return None, [Problem(where.path, line, found.field or field, message)]
    except yaml.YAMLError as error:
        return None, [Problem(where.path, where.first_line, field, f"YAML error: {error}", "valid YAML")]


def mapping_entries(node: yaml.MappingNode, where: Where) -> tuple[dict[str, tuple[int, yaml.Node]], list[Problem]]:
    """Return key -> (line, value node), reporting keys that are not text and duplicates."""
    entries: dict[str, tuple[int, yaml.Node]] = {}
    problems: list[Problem] = []
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(where.problem(key_node, "front matter", "a key must be plain text"))
            continue
        key = key_node.value
        line = where.line_of(key_node)
        if key in entries:
            first = entries[key][0]
            problems.append(Problem(where.path, line, key, f"appears twice (first on line {first})", "each key once"))
            continue
        entries[key] = (line, value_node)
    return entries, problems


@dataclass(frozen=True, slots=True)
class HoldsBack:
    """A key that holds a file back from publication, so that a misspelling of it is an error:
    ignored with a warning, it would publish the file at once."""

    why: str  #: what ignoring the key would do, or why this kind of file cannot have it
    expected: str  #: what to write instead


def unknown_keys(
    entries: dict[str, tuple[int, yaml.Node]],
    known: Iterable[str],
    where: Where,
    holding: Mapping[str, HoldsBack] | None = None,
) -> list[Problem]:
    """A warning per key not in `known`, with a "did you mean" when one is close; an error for
    a key of `holding` the file cannot have, and for a near miss of one (any case, spacing or
    punctuation: `Draft`, `DRAFT`, `drafts`, `draft_`), as its file would publish."""
    known = sorted(known)
    holding = holding or {}
    problems = []
    for key, (line, _) in entries.items():
        if key in known:
            continue
        held = _held_back_by(key, known, holding)
        if held is not None:
            hint = f'unknown key; did you mean "{held}"? ' if held in known else ""
            problems.append(Problem(where.path, line, key, hint + holding[held].why, holding[held].expected))
            continue
        hint = did_you_mean(key, known)
        problems.append(
            Problem(where.path, line, key, f"unknown key, ignored{hint}", "one of " + ", ".join(known), "warning")
        )
    return problems


_NEAR = 0.8  #: how alike (difflib's ratio) an unknown key and a key that holds back must be
_STEM = 4  #: letters a longer key that holds back shares with a near miss of it (expiry, drafted)


def _held_back_by(key: str, known: list[str], holding: Mapping[str, HoldsBack]) -> str | None:
    """The key of `holding` that `key` is (or is nearest to, more than to any other known key)."""
    folded = re.sub(r"[^a-z]", "", key.lower())
    for held in holding:
        if sorted(folded) == sorted(held):  # the key itself, or its letters swapped (darft, daet)
            return held

    nearest = max([*known, *holding], key=lambda candidate: (likeness(folded, candidate), candidate in holding))
    if nearest not in holding:
        return None
    stem = len(nearest) > _STEM and folded.startswith(nearest[:_STEM])
    return nearest if stem or likeness(folded, nearest) >= _NEAR else None


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if node.tag == _NULL:
        return "empty"
    return "a number" if node.tag in _NUMBERS else "text"


def text(node: yaml.Node, field: str, where: Where, problems: list[Problem]) -> str | None:
    """The scalar's text exactly as written (numbers and YAML 1.1 booleans stay text)."""
    if isinstance(node, yaml.ScalarNode) and node.tag != _NULL and node.value.strip():
        return str(node.value).strip()
    kind = _kind(node)
    message = "is empty" if kind in ("empty", "text") else f"is {kind}"
    problems.append(where.problem(node, field, message, "text"))
    return None


def text_list(node: yaml.Node, field: str, where: Where, problems: list[Problem]) -> list[str] | None:
    """A list of texts; a single text counts as a list of one."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _NULL:
            return []
        if node.tag in _NUMBERS:
            problems.append(where.problem(node, field, f"is a number ({node.value})", "a list of names"))
            return None
        return [node.value.strip()] if node.value.strip() else []
    if isinstance(node, yaml.MappingNode):
        problems.append(where.problem(node, field, "is a mapping", "a list of names"))
        return None
    items: list[str] = []
    ok = True
    for item in node.value:
        value = text(item, field, where, problems)
        ok = ok and value is not None
        if value is not None:
            items.append(value)
    return items if ok else None


def boolean(node: yaml.Node, field: str, where: Where, problems: list[Problem]) -> bool | None:
    if isinstance(node, yaml.ScalarNode) and node.tag != _STR:
        word = node.value.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    problems.append(where.problem(node, field, f"{_shown(node)} is not true or false", "true or false"))
    return None


def _shown(node: yaml.Node) -> str:
    return f'"{node.value}"' if isinstance(node, yaml.ScalarNode) else _kind(node)


WHEN_EXPECTED = "YYYY-MM-DD or an ISO 8601 datetime such as 2023-05-02T14:30:00-04:00"


def parse_when(raw: str, zone: ZoneInfo) -> tuple[datetime, bool] | str:
    """Parse a date or datetime; return (aware datetime, date_only) or a reason it is not one.

    A date is midnight in `zone`; a datetime without an offset is in `zone`;
    a datetime with an offset keeps it.
    """
    raw = raw.strip()
    if _DATE.fullmatch(raw):
        try:
            day = date.fromisoformat(raw)
        except ValueError:
            return f'"{raw}" is not a real date'
        return datetime(day.year, day.month, day.day, tzinfo=zone), True
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        if _DATE.match(raw):
            try:
                date.fromisoformat(raw[:10])
            except ValueError:
                return f'"{raw}" is not a real date'
        return f'"{raw}" is not a date or datetime'
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment, False


def when(
    node: yaml.Node, field: str, where: Where, zone: ZoneInfo, problems: list[Problem]
) -> tuple[datetime, bool] | None:
    if not (isinstance(node, yaml.ScalarNode) and node.tag != _NULL and node.value.strip()):
        kind = _kind(node)
        message = "is empty" if kind in ("empty", "text") else f"is {kind}"
        problems.append(where.problem(node, field, message, WHEN_EXPECTED))
        return None
    parsed = parse_when(node.value, zone)
    if isinstance(parsed, str):
        problems.append(where.problem(node, field, parsed, WHEN_EXPECTED))
        return None
    return parsed
