"""A grammar of hostile site folders and the checks every build of one must pass.

`sites()` draws a whole site folder: `site.toml`, `content/live.yaml`, releases
(front matter, Markdown bodies, file names), plain pages, files and templates,
with the hostile inputs editors and attackers produce (markup and script in
every field, `javascript:`/`data:` URLs in any case or encoding, footnotes vs
headings named `fn1`, slugs such as `page` or `../x`, very long and CJK titles,
NEL/U+2028/U+2029, invalid YAML and TOML, deep nesting, malformed `base_url`,
bad time zones, unknown keys, aliases clashing with generated files, drafts,
scheduled and expired releases spelling tags and offices differently, failing
templates, non-UTF-8 bytes, BOM, CRLF). Each hidden release (a draft, or dated
after `NOW`) carries a unique marker word in its title, so its traces can be
looked for in every output byte.

`problems_of_output()` is the oracle for a build that exited 0.

Not drawn on purpose: `allow_html = true` (it passes raw HTML through by
design, for trusted editors) and templates that put values in unquoted
attributes or scripts (a site's own templates are trusted code).

KNOWN_OPEN names the parts of the grammar whose failures other branches are
fixing (see docs/fuzz-findings.md). They stay in the grammar and are drawn when
`FUZZ_ALL=1` (or those named in FUZZ_OPEN=a,b); the default run leaves them out until the lead
empties the set.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import unicodedata
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup
from hypothesis import strategies as st

from generator.slugs import is_slug, slugify

NOW = "2026-11-28T12:00:00+00:00"

#: Grammar parts that find failures other branches are fixing; the lead empties this after merging them.
KNOWN_OPEN: frozenset[str] = frozenset()


def enabled(part: str) -> bool:
    """Whether the grammar draws `part` in this run: every part with FUZZ_ALL=1, the named
    ones with FUZZ_OPEN=part,part (e.g. to check a branch that fixes them)."""
    chosen = os.environ.get("FUZZ_OPEN", "").split(",")
    return part not in KNOWN_OPEN or os.environ.get("FUZZ_ALL") == "1" or part in chosen


def gated(part: str, strategy: st.SearchStrategy[str]) -> list[st.SearchStrategy[str]]:
    return [strategy] if enabled(part) else []


#: Inputs that are errors. An example draws none (two times in three: the site builds and its
#: output is checked) or a few (the build then usually fails, cleanly); hostile but valid values in every example.
FAULTS = (
    "bad_date",
    "bad_type",
    "bad_slug",
    "bad_yaml",
    "bad_field",
    "bad_encoding",
    "bad_file_name",
    "bad_toml",
    "bad_setting",
    "bad_live",
    "bad_template",
)
Faults = frozenset[str]


# ---------------------------------------------------------------- text values

LONG_TITLE = "Statement on the " + "very " * 56 + "long title"  # about 300 characters
CJK_TITLE = "外務省報道官談話" * 12 + "声明"  # 98 CJK characters
HOSTILE_TEXT = [
    "<img src=x onerror=alert(1)>",
    '"><script>alert(1)</script>',
    "</script><script>alert(1)</script>",
    "' onmouseover='alert(1)",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "{{ 7*7 }}",
    "{% raw %}",
    "]]>",
    "-->",
    "&amp; &lt;b&gt; &#34;",
    "\\",
    '"',
    "C++",
    "C",
    "Côte d’Ivoire",
    "COTE D'IVOIRE",
    "Straße",
    "STRASSE",
    "fn1",
    "page",
    "x\u2028y",
    "x\u2029y",
    "x\x85y",
    "\u202eevil",
    "\ufeffbom",
    "tab\there",
    "null\x00byte",
    "esc\x1bbyte",
    LONG_TITLE,
    CJK_TITLE,
]
WORDS = ["Norland", "Alpha", "Maritime Security", "Fisheries", "Office of the Spokesperson", "Bureau of Fisheries"]


def variants(name: str) -> st.SearchStrategy[str]:
    """Spellings that fold to one name: case, accents, spacing."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode() or name
    return st.sampled_from([name, name.upper(), name.lower(), plain, "  ".join(name.split())])


