"""content/live.yaml -> live events, and the live.json the theme's script reads."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

import yaml

from generator.content.front_matter import decode
from generator.content.yamlnodes import Where, compose, mapping_entries, text, unknown_keys, when
from generator.errors import Problem
from generator.lines import LineIndex
from generator.model import LiveEvent, SourceFile
from generator.weburls import web_url_problem

EVENT_KEYS = ("title", "url", "starts", "ends", "label")
LIST_EXPECTED = "a list of events, each with title, url, starts and ends"
URL_EXPECTED = "an http(s) URL or a site path starting with /"


def parse_live(source: SourceFile, zone: ZoneInfo, label: str = "Live Now") -> tuple[list[LiveEvent], list[Problem]]:
    """Every event in live.yaml, or the problems that make some of them invalid; `label`: an
    event's label when it gives none (the site's word for "Live Now")."""
    content, problems = decode(source)
    if content is None:
        return [], problems
    where = Where(source.shown, 1, LineIndex.of(content))
    root, problems = compose(content, where, "live.yaml")
    if root is None:
        return [], problems
    if not isinstance(root, yaml.SequenceNode):
        return [], [where.problem(root, "live.yaml", "is not a list", LIST_EXPECTED)]
    events = []
    for node in root.value:
        event = _event(node, where, zone, problems, label)
        if event is not None:
            events.append(event)
    return events, problems


def _event(node: yaml.Node, where: Where, zone: ZoneInfo, problems: list[Problem], label: str) -> LiveEvent | None:
    if not isinstance(node, yaml.MappingNode):
        problems.append(where.problem(node, "event", "is not a set of keys", LIST_EXPECTED))
        return None
    before = len(problems)
    entries, found = mapping_entries(node, where)
    problems += found + unknown_keys(entries, EVENT_KEYS, where)
    for key in ("title", "url", "starts", "ends"):
        if key not in entries:
            problems.append(where.problem(node, key, "is missing", f"a {key}: key in each event"))
    values = {k: text(entries[k][1], k, where, problems) for k in ("title", "url", "label") if k in entries}
    starts = when(entries["starts"][1], "starts", where, zone, problems) if "starts" in entries else None
    ends = when(entries["ends"][1], "ends", where, zone, problems) if "ends" in entries else None
    url = values.get("url")
    reason = web_url_problem(url) if url is not None else ""
    if reason:
        problems.append(where.problem(entries["url"][1], "url", f'"{url}" {reason}', URL_EXPECTED))
    if starts and ends and ends[0].timestamp() <= starts[0].timestamp():
        problems.append(where.problem(entries["ends"][1], "ends", "is not after starts", "an end after the start"))
    if any(p.severity == "error" for p in problems[before:]):
        return None
    assert starts and ends and values.get("title") and url
    return LiveEvent(
        title=values["title"] or "", url=url, starts=starts[0], ends=ends[0], label=values.get("label") or label
    )


def live_json(events: Sequence[LiveEvent], now: datetime) -> bytes:
    """All current and upcoming events, for the banner script to show on the visitor's clock."""
    payload = {
        "events": [
            {
                "title": e.title,
                "url": e.url,
                "label": e.label,
                "starts": e.starts.isoformat(),
                "ends": e.ends.isoformat(),
            }
            for e in events
            if e.ends > now
        ]
    }
    return (json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()
