"""site.toml -> a frozen, typed `SiteConfig`, every problem reported at once."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from generator.brand import BRAND_FILES, Colors, file_problem, read_colors
from generator.errors import Problem, did_you_mean
from generator.lines import split_lines
from generator.model import ReleaseType
from generator.slugs import fold, slugify
from generator.strings import Strings, available, check_override, load, table_of, word_of
from generator.weburls import web_url_problem

#: The release types of a site without [[types]]; their labels are interface words
#: (`type_press_statement`, `type_press_statement_plural`, ...) in the site's language.
DEFAULT_TYPES: tuple[str, ...] = (
    "press statement",
    "media note",
    "readout",
    "remarks",
    "joint statement",
    "fact sheet",
    "notice to the press",
    "travel",
)


def default_types(strings: Strings) -> tuple[ReleaseType, ...]:
    """The default release types, labelled in the words of `strings`."""
    keys = [(name, "type_" + name.replace(" ", "_")) for name in DEFAULT_TYPES]
    return tuple(
        ReleaseType(name=name, label=strings[key], plural=strings[key + "_plural"], slug=slugify(name))
        for name, key in keys
    )


@dataclass(frozen=True)
class SiteConfig:
    """Settings of one site. Every field has a default, so no site.toml is fine."""

    title: str = "Press Releases"  #: without a title in site.toml: the language's `default_title`
    organization: str = ""  #: shown in the official-site strip, e.g. "the Ministry of ..."
    description: str = ""
    base_url: str = "/"  #: absolute URL or path the site is served under, ends with "/"
    language: str = "en"
    timezone: str = "UTC"
    per_page: int = 20
    home_count: int = 20
    related_count: int = 3
    allow_html: bool = False
    search: bool = True  #: index releases with Pagefind and ship the /search/ page
    types: tuple[ReleaseType, ...] = field(default_factory=lambda: default_types(load("en")))
    strings: Strings = field(default_factory=lambda: load("en"))  #: the interface words: `language`'s and [strings]
    logo: str = ""  #: an image under content/ shown in the header ("": the theme's neutral mark)
    favicon: str = ""  #: the browser tab's icon under content/ ("": the theme's)
    image: str = ""  #: the link-preview image (og:image) of pages that have none of their own
    stylesheet: str = ""  #: a CSS file under content/ loaded after the theme's
    colors: Colors = field(default_factory=Colors)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def base_path(self) -> str:
        """The path part of base_url: "/" or e.g. "/press/"."""
        return urlsplit(self.base_url).path or "/"

    @property
    def absolute(self) -> bool:
        """base_url is a full http(s) URL, so absolute URLs can be made (feeds and the sitemap need them)."""
        return bool(urlsplit(self.base_url).netloc)

    def type_named(self, name: str) -> ReleaseType | None:
        key = fold(name)
        return next((t for t in self.types if fold(t.name) == key), None)


_SETTINGS: dict[str, type] = {
    "title": str,
    "organization": str,
    "description": str,
    "base_url": str,
    "language": str,
    "timezone": str,
    "per_page": int,
    "home_count": int,
    "related_count": int,
    "allow_html": bool,
    "search": bool,
    "types": list,
    **dict.fromkeys(BRAND_FILES, str),
    "colors": dict,
    "strings": dict,
}
_TYPE_KEYS = ("name", "label", "plural")


class _Locator:
    """Finds the line of a key in TOML text (tomllib gives values, not positions)."""

    def __init__(self, text: str) -> None:
        self.lines = split_lines(text)  # not splitlines(): it also breaks at U+2028, form feeds, ...

    def line(self, key: str, table: str = "", index: int = 0) -> int:
        header = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
        assignment = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
        current, seen = "", -1
        for number, line in enumerate(self.lines, 1):
            match = header.match(line)
            if match:
                current = match.group(1)
                seen += current == table
                continue
            if current == table and (not table or seen == index) and assignment.match(line):
                return number
        return 0

    def table(self, name: str) -> int:
        """The line of a [name] or [[name]] header."""
        header = re.compile(rf"^\s*\[\[?\s*{re.escape(name)}\s*\]\]?")
        return next((n for n, line in enumerate(self.lines, 1) if header.match(line)), 0)


def load_config(text: str | None, shown: str, files: Collection[str] | None = None) -> tuple[SiteConfig, list[Problem]]:
    """Parse site.toml text (None: no file) into settings and the problems found. `files`:
    the paths under content/ (relative to it) the branding files must be among (None: unknown)."""
    if text is None:
        return SiteConfig(), []
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        line = int(match.group(1)) if match else 1
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        return SiteConfig(), [Problem(shown, line, "site.toml", f"TOML syntax error: {message}", "valid TOML")]
    except RecursionError:  # tomllib parses nested arrays and tables by recursion
        line = _deepest_line(text)
        return SiteConfig(), [Problem(shown, line, "site.toml", "nested too deeply to read", "valid TOML")]
    return _settings(raw, _Locator(text), shown, files)


def _deepest_line(text: str) -> int:
    """The line where brackets and braces are nested deepest (where a too-deep nesting is)."""
    depth = deepest = 0
    line = where = 1
    for char in text:
        if char == "\n":
            line += 1
        elif char in "[{":
            depth += 1
            if depth > deepest:
                deepest, where = depth, line
        elif char in "]}":
            depth -= 1
    return where


def _settings(
    raw: dict[str, Any], where: _Locator, shown: str, files: Collection[str] | None
) -> tuple[SiteConfig, list[Problem]]:
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    for key, value in raw.items():
        expected = _SETTINGS.get(key)
        if expected is None:
            hint = did_you_mean(key, _SETTINGS)
            problems.append(Problem(shown, where.line(key), key, f"unknown setting, ignored{hint}", "", "warning"))
        elif not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            line = where.line(key) or where.table(key)
            problems.append(Problem(shown, line, key, f"is {_describe(value)}", _TABLES.get(key, _NAMES[expected])))
        else:
            values[key] = value
    problems += _check_values(values, where, shown) + _check_files(values, where, shown, files)
    if "colors" in values:
        values["colors"], color_problems = read_colors(values["colors"], lambda k: where.line(k, "colors"), shown)
        problems += color_problems
    if "types" in values:
        types, type_problems = _types(values.pop("types"), where, shown)
        problems += type_problems
        if types:
            values["types"] = types
        elif not type_problems:
            problems.append(Problem(shown, where.line("types"), "types", "is empty", "at least one [[types]] table"))
    strings, string_problems = _strings(values.get("language", "en"), values.pop("strings", {}), where, shown)
    problems += string_problems
    if any(p.severity == "error" for p in problems):
        return SiteConfig(), problems
    values["strings"] = strings
    values.setdefault("types", default_types(strings))
    values.setdefault("title", strings.default_title)
    if "base_url" in values and not values["base_url"].endswith("/"):
        values["base_url"] += "/"
    return SiteConfig(**values), problems


_NAMES = {
    str: "text",
    int: "a whole number",
    bool: "true or false",
    list: "a list of [[types]] tables",
    dict: "a table",
}


_TABLES = {"strings": "a [strings] table of interface words", "colors": "a [colors] table"}


def _describe(value: Any) -> str:
    return "a table" if isinstance(value, dict) else repr(value)


def _check_values(values: dict[str, Any], where: _Locator, shown: str) -> list[Problem]:
    problems = []
    for key in ("per_page", "home_count", "related_count"):
        if key in values and not 0 < values[key] <= 1000:
            problems.append(Problem(shown, where.line(key), key, f"is {values[key]}", "1 to 1000"))
    if "timezone" in values and not is_zone_name(values["timezone"]):
        problems.append(
            Problem(
                shown,
                where.line("timezone"),
                "timezone",
                f'"{values["timezone"]}" is not a known time zone',
                'an IANA name such as "UTC" or "Europe/Oslo"',
            )
        )
    if "language" in values and not _LANGUAGE_TAG.fullmatch(values["language"]):
        problems.append(
            Problem(
                shown,
                where.line("language"),
                "language",
                f'"{values["language"]}" is not a language tag',
                'a BCP 47 language tag such as "en", "fr", "pt-BR" or "zh-Hant"',
            )
        )
    if "language" in values and _LANGUAGE_TAG.fullmatch(values["language"]) and table_of(values["language"]) is None:
        problems.append(Problem(shown, where.line("language"), "language", *_no_table(values["language"])))
    if "base_url" in values:
        problem = base_url_problem(values["base_url"])
        if problem:
            problems.append(Problem(shown, where.line("base_url"), "base_url", problem, BASE_URL_EXPECTED))
    return problems


def _check_files(values: dict[str, Any], where: _Locator, shown: str, files: Collection[str] | None) -> list[Problem]:
    """The branding files' problems (each an error: the build stops), the good paths trimmed."""
    problems = []
    for key in BRAND_FILES:
        if key in values and (found := file_problem(key, values[key], files)):
            problems.append(Problem(shown, where.line(key), key, *found))
        elif key in values:
            values[key] = values[key].strip()
    return problems