def texts(slugged: bool = False) -> st.SearchStrategy[str]:
    """A field value: a hostile string, a name in some spelling, random Unicode, or a mix.
    `slugged`: the value names a URL (a tag, an office), so the 300-character and CJK titles are
    drawn only with the part "long_slugs"."""
    hostile = [t for t in HOSTILE_TEXT if enabled("long_slugs") or not slugged or len(t.encode()) < 200]
    one = st.one_of(
        st.sampled_from(hostile),
        st.sampled_from(WORDS).flatmap(variants),
        st.text(st.characters(exclude_categories=("Cs", "Cc", "Co", "Cn")), min_size=1, max_size=12),
    )
    return st.lists(one, min_size=1, max_size=3).map(" ".join)


@st.composite
def yaml_scalar(draw: st.DrawFn, value: str, faults: Faults = frozenset()) -> str:
    """`value` as YAML: JSON-escaped, raw in double quotes, single-quoted, or (a fault) plain, which may not parse."""
    style = draw(st.sampled_from(["json", "raw", "single", *(["plain"] * 3 * ("bad_yaml" in faults))]))
    if style == "single" and value.isprintable():
        return "'" + value.replace("'", "''") + "'"
    return value if style == "plain" else yaml_quoted(value, ascii=style == "json")


def yaml_quoted(value: str, ascii: bool = True) -> str:
    """A YAML double-quoted string; astral characters as \\U escapes (JSON's surrogate pairs are not YAML)."""

    def escape(c: str) -> str:
        if c in '"\\':
            return "\\" + c
        if c.isprintable() and (c.isascii() or not ascii):
            return c
        return f"\\u{ord(c):04x}" if ord(c) < 0x10000 else f"\\U{ord(c):08x}"

    return '"' + "".join(escape(c) for c in value) + '"'


def toml_string(value: str) -> str:
    """A TOML basic string; astral characters raw (JSON's surrogate escapes are not TOML)."""
    escaped = "".join(c if c.isprintable() and c not in '"\\' else f"\\u{ord(c):04x}" for c in value)
    return f'"{escaped}"'


# ---------------------------------------------------------------- URLs

BAD_URLS = [
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    "JaVaScRiPt:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "javascript&colon;alert(1)",
    "java%0ascript:alert(1)",
    "vbscript:msgbox(1)",
    "<data:text/html,<script>alert(1)</script>>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "&#100;ata:text/html,x",
    "data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+",
]
DATA_IMAGES = ["data:image/png;base64,iVBORw0KGgo=", "DATA:image/gif;base64,R0lGODlh", "data:image/webp;base64,UklG"]
GOOD_URLS = ["https://example.org/", "/releases/", "mailto:press@example.org", "#fn1", "../files/report.pdf"]


def urls() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(BAD_URLS + GOOD_URLS),
        *gated("data_images", st.sampled_from(DATA_IMAGES)),
        *gated("links_to_files", st.sampled_from(["report.pdf", "photo.png", "../files/missing.pdf"])),
        *gated("links_to_hidden", st.sampled_from(["h0.md", "../releases/h1.md", "/releases/h0/"])),
        *gated("links_to_draft_pages", st.sampled_from(["../pages/later.md", "/later/"])),
    )


# ---------------------------------------------------------------- Markdown bodies


