"""URLs as a browser reads them: the one check for URLs an editor writes that the site links
to as they are (`base_url`, `--base-url`, live.yaml's `url`), and where a link written on a
page leads (`url_path`, `same_site`), which the link resolver and the leak audit share."""

from __future__ import annotations

import html
import re
from urllib.parse import unquote, urlsplit

#: Browsers read a backslash as "/" ("/\\host" is another host), and drop or mangle
#: white space and control characters: none of them belongs in such a URL.
_ATTRIBUTE_NAME = re.compile(r"^[\w:.-]+=")
_UNQUOTED = re.compile(r"[\"'<> `]")
_UNSAFE = re.compile(r"[\\\s\x00-\x1f\x7f]")


def served_file(url: str) -> str:
    """The output file that serves a site-relative URL: a folder's (one ending in "/", or "",
    the home page) is its `index.html`; any other URL is a file itself."""
    return url + "index.html" if url == "" or url.endswith("/") else url


def web_url_problem(url: str, plain: bool = False) -> str:
    """Why `url` is neither an http(s) URL with a host nor a path from this site's root
    (one leading "/", not "//host"); "" when it is one. `plain`: no query or fragment
    either (a base URL, which paths are appended to). Never raises."""
    if _UNSAFE.search(url):
        return "has a backslash, white space or a control character"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (a port out of range raises only when asked for)
    except ValueError as error:
        return f"is not a valid URL ({error})"
    if parts.scheme in ("http", "https"):
        if not parts.hostname:
            return "has no host name"
    elif parts.scheme or parts.netloc or not url.startswith("/") or url.startswith("//"):
        return 'is not an http(s) URL or a path starting with a single "/"'
    if plain and (parts.query or parts.fragment or "?" in url or "#" in url):
        return "has a query or a fragment"
    return ""


def link_value(written: str) -> str:
    """The URL a link token (`href="..."`, `/releases/x/`) holds, as a browser reads it: the
    attribute name and quotes off, character references decoded, tabs and line breaks dropped,
    `\\` as `/`."""
    value = re.sub(r"[\t\n\r]", "", html.unescape(_ATTRIBUTE_NAME.sub("", written.strip())))
    # A reference may have spelled the quotes around it: `&#34;/releases/x/&#34;`.
    return _UNQUOTED.split(value.strip("\"'<> `"))[0].replace("\\", "/")


def url_path(written: str, page: str) -> str | None:
    """The lowered path a link written on the page at site path `page` leads to, as a browser
    and a web server read it: character references and percent-escapes decoded (once), `\\`
    as `/`, tabs and line breaks dropped, relative links resolved against the page, dot
    segments removed, repeated slashes as one; query and fragment left out. None for a link
    to something else than a web page (mailto:, data:, ...)."""
    try:
        parts = urlsplit(link_value(written))
    except ValueError:
        return None
    if parts.scheme and parts.scheme.lower() not in ("http", "https"):
        return None
    path = unquote(parts.path, errors="replace")
    if not (parts.scheme or parts.netloc) and not path.startswith("/"):
        path = page.rsplit("/", 1)[0] + "/" + (path or page.rsplit("/", 1)[1])
    return remove_dot_segments(re.sub("/+", "/", path or "/")).lower()


def remove_dot_segments(path: str) -> str:
    """RFC 3986 section 5.2.4 on an absolute path: `/a/./b/../c` is `/a/c`; never above `/`."""
    segments = path.split("/")[1:]
    kept: list[str] = []
    for segment in segments:
        if segment == "..":
            if kept:
                kept.pop()
        elif segment != ".":
            kept.append(segment)
    if segments and segments[-1] in (".", ".."):
        kept.append("")
    return "/" + "/".join(kept)


def same_site(url: str, base_url: str) -> bool:
    """Is an absolute or scheme-relative http(s) URL on the host of base_url (any case, http
    or https: a static host serves both, a default port written or not)? False for paths
    and other schemes."""
    try:
        link, site = urlsplit(url.strip()), urlsplit(base_url)
        if not link.netloc or (link.scheme and link.scheme.lower() not in ("http", "https")):
            return False
        ports = {site.port} if site.port else {None, 80, 443}
        return (link.hostname or "") == (site.hostname or "") and link.port in ports
    except ValueError:
        return False
