"""`generator new`: a new release file with valid front matter."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from generator.config import SiteConfig
from generator.content.fields import parse_release
from generator.errors import UsageError
from generator.model import SourceFile
from generator.slugs import slugify

#: What JSON leaves as it is but YAML does not read back as written: characters YAML refuses
#: (DEL, C1 controls, U+FFFE/U+FFFF), its line breaks (NEL, U+2028, U+2029), and a BOM.
_NOT_YAML_AS_IS = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def _quoted(value: str) -> str:
    """`value` as a YAML double-quoted scalar that reads back exactly as `value`."""
    return _NOT_YAML_AS_IS.sub(lambda m: f"\\u{ord(m[0]):04x}", json.dumps(value, ensure_ascii=False))


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
        f"title: {_quoted(new.title)}",
        f"type: {kind.name}",
        f"office: {_quoted(new.office)}",
        f"date: {moment.isoformat()}",
        f"tags: [{', '.join(_quoted(t) for t in new.tags)}]",
        "---",
        "Write the release here.",
        "",
    ]
    return "\n".join(lines)


def create_release(site_root: Path, shown_root: str, new: NewRelease, config: SiteConfig, now: datetime) -> Path:
    """Write content/releases/<slug>.md (the title through the slug rule, so at most
    SLUG_MAX_BYTES before ".md"); never overwrites. Returns the path written."""
    slug = slugify(new.title)
    if not slug:
        raise UsageError(f'the title "{new.title}" has no letters or digits to make a file name from')
    relative = f"releases/{slug}.md"
    path = site_root / "content" / relative
    shown = f"{shown_root.rstrip('/')}/content/{relative}" if shown_root else f"content/{relative}"
    text = release_text(new, config, now)
    parsed, problems = parse_release(SourceFile(shown=shown, relative=relative, data=text.encode()), config)
    if parsed is None:
        raise UsageError("; ".join(str(p) for p in problems))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:  # a file where a folder should be, or no permission
        raise UsageError(f"{shown}: cannot be written: {error.strerror or error} ({error.filename})") from None
    try:
        with open(path, "x", encoding="utf-8") as stream:
            stream.write(text)
    except FileExistsError:
        raise UsageError(f"{shown} already exists; choose another title or edit that file") from None
    except OSError as error:
        raise UsageError(f"{shown}: cannot be written: {error.strerror or error}") from None
    return path
