"""Text for XML outputs (Atom feeds, sitemaps): escaped, without the characters XML 1.0
forbids, and URLs and datetimes in the forms those formats require."""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import quote, urlsplit, urlunsplit

#: Characters XML 1.0 does not allow at all (a Markdown body may contain them).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: What stays as it is in a URL path (everything else is percent-encoded, "%" kept as written).
_PATH_SAFE = "/:@!$&'()*+,;=~-._%"


def text(value: str) -> str:
    """Element content: &, < and > escaped (as xml.sax.saxutils.escape does, without importing
    urllib.request with it)."""
    return _NOT_XML.sub("", value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attribute(value: str) -> str:
    """A double-quoted attribute value, quotes and all; white space other than spaces kept as character references."""
    escaped = text(value).replace('"', "&quot;")
    return '"' + escaped.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;") + '"'


#: A URL that `uri` gives back as it is: a lowercase scheme and a host, or a path from the root
#: (not "//"), then only characters its path keeps; no query or fragment.
_AS_IS = re.compile(r"(?:[a-z][a-z0-9+.-]*://[A-Za-z0-9.:@-]+|(?=/[^/]|/$))[A-Za-z0-9/:@!$&'()*+,;=~._%-]*")


def uri(url: str) -> str:
    """An absolute URL as sitemaps and feeds want it: the path percent-encoded (slugs may
    hold non-ASCII letters)."""
    return url if _AS_IS.fullmatch(url) else encoded_uri(url)  # most URLs of a site need no parsing


def encoded_uri(url: str) -> str:
    """`uri` the long way, for every URL."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=quote(parts.path, safe=_PATH_SAFE)))


def w3c_datetime(moment: datetime) -> str:
    """W3C datetime / RFC 3339 with its offset, to the second: 2024-05-02T14:30:00-04:00."""
    return moment.isoformat(timespec="seconds")
