"""Text of a content file -> front-matter fields with file-absolute line numbers.

python-frontmatter's YAML handler splits the file, with a boundary that,
unlike its default, cannot swallow blank lines (which would shift lines).
Values are converted from YAML nodes (see yamlnodes) so nothing an editor
wrote is silently reinterpreted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml
from frontmatter.default_handlers import YAMLHandler

from generator.content.yamlhints import unclosed_front_matter
from generator.content.yamlnodes import Where, compose, mapping_entries
from generator.errors import Problem
from generator.lines import LineIndex, split_lines
from generator.model import SourceFile

_HANDLER = YAMLHandler(fm_boundary=re.compile(r"^-{3}[ \t]*$", re.MULTILINE))
FRONT_MATTER_EXPECTED = 'a "---" line, YAML keys such as "title: ...", and a closing "---" line'


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """A content file split into its front-matter entries and its Markdown body."""

    entries: dict[str, tuple[int, yaml.Node]]  #: key -> (file line, value node)
    body: str
    body_line: int  #: file line of the body's first character (the closing "---" line)
    where: Where


def decode(source: SourceFile) -> tuple[str | None, list[Problem]]:
    """UTF-8 text with any BOM dropped and CRLF/CR turned into LF."""
    data = source.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        offset = error.start
        line = len(split_lines(data[:offset].decode("utf-8", "replace")))
        byte = data[offset : offset + 1].hex()
        return None, [
            Problem(
                source.shown,
                line,
                "encoding",
                f"byte 0x{byte} at byte offset {offset} is not UTF-8",
                "a UTF-8 text file",
            )
        ]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def _never_closed(source: SourceFile, text: str) -> Problem:
    found = unclosed_front_matter(text.split("\n"))
    if found is None:
        return Problem(source.shown, 1, "front matter", "the front matter is never closed", FRONT_MATTER_EXPECTED)
    line, advice = found
    return Problem(source.shown, line, "front matter", f"the front matter is never closed: {advice}")


def split(source: SourceFile) -> tuple[FrontMatter | None, list[Problem]]:
    """Split a content file; report a missing, unterminated or non-mapping front matter."""
    text, problems = decode(source)
    if text is None:
        return None, problems
    if not text.strip():
        return None, [Problem(source.shown, 1, "front matter", "the file is empty", FRONT_MATTER_EXPECTED)]
    if not _HANDLER.detect(text) or not text.startswith("---"):
        return None, [
            Problem(source.shown, 1, "front matter", "the file does not start with front matter", FRONT_MATTER_EXPECTED)
        ]
    parts = _HANDLER.FM_BOUNDARY.split(text, 2)
    if len(parts) < 3:
        return None, [_never_closed(source, text)]
    _, block, body = parts
    where = Where(source.shown, 1, LineIndex.of(block))  # the block starts on the "---" line itself
    root, problems = compose(block, where, "front matter")
    if problems:
        return None, problems
    body_line = 1 + block.count("\n")
    if root is None:
        return FrontMatter({}, body, body_line, where), []
    if not isinstance(root, yaml.MappingNode):
        return None, [where.problem(root, "front matter", "is not a set of keys", FRONT_MATTER_EXPECTED)]
    entries, problems = mapping_entries(root, where)
    return FrontMatter(entries, body, body_line, where), problems