#: The shape of a BCP 47 language tag: a 2-3 letter language, then subtags of 1-8 letters or
#: digits. The tag names the search index's files and goes into every page's lang attribute.
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,3}")

#: The shape of an IANA zone name ("UTC", "Europe/Oslo", "America/Argentina/Salta", "Etc/GMT+5").
_ZONE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+)*")
#: Files of the zone database that are not zones of the world: "localtime" is the machine's
#: own zone (a build must not depend on the machine), the folders hold other variants.
_NOT_ZONES = ("localtime", "posixrules", "Factory")
_NOT_ZONE_FOLDERS = ("posix/", "right/")


def is_zone_name(name: str) -> bool:
    """Is `name` an IANA time zone this machine knows? (Not a file path, nor "localtime".)"""
    if not _ZONE_NAME.fullmatch(name) or name in _NOT_ZONES or name.startswith(_NOT_ZONE_FOLDERS):
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def _no_table(tag: str) -> tuple[str, str]:
    """The message and the expected text for a language tag without a table of interface words."""
    languages = ", ".join(available())
    if table_of(tag.split("-")[0]) is not None:  # zh-Hant: the Chinese table is Simplified
        return f'"{tag}" has no table of interface words (the "zh" table is in Simplified Chinese)', (
            f"one of {languages}, or a regional variant of one such as zh-CN or zh-Hans"
        )
    return f'"{tag}" has no table of interface words', f'one of {languages}, or a regional variant such as "pt-BR"'