@st.composite
def fragment(draw: st.DrawFn) -> str:
    text = draw(texts()).replace("\n", " ")
    url = draw(urls())
    shown = draw(st.sampled_from(BAD_URLS + GOOD_URLS))  # where a URL is text (raw HTML, an autolink of a path)
    kinds = [
        lambda: text,
        lambda: f"[{text}]({url})",
        lambda: f"![{text}]({url})",
        lambda: f"<{shown}>",
        lambda: f"[ref]\n\n[ref]: {url}",
        lambda: f'<a href="{shown}" onclick="alert(1)">raw</a> <script>alert(1)</script> <img src=x onerror=alert(1)>',
        lambda: f"## {text}",
        lambda: "```\n" + text + "\n```",
        lambda: f"| a | b |\n| --- | --- |\n| {text} | [x]({url}) |",
        lambda: ">" * draw(st.integers(1, 300)) + " deep",
        lambda: "[" * draw(st.integers(1, 3000)) + "x",
        lambda: "- " * draw(st.integers(1, 200)) + "item",
        lambda: "{{ 7*7 }} {% if true %}x{% endif %}",
    ]
    if enabled("footnote_ids"):
        kinds += [
            lambda: "## fn1\n\nA claim.[^1]\n\n[^1]: The source.",
            lambda: "# fnref1\n\n## fn1\n\nNote[^fn1] again[^1].\n\n[^fn1]: x\n\n[^1]: y",
            lambda: "## Tags heading\n\n## Main\n\n## fn1",
        ]
    return draw(st.sampled_from(kinds))()


def bodies() -> st.SearchStrategy[str]:
    return st.lists(fragment(), max_size=5).map("\n\n".join)


# ---------------------------------------------------------------- front matter

TYPES = ["media note", "MEDIA NOTE", "Media  Note", "press statement", "readout"]
PUBLIC_DATES = ["2024-05-02", "2024-05-02T10:00:00+02:00", "2024-05-02T10:00:00", "2025-12-31T23:59:59-12:00"]
BAD_DATES = ["2023-02-30", "yesterday", "2024-13-01", "2024-05-02T25:61:00", "[2024]"]
FUTURE_DATES = ["2027-01-15T09:00:00+00:00", "2026-11-28T12:00:01+00:00", "2030-01-01"]
SLUGS = ["page", "index", "search", "tags", "feed", "中文", "fn1", "releases"]
BAD_SLUGS = ["../x", "a/b", "feed.xml", "Hello World", ""]
ALIASES = [
    "/releases/old-name/",
    "releases/older",
    "/statements/2019/old.html",
    "/search/",
    "/tags/",
    "/index.html",
    "/404.html",
    "/pagefind/x/",
]
#: Aliases under a file the build writes (output-safety branch: an error naming both).
CLASHING_ALIASES = ["/feed.xml/x/", "/releases.json/x/", "/sitemap.xml/y.html", "/theme/style.css/", "/live.json/x/"]
BAD_ALIASES = ["//evil.example/x/", "javascript:alert(1)", "/x.php", "../x"]


@dataclass(frozen=True)
class FrontMatter:
    lines: list[str] = field(default_factory=list)

    def text(self) -> str:
        return "---\n" + "\n".join(self.lines) + "\n---\n"


@st.composite
def yaml_list(draw: st.DrawFn, items: st.SearchStrategy[str], faults: Faults) -> str:
    values = draw(st.lists(items, max_size=4))
    style = draw(st.sampled_from(["flow", "block", "single"]))
    if style == "single" and values:
        return draw(yaml_scalar(values[0], faults))
    if style == "block":
        return "".join("\n  - " + draw(yaml_scalar(v, faults)) for v in values)
    return "[" + ", ".join(draw(yaml_scalar(v, faults)) for v in values) + "]"


def long_slugs() -> list[st.SearchStrategy[str]]:
    return gated("long_slugs", st.sampled_from(["a" * 300, "x-" * 150 + "y", "中" * 100]))


