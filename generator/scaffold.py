"""`generator new`: a new release file with valid front matter."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from generator.config import SiteConfig
from generator.errors import UsageError
from generator.model import SourceFile
from generator.releases import parse_release
from generator.slugs import slugify


@dataclass(frozen=True)
class NewRelease:
    title: str
    type: str
    office: str
    tags: tuple[str, ...] = ()
    date: datetime | None = None  #: default: now in the site's time zone


def release_text(new: NewRelease, config: SiteConfig, now: datetime) -> str:
    """The file's text; raises UsageError for an unknown type (listing the valid ones)."""
    kind = config.type_named(new.type)
    if kind is None:
        names = ", ".join(f'"{t.name}"' for t in config.types)
        raise UsageError(f'"{new.type}" is not a release type of this site (expected one of {names})')
    moment = new.date or now.astimezone(config.zone).replace(microsecond=0)
    lines = [
        "---",
        f"title: {json.dumps(new.title, ensure_ascii=False)}",
        f"type: {kind.name}",
        f"office: {json.dumps(new.office, ensure_ascii=False)}",
        f"date: {moment.isoformat()}",
        f"tags: [{', '.join(json.dumps(t, ensure_ascii=False) for t in new.tags)}]",
        "---",
        "Write the release here.",
        "",
    ]
    return "\n".join(lines)


def create_release(site_root: Path, shown_root: str, new: NewRelease, config: SiteConfig, now: datetime) -> Path:
    """Write content/releases/<slug>.md; never overwrites. Returns the path written."""
    slug = slugify(new.title)
    if not slug:
        raise UsageError(f'the title "{new.title}" has no letters or digits to make a file name from')
    relative = f"releases/{slug}.md"
    path = site_root / "content" / relative
    shown = f"{shown_root.rstrip('/')}/content/{relative}" if shown_root else f"content/{relative}"
    text = release_text(new, config, now)
    parsed, problems = parse_release(SourceFile(shown, relative, text.encode()), config)
    if parsed is None:
        raise UsageError("; ".join(str(p) for p in problems))
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8") as stream:
            stream.write(text)
    except FileExistsError:
        raise UsageError(f"{shown} already exists; choose another title or edit that file") from None
    return path