def _strings(language: str, raw: dict[str, Any], where: _Locator, shown: str) -> tuple[Strings, list[Problem]]:
    """The site's interface words: its language's table with the [strings] overrides checked
    (an unknown key or a word that does not fit is an error)."""
    reference = load(language if table_of(language) else "en")
    known = dict(reference.words)
    problems: list[Problem] = []
    overrides = {}
    for key, value in raw.items():
        line = where.line(key, "strings") or where.table("strings")
        if key not in known:
            hint = did_you_mean(key, known)
            message = f"unknown interface word{hint}"
            problems.append(Problem(shown, line, f"strings.{key}", message, "a key of docs/languages.md"))
            continue
        wrong = check_override(key, value, reference)
        if wrong is not None:
            problems.append(Problem(shown, line, f"strings.{key}", *wrong))
            continue
        word = word_of(value)
        assert word is not None  # check_override said it is a word
        overrides[key] = word
    return load(reference.language, overrides), problems


BASE_URL_EXPECTED = 'an http(s) URL such as "https://example.org/press/" or a path such as "/press/"'


def base_url_problem(url: str) -> str:
    """Return why `url` cannot be a base URL, or "" when it can."""
    reason = web_url_problem(url, plain=True)
    return f'"{url}" {reason}' if reason else ""


def _types(raw: list[Any], where: _Locator, shown: str) -> tuple[tuple[ReleaseType, ...], list[Problem]]:
    problems: list[Problem] = []
    types: list[ReleaseType] = []
    seen: dict[str, str] = {}
    for index, entry in enumerate(raw):
        line = where.line("name", "types", index) or where.line("types")
        if not isinstance(entry, dict):
            problems.append(Problem(shown, line, "types", f"entry {index + 1} is not a table", "[[types]] tables"))
            continue
        missing = [k for k in ("name",) if not isinstance(entry.get(k), str) or not entry[k].strip()]
        if missing:
            problems.append(Problem(shown, line, "types.name", "is missing or empty", "text"))
            continue
        for key in entry:
            if key not in _TYPE_KEYS:
                hint = did_you_mean(key, _TYPE_KEYS)
                key_line = where.line(key, "types", index) or line
                problems.append(
                    Problem(
                        shown, key_line, f"types.{key}", f"unknown key, ignored{hint}", "name, label, plural", "warning"
                    )
                )
        name = entry["name"].strip().lower()
        label = str(entry.get("label") or name.title())
        plural = str(entry.get("plural") or label + "s")
        slug = slugify(name)
        if not slug:
            problems.append(Problem(shown, line, "types.name", f'"{name}" has no letters or digits', "a name"))
        elif slug in seen:
            problems.append(
                Problem(
                    shown,
                    line,
                    "types.name",
                    f'"{name}" has the same URL as "{seen[slug]}"',
                    "names that differ in letters or digits",
                )
            )
        else:
            seen[slug] = name
            types.append(ReleaseType(name=name, label=label, plural=plural, slug=slug))
    return tuple(types), problems