@st.composite
def release_lines(draw: st.DrawFn, title: str, date: str, hidden: bool, faults: Faults) -> list[str]:
    """Front-matter lines; a hidden release keeps its title, date and draft as given."""
    bad = "bad_field" in faults and draw(st.booleans())
    lines = [f"title: {yaml_quoted(title, ascii=draw(st.booleans()))}"]
    kind = st.one_of(st.sampled_from(TYPES), texts(slugged=True)) if "bad_type" in faults else st.sampled_from(TYPES)
    lines.append("type: " + draw(yaml_scalar(draw(kind), faults)))
    office = draw(st.one_of(st.sampled_from(WORDS[4:]).flatmap(variants), texts(slugged=True)))
    lines.append("office: " + draw(yaml_scalar(office, faults)))
    lines.append(f"date: {date}")
    if draw(st.booleans()):
        tags = st.one_of(st.sampled_from(WORDS).flatmap(variants), texts(slugged=True))
        lines.append("tags: " + draw(yaml_list(tags, faults)))
    if draw(st.booleans()):
        lines.append("summary: " + draw(yaml_scalar(draw(texts()), faults)))
    if draw(st.integers(0, 5)) == 0:
        slugs = SLUGS + BAD_SLUGS * 2 if "bad_slug" in faults else SLUGS
        lines.append("slug: " + json.dumps(draw(st.one_of(st.sampled_from(slugs), *long_slugs()))))
    if draw(st.integers(0, 5)) == 0:
        aliases = ALIASES + CLASHING_ALIASES * enabled("alias_clashes") + BAD_ALIASES * bad
        lines.append("aliases: " + draw(yaml_list(st.sampled_from(aliases), faults)))
    later = ["2031-01-01"] if date.startswith(("2026", "2027", "2030")) else ["2026-06-01", "2031-01-01"]
    if draw(st.integers(0, 3)) == 0:
        lines.append("expires: " + draw(st.sampled_from(["2023-01-01", "soon"] if bad else later)))
    if draw(st.integers(0, 4)) == 0:
        lines.append("updated: " + draw(st.sampled_from(["yesterday", "2020-01-01"] if bad else later)))
    if not hidden and draw(st.integers(0, 5)) == 0:
        lines.append("draft: " + draw(st.sampled_from(['"maybe"', "1"] if bad else ["false", "False"])))
    if draw(st.integers(0, 5)) == 0:
        unknown = ["title: again", "- list", "[x"] if bad else ["tgas: [x]", "nested: {a: {b: [1, 2]}}"]
        lines.append(draw(st.sampled_from(unknown)))
    lines = draw(st.permutations(lines))
    if hidden and not any(line.startswith("draft:") for line in lines) and not date.startswith(("2027", "2030")):
        lines.append("draft: true")
    return lines


def encode(text: str, draw: st.DrawFn, faults: Faults) -> bytes:
    """The file's bytes: UTF-8, maybe with a BOM or CRLF/CR line ends; as faults NEL line ends
    (YAML breaks lines there, the front matter's "---" does not) or a byte that is not UTF-8."""
    endings = ["\n", "\n", "\r\n", "\r", *(["\x85"] * ("bad_encoding" in faults))]
    data = text.replace("\n", draw(st.sampled_from(endings))).encode()
    if draw(st.booleans()):
        data = b"\xef\xbb\xbf" + data
    if "bad_encoding" in faults and draw(st.integers(0, 2)) == 0:
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from([b"\xff", b"\xe9", b"\xc3", b"\x80"])) + data[at:]
    return data


# ---------------------------------------------------------------- file names

NAMES = [
    "page",
    "index",
    "feed.xml",
    "a b",
    "ÄÖü",
    "中文",
    "-x",
    ".hidden",
    "UPPER",
    "search",
    "tags",
    "fn1",
    "2024/nested",
    "sub dir/deeper/x",
]


def stems() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(NAMES),
        st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True),
        *gated("long_slugs", st.sampled_from(["n" * 250, "ü" * 120])),
    )


# ---------------------------------------------------------------- whole folder


@dataclass(frozen=True)
class Hidden:
    """What a hidden release or page must never show: its title and marker word, and its URL path."""

    marker: str
    title: str
    path: str  #: "releases/<slug>" or "/<page slug>"; "" when the slug is not valid (the build fails)


