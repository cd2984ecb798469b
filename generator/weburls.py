"""The one check for URLs an editor writes that the site links to as they are:
`base_url` (site.toml and `--base-url`) and live.yaml's `url`."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

#: Browsers read a backslash as "/" ("/\\host" is another host), and drop or mangle
#: white space and control characters: none of them belongs in such a URL.
_UNSAFE = re.compile(r"[\\\s\x00-\x1f\x7f]")


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
