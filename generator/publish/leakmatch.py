"""How a trace of a hidden release may be written, for the leak audit: its URL as a whole
path, however a link spells it, and its title as visible text, whatever the markup.

Everything here works on bytes already lowered (`bytes.lower()`: ASCII letters), so one
compiled pattern per kind searches a file in one pass, without IGNORECASE (5x slower).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from html.entities import codepoint2name

#: Where a path written in text ends: not `releases/page` inside `/releases/page/2/`,
#: `releases/fish` inside `releases/fish-market`, or `releases/x` inside `releases/x.pdf`.
_PATH_ENDS_IN_TEXT = rb"(?![\w%~/\\-]|\.[\w./\\&%]|&(?:#|sol;|period;|bsol;|percnt;))"
_PATH_ENDS = rb"\Z"

#: What may stand between two words of a title on a page and still read as a space:
#: whitespace (a line break, two spaces), a no-break space in any spelling, an inline
#: element's tags (`<strong>Secret</strong> plan`), Markdown emphasis in a copied .md file.
_WORD_GAP = (
    rb"(?:[\s*_~`]|<[^<>]*>|&(?:nbsp|ensp|emsp|thinsp);|&#0*(?:9|10|13|32|160|8239);|&#x0*(?:9|a|d|20|a0|202f);"
    rb"|\\u00a0|\\[nrt]|\xc2\xa0|\xe2\x80[\x82-\x8a\xaf])+"
)

#: What may stand inside a word of a title and not show: a soft hyphen (Word puts them in
#: pasted text), zero-width spaces and joiners, a word joiner, a byte-order mark; raw (in
#: lowered UTF-8), as a character reference or as a JSON escape. One pattern: a page has none
#: of them, as a rule, and one search tells (about 3 ms a MB).
_INVISIBLE = re.compile(
    rb"\xc2\xad|\xe2(?:\x80[\x8b-\x8d]|\x81\xa0)|\xef\xbb\xbf"
    rb"|&(?:#x0*(?:ad|200[b-d]|2060|feff)|#0*(?:173|820[3-5]|8288|65279)|shy|zwnj|zwj|nobreak);"
    rb"|\\u(?:00ad|200[b-d]|2060|feff)"
)
_NOT_SHOWN = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))


def without_invisible(lowered: bytes) -> bytes:
    """`lowered` without the characters that do not show (soft hyphens, zero-width ones), so a
    title with one inside a word is still found. Line breaks are kept: lines stay as they were."""
    return _INVISIBLE.sub(b"", lowered) if _INVISIBLE.search(lowered) else lowered


#: Spots where a link may be spelled so that the plain search misses it: a percent-escape,
#: a character reference, a dot segment (relative links too: `../secret/`).
URL_SPELLINGS = (
    re.compile(rb"%[0-9a-f]{2}"),
    re.compile(rb"&(?:#|sol;|period;|bsol;|percnt;)"),
    re.compile(rb"\.[/\\]"),
)
_TOKEN_DELIMITERS = (b'"', b"'", b"<", b">", b" ", b"\n", b"\t", b"\r", b"(", b")", b"`")
_URL_ATTRIBUTES = rb"(?<![\w-])(?:href|src|srcset|action|formaction|poster|cite|data|content|xlink:href|[\w-]*url)"
_LONGEST_TOKEN = 4096


def path_pattern(slugs: Sequence[str], in_text: bool) -> re.Pattern[bytes] | None:
    """`releases/<slug>` as a whole path (optionally `/` or `/index.html` after it), group 1
    the slug: in lowered text (`in_text`, `/` or `\\` between, repeated), or at the end of a
    path from `url_path`. None without slugs."""
    if not slugs:
        return None
    alternatives = b"|".join(re.escape(s.lower().encode()) for s in sorted(slugs, key=lambda s: (-len(s), s)))
    ending = _PATH_ENDS_IN_TEXT if in_text else _PATH_ENDS
    return re.compile(rb"releases[/\\]+(" + alternatives + rb")(?:[/\\]+(?:index\.html)?)?" + ending)


def relative_start_pattern(slugs: Sequence[str]) -> re.Pattern[bytes] | None:
    """A link attribute whose value starts with a slug: from a page in releases/, a link there."""
    if not slugs:
        return None
    alternatives = b"|".join(re.escape(s.lower().encode()) for s in sorted(slugs, key=lambda s: (-len(s), s)))
    return re.compile(rb"(?:" + _URL_ATTRIBUTES + rb")\s*=\s*[\"']?(?:" + alternatives + rb")")


def token_at(data: bytes, at: int) -> tuple[int, bytes]:
    """The whitespace-, quote- or bracket-delimited token around `at`, and where it starts."""
    low = max(0, at - _LONGEST_TOKEN)
    start = max(data.rfind(d, low, at) for d in _TOKEN_DELIMITERS) + 1 or low
    ends = [e for e in (data.find(d, at, at + _LONGEST_TOKEN) for d in _TOKEN_DELIMITERS) if e >= 0]
    return start, data[start : min(ends, default=min(len(data), at + _LONGEST_TOKEN))]


def plain_text(text: str) -> str:
    """Text as the audit compares it: whitespace (no-break spaces too) collapsed, casefolded."""
    return " ".join(text.split()).casefold()


def titles_pattern(titles: Sequence[str]) -> tuple[re.Pattern[bytes], list[int]] | None:
    """One pattern for all the titles in lowered bytes, however a page writes them: any case,
    any whitespace, no-break space or inline tags between words, each character that is not
    an ASCII letter or digit raw or as a character reference or JSON escape; and, for each of
    its groups (`match.lastindex`), the index of the title it found. None without titles.

    The titles are merged word by word into a trie, so titles that begin alike (a press
    office's "Ambassador X Meets ..." by the dozen) are matched together, not one by one."""
    if not titles:
        return None
    root = _Node()
    for index, title in enumerate(titles):
        node = root
        for word in title.translate(_NOT_SHOWN).split():
            node = node.words.setdefault(b"".join(_char(c) for c in word), _Node())
        node.ends.setdefault(rb"(?![a-z0-9])" if title[-1].isascii() and title[-1].isalnum() else b"", index)
    found: list[int] = []
    return re.compile(_words(root, found)), found


@dataclass
class _Node:
    """Titles that share their first words: the words that may come next, the titles that end here."""

    words: dict[bytes, _Node] = field(default_factory=dict)
    ends: dict[bytes, int] = field(default_factory=dict)  #: the assertion at the title's end -> its index


def _words(node: _Node, found: list[int]) -> bytes:
    return b"(?:" + b"|".join(word + _after(child, found) for word, child in sorted(node.words.items())) + b")"


def _after(node: _Node, found: list[int]) -> bytes:
    """What may follow a word: a gap and a next word, or the end of a title (an empty group,
    its number the place of the title's index in `found`: groups count in the order written)."""
    options = [_WORD_GAP + _words(node, found)] if node.words else []
    for end, index in sorted(node.ends.items()):
        found.append(index)
        options.append(end + b"()")
    return b"(?:" + b"|".join(options) + b")"


def _char(char: str) -> bytes:
    if char.isascii() and char.isalnum():
        return re.escape(char.lower().encode())
    forms: set[bytes] = set()
    for case in {char, char.lower(), char.upper()}:
        if len(case) == 1:
            forms |= _spellings(case)
    ordered = sorted(forms)
    ordered.sort(key=lambda form: -len(form))  # the longest first
    return b"(?:" + b"|".join(ordered) + b")"


def _spellings(char: str) -> set[bytes]:
    """Patterns for one character: raw, as a character reference, as a JSON escape."""
    code = ord(char)
    forms = {re.escape(char.encode().lower()), f"&#0*{code};".encode(), f"&#x0*{code:x};".encode()}
    forms.add(re.escape(f"\\u{code:04x}".encode()))
    if code in codepoint2name:
        forms.add(f"&{codepoint2name[code]};".lower().encode())
    if char == "'":
        forms.add(b"&apos;")
    if char in '"/':
        forms.add(re.escape(b"\\" + char.encode()))
    return forms


def whole_paths_patterns(paths: Sequence[str], base_path: str = "/") -> WholePaths | None:
    """Patterns for site paths (`merger-plans`, `old/zeta`: a hidden page's or an alias's URL
    without the base path) as whole paths; None without paths. See `WholePaths`."""
    if not paths:
        return None
    ordered = sorted({p.strip("/").lower() for p in paths}, key=lambda p: (-len(p), p))
    in_text = b"|".join(rb"[/\\]+".join(re.escape(s.encode()) for s in p.split("/")) for p in ordered)
    exact = b"|".join(re.escape(p.encode()) for p in ordered)
    base = re.escape(base_path.strip("/").lower().encode())
    folders: dict[str, set[bytes]] = {}
    for p in ordered:
        folder, _, last = p.rpartition("/")
        folders.setdefault(folder, set()).add(re.escape(last.encode()))
    return WholePaths(
        # Without the `/` before the path, which `path_start` finds: twice as fast (every `/` would be tried).
        re.compile(rb"(" + in_text + rb")(?:[/\\]+(?:index\.html)?)?" + _PATH_ENDS_IN_TEXT),
        re.compile(rb"\A(?:/" + base + rb")?/(" + exact + rb")(?:/(?:index\.html)?)?\Z"),
        {
            folder: re.compile(rb"(?:" + _URL_ATTRIBUTES + rb")\s*=\s*[\"']?(?:" + b"|".join(sorted(lasts)) + rb")")
            for folder, lasts in folders.items()
        },
    )


@dataclass(frozen=True, slots=True)
class WholePaths:
    """How whole site paths are found in lowered bytes: `in_text` finds candidates (group 1
    the path with its separators as written; a `/` must stand before, see `path_start`),
    which are a trace where no path character
    stands before them (`"/merger-plans/"`, `../merger-plans/`) or where the link they are
    in leads there (`url_path`, then `exact`, group 1 the path); `relative` finds attribute
    values that may be relative links to one (`href="zeta/"`), by the folder of the file
    (output-relative, "" for the top): only there can such a link lack a `/` before it."""

    in_text: re.Pattern[bytes]
    exact: re.Pattern[bytes]
    relative: dict[str, re.Pattern[bytes]]


def path_start(lowered: bytes, at: int) -> int | None:
    """Where the slashes before a path found by `WholePaths.in_text` at `at` begin, or None
    when no `/` or `\\` stands right before it (`xmerger-plans` is another word)."""
    start = at
    while start > 0 and lowered[start - 1] in b"/\\":
        start -= 1
    return start if start < at else None


def standalone(lowered: bytes, at: int) -> bool:
    """Does a path whose slashes begin at `at` start a path (nothing path-like before it, or a dot segment)?"""
    return at == 0 or not re.match(rb"[\w%~-]", lowered[at - 1 : at])