@dataclass
class SiteFolder:
    faults: Faults = frozenset()  #: the FAULTS drawn (with them the build usually fails)
    args: tuple[str, ...] = ()  #: more arguments for `generator build`
    files: dict[bytes, bytes] = field(default_factory=dict)
    hidden: dict[bytes, Hidden] = field(default_factory=dict)

    @property
    def shows_hidden(self) -> bool:
        """Built with --drafts --future: hidden releases are shown on purpose."""
        return "--drafts" in self.args

    def add(self, path: bytes, data: bytes, hidden: Hidden | None = None) -> None:
        self.files[path] = data
        self.hidden.pop(path, None)
        if hidden is not None:
            self.hidden[path] = hidden

    def write(self, root: Path) -> None:
        base = os.fsencode(root)
        for name, data in self.files.items():
            path = os.path.join(base, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            if os.path.isdir(path):  # a name drawn both as a file and as a folder: the folder stays
                continue
            with open(path, "wb") as file:
                file.write(data)

    def summary(self) -> str:
        """The folder as text, for hypothesis' report of a failing example."""
        files = "\n".join(f"== {os.fsdecode(k)}\n{v!r}" for k, v in self.files.items())
        return f"faults: {sorted(self.faults)}, arguments: {list(self.args)}\n{files}"


@st.composite
def release_file(draw: st.DrawFn, index: int, hidden: bool, faults: Faults) -> tuple[bytes, bytes, Hidden | None]:
    marker = f"Qzhid{index}x"
    if hidden:
        title = marker + " " + draw(texts())
        date = draw(st.sampled_from(FUTURE_DATES + PUBLIC_DATES))
    else:
        title = draw(texts())
        date = draw(st.sampled_from(PUBLIC_DATES + BAD_DATES if "bad_date" in faults else PUBLIC_DATES))
    lines = draw(release_lines(title, date, hidden, faults))
    stem = f"h{index}" if hidden and draw(st.booleans()) else draw(stems())
    name = os.fsencode(f"content/releases/{stem}.md")
    if "bad_file_name" in faults and draw(st.booleans()):
        name = name.replace(b".md", b"\xff.md")
    body = draw(bodies())
    data = encode(FrontMatter(lines).text() + body + "\n", draw, faults)
    if not hidden:
        return name, data, None
    given = [json.loads(line[6:]) for line in lines if line.startswith("slug: ")]
    slug = given[0] if given else slugify(os.fsdecode(name).rsplit("/", 1)[-1][:-3])
    return name, data, Hidden(marker, title, f"releases/{slug}" if is_slug(slug) else "")


BASE_URLS = ["https://press.example.org/", "https://press.example.org/sub/", "/", "/press/", "http://localhost:8000/x/"]
BAD_BASE_URLS = [
    "http://[oops/",
    "/\\evil.example/",
    "//evil.example/",
    "javascript:alert(1)",
    "ftp://example.org/",
    "https://exa mple.org/",
    "",
]
TIMEZONES = ["UTC", "Europe/Oslo", "Asia/Tokyo", "Pacific/Kiritimati", "America/St_Johns"]
BAD_TIMEZONES = ["Mars/Olympus", "", "../../etc/passwd", "UTC+5", "Europe/Oslo\x00"]


@st.composite
def site_toml(draw: st.DrawFn, faults: Faults) -> bytes:
    bad = "bad_setting" in faults
    lines = []
    for key in ("title", "description", "organization"):
        if draw(st.booleans()):
            lines.append(f"{key} = {toml_string(draw(texts()))}")
    if draw(st.integers(0, 3)) > 0:
        lines.append(f"base_url = {toml_string(draw(st.sampled_from(BASE_URLS + BAD_BASE_URLS * bad)))}")
    if draw(st.booleans()):
        lines.append(f"timezone = {toml_string(draw(st.sampled_from(TIMEZONES + BAD_TIMEZONES * bad)))}")
    if draw(st.booleans()):
        lines.append("language = " + toml_string(draw(st.sampled_from(["en", "de", "ar", "zh-Hant", "nb"]))))
    numbers = ["1", "2", "3", "1000"] + ["0", "-5", "100000000000000000000", '"x"'] * bad
    for key in ("per_page", "home_count", "related_count"):
        if draw(st.integers(0, 3)) == 0:
            lines.append(f"{key} = " + draw(st.sampled_from(numbers)))
    lines.append("search = " + draw(st.sampled_from(["true", "false", "false", *(['"no"'] * bad)])))
    lines.append("allow_html = false")
    if draw(st.integers(0, 3)) == 0:
        lines.append("tilte = 'an unknown key is a warning'")
    if draw(st.integers(0, 3)) == 0:
        for name in ("media note", "press statement", "readout"):  # hostile labels for the drawn types
            lines.append(f"[[types]]\nname = {toml_string(name)}\nlabel = {toml_string(draw(texts()))}")
            lines.append(f"plural = {toml_string(draw(texts()))}")
    if "bad_toml" in faults:
        depth = draw(st.integers(1, 5000))
        lines.append(
            draw(
                st.sampled_from(
                    [
                        "x = " + "[" * depth + "]" * depth,
                        "[" + ".".join(["a"] * depth) + "]",
                        "x = " + "{a = " * min(depth, 2000) + "1" + "}" * min(depth, 2000),
                        "title = ",
                        "title = 'a' 'b'",
                        "[[types]]\nname = 1",
                        "= 3",
                        'title = "again"\ntitle = "twice"',
                    ]
                )
            )
        )
    return encode("\n".join(lines) + "\n", draw, faults)


LIVE_URLS = ["https://video.example.org/live", "/live/", "http://example.org/x?a=1&b=<2>"]


@st.composite
def live_yaml(draw: st.DrawFn, faults: Faults) -> bytes:
    bad = "bad_live" in faults
    events = []
    for _ in range(draw(st.integers(0, 3))):
        url = draw(st.sampled_from(LIVE_URLS + (BAD_URLS + ["http://[oops/", "//evil.example/"]) * bad))
        starts = draw(st.sampled_from(["2026-11-28T11:00:00+00:00", "2026-11-27T00:00:00Z", *(["soon"] * bad)]))
        ends = draw(
            st.sampled_from(["2026-11-28T13:00:00+00:00", "2026-12-01T00:00:00+00:00", *(["x", "2026-11-26"] * bad)])
        )
        label = f"\n  label: {draw(yaml_scalar(draw(texts()), faults))}" if draw(st.booleans()) else ""
        events.append(
            f"- title: {draw(yaml_scalar(draw(texts()), faults))}\n  url: {json.dumps(url)}\n  starts: {starts}\n"
            f"  ends: {ends}{label}"
        )
    text = "\n".join(events)
    if bad and draw(st.booleans()):
        text = draw(st.sampled_from(["{a: [", "just text", "- [1, 2]", "title: x", "- title: x\n\turl: /"]))
    return encode(text + "\n", draw, faults)


GOOD_TEMPLATES = {
    "templates/release.html": [
        '{% extends "base.html" %}\n{% block main %}\n<h1 title="{{ release.title }}">{{ release.title }}</h1>\n'
        "<p>{{ release.summary }}</p>\n{{ body }}\n{% endblock %}\n",
    ],
    "templates/404.html": ['{% extends "base.html" %}{% block main %}<p>Gone</p>{% endblock %}'],
}
BAD_TEMPLATES = {
    "templates/release.html": [
        '{% extends "base.html" %}{% block main %}{{ 1/0 }}{% endblock %}',
        '{% extends "base.html" %}{% block main %}{% if %}{% endblock %}',
        '{% extends "base.html" %}{% block main %}{{ release.no_such_field }}{% endblock %}',
        '{% extends "base.html" %}{% block main %}{% include "partials/missing.html" %}{% endblock %}',
    ],
    "templates/404.html": ["{{ 1/0 }}", "{% for %}"],
}


@st.composite
def templates(draw: st.DrawFn, faults: Faults) -> dict[bytes, bytes]:
    kinds = BAD_TEMPLATES if "bad_template" in faults else GOOD_TEMPLATES
    chosen = draw(st.lists(st.sampled_from(sorted(kinds)), min_size="bad_template" in faults, max_size=2, unique=True))
    # A template that is not UTF-8 is drawn only with the part "non_utf8_templates".
    own = faults if enabled("non_utf8_templates") else faults - {"bad_encoding"}
    return {name.encode(): encode(draw(st.sampled_from(kinds[name])), draw, own) for name in chosen}


@st.composite
def sites(draw: st.DrawFn) -> SiteFolder:
    faults: Faults = (
        frozenset(draw(st.lists(st.sampled_from(FAULTS), max_size=2))) if draw(st.integers(0, 2)) == 0 else frozenset()
    )
    folder = SiteFolder(faults=faults)
    if draw(st.integers(0, 4)) == 0:
        folder.args = ("--base-url", draw(st.sampled_from(BASE_URLS + BAD_BASE_URLS * ("bad_setting" in faults))))
    if draw(st.integers(0, 7)) == 0:  # the preview of everything: hidden releases shown on purpose, marked
        folder.args += ("--drafts", "--future")
    if draw(st.integers(0, 3)) > 0 or faults & {"bad_toml", "bad_setting"}:
        folder.add(b"site.toml", draw(site_toml(faults)))
    if draw(st.booleans()) or "bad_live" in faults:
        folder.add(b"content/live.yaml", draw(live_yaml(faults)))
    for index in range(draw(st.integers(1, 4))):
        folder.add(*draw(release_file(index, False, faults)))
    for index in range(draw(st.integers(0, 3))):
        folder.add(*draw(release_file(index, True, faults)))
    if draw(st.booleans()):
        reserved = ["releases", "tags", "search", "feed.xml", "404"]
        stem = draw(st.sampled_from(["about", "page", "contact", "中文"] * 3 + reserved))
        title = draw(texts())
        page = f"---\ntitle: {yaml_quoted(title)}\n---\nHi [x](javascript:alert(1))\n"
        folder.add(f"content/pages/{stem}.md".encode(), encode(page, draw, faults))
    if draw(st.integers(0, 2)) == 0:  # a draft page: hidden like a draft release
        title = "Qzhidpx " + draw(texts())
        page = f"---\ntitle: {yaml_quoted(title)}\ndraft: true\nsummary: {yaml_quoted(draw(texts()))}\n---\nSoon.\n"
        folder.add(b"content/pages/later.md", encode(page, draw, faults), Hidden("Qzhidpx", title, "/later"))
    if enabled("files_next_to_releases") and draw(st.booleans()):
        folder.add(b"content/releases/photo.png", b"\x89PNG\r\n\x1a\n")
    if draw(st.booleans()):
        folder.add(b"content/files/report.pdf", b"%PDF-1.4\n")
    if enabled("alias_clashes") and draw(st.integers(0, 3)) == 0:  # a content file where the build writes one
        folder.add(draw(st.sampled_from([b"content/feed.xml/x.pdf", b"content/releases.json/a.txt"])), b"x\n")
    if "bad_file_name" in faults:
        folder.add(b"content/files/bad\xff.pdf", b"%PDF-1.4\n")
    for name, data in draw(templates(faults)).items():
        folder.add(name, data)
    return folder


# ---------------------------------------------------------------- the oracle

OWN_SCRIPT = re.compile(r"(/[^/?#\s]+)*/theme/(live|search)\.js")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "xlink:href", "data", "srcdoc")
FORBIDDEN_SCHEMES = ("javascript:", "vbscript:", "data:")
FORBIDDEN_TAGS = ("iframe", "object", "embed", "base", "frame", "frameset", "applet")


