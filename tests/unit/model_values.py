"""Model values built in memory for unit tests, with keyword arguments only (as the model's
constructors require)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

from generator.config import SiteConfig
from generator.model import Page, Release, ReleaseType, Term
from generator.slugs import slugify

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
MEDIA_NOTE = ReleaseType(name="media note", label="Media Note", plural="Media Notes", slug="media-note")
READOUT = ReleaseType(name="readout", label="Readout", plural="Readouts", slug="readout")
SPOKESPERSON = Term(name="Office of the Spokesperson", slug="office-of-the-spokesperson")
CONFIG = SiteConfig(title="Ministry Press", base_url="https://example.org/press/", description="News of the Ministry.")


def absolute_url(path: str = "") -> str:
    """A site path's full URL under CONFIG, as the renderer makes it."""
    return urljoin(CONFIG.base_url, CONFIG.base_path + path)


def term(name: str) -> Term:
    return Term(name=name, slug=slugify(name))


def at(text: str) -> datetime:
    """A moment written as ISO 8601, "Z" for UTC."""
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def release(slug: str, date: str = "2026-05-02T09:00:00Z", **fields: Any) -> Release:
    """A release at content/releases/<slug>.md; `tags` may be given as names."""
    tags = fields.pop("tags", ())
    values: dict[str, Any] = {
        "source": f"content/releases/{slug}.md",
        "relative": f"releases/{slug}.md",
        "slug": slug,
        "title": f"Release {slug}",
        "type": MEDIA_NOTE,
        "office": SPOKESPERSON,
        "date": at(date),
        "date_only": False,
        "tags": tuple(term(t) if isinstance(t, str) else t for t in tags),
        "summary": f"The summary of {slug}.",
        "body_html": f"<p>The body of {slug}.</p>\n",
        "digest": f"digest of {slug}",
    }
    values.update(fields)
    return Release(**values)


def page(slug: str, **fields: Any) -> Page:
    values: dict[str, Any] = {
        "source": f"content/pages/{slug}.md",
        "relative": f"pages/{slug}.md",
        "slug": slug,
        "title": slug.title(),
        "body_html": f"<p>{slug}</p>\n",
    }
    values.update(fields)
    return Page(**values)
