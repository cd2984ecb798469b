"""Plain hints for the YAML mistakes editors make most, added after the parser's own words.

The parser says "mapping values are not allowed in this context"; the editor wrote
`title: Statement on Halvik: Port Reopens`. Each hint names the key of the line (so the
problem's field is the editor's field, not "front matter"), says what to change, and where
it can, shows the line as it should be.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import yaml

#: A line holding a key and its value: `title: Statement on Halvik` (any indentation).
_KEY_LINE = re.compile(r"(?P<indent>[ \t]*)(?P<key>[A-Za-z_][\w -]*?)[ \t]*:(?:[ \t]+(?P<value>.*?))?[ \t]*$")
#: A line that belongs to the front matter's keys: a key, or an indented or list line under one.
_KEYISH = re.compile(r"[A-Za-z_][\w -]*[ \t]*:|[ \t]+\S|-[ \t]")


@dataclass(frozen=True, slots=True)
class Hint:
    """What to tell the editor about a YAML syntax error."""

    index: int  #: character index in the document of the line the problem is on
    field: str  #: the key of that line (or the key it is under); "" if there is none
    advice: str  #: said after the parser's message


def _line_at(text: str, index: int) -> tuple[int, str]:
    """The start index and the text of the line holding character `index`."""
    start = text.rfind("\n", 0, index) + 1
    end = text.find("\n", index)
    return start, text[start : end if end >= 0 else len(text)]


def _owning_key(text: str, start: int) -> str:
    """The key of the line starting at `start`, or of the nearest unindented key line above it;
    in a document that has none (a list of mappings such as content/tags.yaml), the line's own key."""
    own = _KEY_LINE.fullmatch(_line_at(text, start)[1].lstrip(" -"))
    while True:
        line = _line_at(text, start)[1]
        found = _KEY_LINE.fullmatch(line)
        if found and not line[:1].isspace() and not line.startswith("-"):
            return found["key"]
        if start == 0:
            return own["key"] if own else ""
        start = text.rfind("\n", 0, start - 1) + 1


def quoted(value: str) -> str:
    """`value` in the quotes that need no escaping in it: double, else single, else escaped double."""
    if '"' not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return json.dumps(value, ensure_ascii=False)


def _colon(text: str, start: int, line: str) -> Hint:
    key = _owning_key(text, start)
    found = _KEY_LINE.fullmatch(line)
    if found and found["key"] == key and found["value"]:
        fixed = f"{found['indent']}{key}: {quoted(found['value'])}"
        return Hint(start, key, f'; a value with ": " in it must be in quotes: put the {key} in quotes: {fixed}')
    named = f"the {key}" if key else "the value"
    return Hint(start, key, f'; a value with ": " in it must be in quotes: put {named} in quotes')


def _unclosed(text: str, start: int, line: str, quote: str) -> Hint:
    key = _owning_key(text, start)
    found = _KEY_LINE.fullmatch(line)
    advice = f"; the {key or 'value'} starts with {quote} but never ends with one: close the quote"
    if found and found["key"] == key and found["value"] and found["value"].startswith(quote):
        advice += f": {found['indent']}{key}: {found['value']}{quote}"
    return Hint(start, key, advice)


def _quote_inside(text: str, start: int, line: str) -> Hint | None:
    """A value in quotes that has the same quote inside: `title: "He said "no" today"`."""
    found = _KEY_LINE.fullmatch(line)
    value = found["value"] if found else None
    if not found or not value or value[0] not in "\"'" or value.count(value[0]) < 3:
        return None
    key, quote = found["key"], value[0]
    inner = value[1:-1] if value.endswith(quote) else value[1:]
    return Hint(
        start,
        key,
        f"; the {key} is in {quote} quotes and has {quote} inside them: put it in the other quotes: "
        f"{found['indent']}{key}: {quoted(inner)}",
    )


def hint(text: str, error: yaml.MarkedYAMLError) -> Hint | None:
    """The hint for a syntax error of the YAML document `text`, if it is a common mistake."""
    marks = [m for m in (error.problem_mark, error.context_mark) if m is not None]
    for mark in marks:
        start, line = _line_at(text, min(mark.index, len(text)))
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            own = _KEY_LINE.fullmatch(line)
            return Hint(
                start,
                own["key"] if own else _owning_key(text, start),
                "; this line is indented with a tab: YAML indents with spaces only, so replace the tab with spaces",
            )
    problem, context = error.problem or "", error.context or ""
    if problem.startswith("mapping values are not allowed") and error.problem_mark is not None:
        start, line = _line_at(text, error.problem_mark.index)
        return _colon(text, start, line)
    if problem.startswith("did not find expected key") and error.problem_mark is not None:
        start, line = _line_at(text, error.problem_mark.index)
        return _quote_inside(text, start, line)
    if "quoted scalar" in context and error.context_mark is not None:
        index = error.context_mark.index
        start, line = _line_at(text, index)
        return _unclosed(text, start, line, text[index : index + 1] or '"')
    return None


#: What a name cannot hold unquoted inside a YAML flow list.
_FLOW_SPECIAL = re.compile(r"[\[\]{}#&*!|>'\"%@`]|: |^-")


def comma_tags(node: yaml.Node) -> str | None:
    """The warning for `tags: Norland, Fisheries`: one unquoted text with commas, which is one
    tag; None for anything else. (Quoted, `tags: "Paris, France"`, it is taken as meant.)"""
    if not isinstance(node, yaml.ScalarNode) or node.style not in (None, "") or "," not in node.value:
        return None
    names = [name.strip() for name in node.value.split(",") if name.strip()]
    if len(names) < 2:
        return None
    listed = ", ".join(quoted(n) if _FLOW_SPECIAL.search(n) else n for n in names)
    return f'"{node.value.strip()}" is one tag; for {len(names)} tags, write them as a list: tags: [{listed}]'


def unclosed_front_matter(lines: list[str]) -> tuple[int, str] | None:
    """Where a front matter that is never closed should end: (file line of its last key or
    a line under it, the advice), from the file's lines; None if no key follows the "---"."""
    last = 0
    for number, line in enumerate(lines[1:], 2):
        if not _KEYISH.match(line):
            break
        last = number
    if not last:
        return None
    return last, f'add a line "---" after its last key (line {last}), before the text'