def readable(data: bytes) -> bytes:
    """The bytes to search: gzip files (Pagefind's) decompressed."""
    if data.startswith(b"\x1f\x8b"):
        try:
            return gzip.decompress(data)
        except (OSError, EOFError):
            return data
    return data


def dangerous_url(value: str) -> bool:
    """Whether a browser would run or inline this URL: scheme compared as browsers parse it."""
    cleaned = re.sub(r"[\t\n\r]", "", value).strip(
        "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f "
        "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f"
    )
    return cleaned.lower().startswith(FORBIDDEN_SCHEMES)


def html_problems(name: str, text: str) -> list[str]:
    """Scripts that are not the theme's, event handlers, script URLs, embedding tags, duplicate ids."""
    soup = BeautifulSoup(text, "html.parser")
    found: list[str] = []
    for script in soup.find_all("script"):
        if script.get("type") == "application/ld+json":
            try:
                json.loads(script.string or "")
            except ValueError:
                found.append(f"{name}: JSON-LD that does not parse: {str(script)[:200]}")
            continue
        if script.string or not OWN_SCRIPT.fullmatch(str(script.get("src", ""))):
            found.append(f"{name}: a script that is not the theme's: {str(script)[:200]}")
    ids: dict[str, int] = {}
    for element in soup.find_all(True):
        if element.name in FORBIDDEN_TAGS:
            found.append(f"{name}: <{element.name}> element")
        for attribute, value in element.attrs.items():
            shown = " ".join(value) if isinstance(value, list) else str(value)
            if attribute.lower().startswith("on"):
                found.append(f"{name}: event handler {attribute}= on <{element.name}>")
            if attribute.lower() in URL_ATTRIBUTES and dangerous_url(shown):
                found.append(f"{name}: {attribute}={shown[:80]!r} on <{element.name}>")
        refresh = str(element.get("content", "")) if element.get("http-equiv", "").lower() == "refresh" else ""
        if dangerous_url(refresh.partition("url=")[2]):
            found.append(f"{name}: meta refresh to {refresh[:80]!r}")
        if element.get("id") is not None:
            ids[str(element["id"])] = ids.get(str(element["id"]), 0) + 1
    found += [f"{name}: id {key!r} appears {count} times" for key, count in ids.items() if count > 1]
    return found


