"""sitemap.xml (the sitemaps.org protocol) and robots.txt. Pure: URLs in, bytes out.

At most SITEMAP_LIMIT URLs go in one sitemap file; a larger site gets a
sitemap index at /sitemap.xml and its URLs in /sitemap-1.xml, /sitemap-2.xml, ...
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from generator.render.xmltext import text, uri

#: The protocol's limit of URLs per sitemap file (tests lower it).
SITEMAP_LIMIT = 50_000
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


@dataclass(frozen=True, slots=True)
class SitemapUrl:
    """One page (or, in an index, one sitemap file): its site-relative URL and when it last
    changed, as a W3C datetime ("" if unknown)."""

    url: str
    lastmod: str


def sitemap_files(urls: Sequence[SitemapUrl], limit: int) -> list[tuple[str, tuple[SitemapUrl, ...]]]:
    """(file, its URLs): one sitemap.xml, or an index's parts sitemap-1.xml, ... of at most `limit` URLs."""
    if len(urls) <= limit:
        return [("sitemap.xml", tuple(urls))]
    starts = range(0, len(urls), limit)
    return [(f"sitemap-{n + 1}.xml", tuple(urls[start : start + limit])) for n, start in enumerate(starts)]


def _lastmod(lastmod: str) -> str:
    return f"<lastmod>{lastmod}</lastmod>" if lastmod else ""


def urlset(urls: Sequence[SitemapUrl], absolute_url: Callable[[str], str]) -> bytes:
    lines = ['<?xml version="1.0" encoding="utf-8"?>', f'<urlset xmlns="{SITEMAP_NS}">']
    lines += [f"<url><loc>{text(uri(absolute_url(u.url)))}</loc>{_lastmod(u.lastmod)}</url>" for u in urls]
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode()


def sitemap_index(parts: Sequence[SitemapUrl], absolute_url: Callable[[str], str]) -> bytes:
    """The index of the sitemap files (`parts`: each file with the newest lastmod of its URLs)."""
    lines = ['<?xml version="1.0" encoding="utf-8"?>', f'<sitemapindex xmlns="{SITEMAP_NS}">']
    lines += [f"<sitemap><loc>{text(uri(absolute_url(p.url)))}</loc>{_lastmod(p.lastmod)}</sitemap>" for p in parts]
    lines.append("</sitemapindex>")
    return ("\n".join(lines) + "\n").encode()


def robots_txt(sitemap_url: str) -> bytes:
    """Everything may be crawled; the sitemap is named."""
    return f"User-agent: *\nDisallow:\n\nSitemap: {uri(sitemap_url)}\n".encode()
