"""/releases.json: every published release as data, for other sites, apps and the press
office's own tools. Pure: releases in, bytes out."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from generator.config import SiteConfig
from generator.model import Release
from generator.render.xmltext import uri, w3c_datetime

#: Bump when the shape of releases.json changes (it is in the file, for its readers).
FORMAT_VERSION = 1


def release_record(release: Release, absolute_url: Callable[[str], str]) -> dict[str, object]:
    return {
        "title": release.title,
        "url": uri(absolute_url(release.url)),
        "type": release.type.label,
        "office": release.office.name,
        "date": w3c_datetime(release.date),
        "updated": w3c_datetime(release.last_modified),
        "tags": [tag.name for tag in release.tags],
        "summary": release.summary,
        "archived": release.archived,
        "expires": w3c_datetime(release.expires) if release.expires else None,
    }


def releases_json(releases: Sequence[Release], config: SiteConfig, absolute_url: Callable[[str], str]) -> bytes:
    """{"version", "site", "url", "releases": [...]}, newest first; URLs are absolute when
    base_url is (else site paths)."""
    payload = {
        "version": FORMAT_VERSION,
        "site": config.title,
        "url": uri(absolute_url("")),
        "releases": [release_record(r, absolute_url) for r in releases],
    }
    return (json.dumps(payload, ensure_ascii=False, indent=1) + "\n").encode()