def visible(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def leak_problems(name: str, data: bytes, hidden: list[Hidden], soup_text: str | None) -> list[str]:
    found = []
    lowered = readable(data).lower()
    for item in hidden:
        if item.marker.lower().encode() in lowered:
            found.append(f"{name}: shows hidden release {item.marker}")
        if soup_text is not None and visible(item.title) in soup_text:
            found.append(f"{name}: shows the title of hidden release {item.marker}")
        if item.path and re.search(re.escape(item.path.encode()) + rb"(?![\w-])", lowered):
            found.append(f"{name}: links hidden release {item.marker} ({item.path})")
    return found


def problems_of_output(out: Path, hidden: list[Hidden]) -> list[str]:
    """Everything wrong with a built site folder, as readable lines (empty: all is well)."""
    found: list[str] = []
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        name = path.relative_to(out).as_posix()
        data = path.read_bytes()
        soup_text = None
        if path.suffix == ".html":
            text = data.decode("utf-8")
            found += html_problems(name, text)
            soup_text = visible(BeautifulSoup(text, "html.parser").get_text(" "))
        elif path.suffix == ".xml":
            try:
                ElementTree.fromstring(data)
            except ElementTree.ParseError as error:
                found.append(f"{name}: not well-formed XML ({error})")
        elif path.suffix == ".json":
            try:
                json.loads(data)
            except ValueError as error:
                found.append(f"{name}: not valid JSON ({error})")
        found += leak_problems(name, data, hidden, soup_text)
    return found
