"""The words of the interface in the site's language: one table per language
(`generator/strings/<language>.toml`, shipped in the package), a site's own `[strings]` on
top, and what CLDR (through Babel) knows of the language: its plural rules, its dates and
its direction.

A table's `[words]` are text or, for words that follow a count, a table of CLDR plural
forms (`one`, `few`, `other`, ...). `{name}` in a word is filled in by the template.
`en.toml` is the reference: every table has exactly its keys (tests/unit/test_strings.py).
"""

from __future__ import annotations

import functools
import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, ClassVar

from babel import Locale, UnknownLocaleError
from markupsafe import Markup, escape

#: One word: text, or its plural forms by CLDR category (sorted, "other" always among them).
Word = str | tuple[tuple[str, str], ...]

#: The scripts of Chinese that the shipped zh table is not written in.
_TRADITIONAL = frozenset({"hant", "tw", "hk", "mo"})


#: The languages with a table here (a `<language>.toml` beside this module each; a new
#: language is its file and its name in this list).
LANGUAGES = ("ar", "de", "en", "es", "fr", "pt", "ru", "zh")


def available() -> tuple[str, ...]:
    """The languages with a shipped table, sorted: ("ar", "de", "en", ...)."""
    return LANGUAGES


@functools.cache
def shipped_table(language: str) -> dict[str, Any]:
    """The parsed table of a shipped language (`available()`); FileNotFoundError for another."""
    return tomllib.loads(resources.files(__name__).joinpath(f"{language}.toml").read_text(encoding="utf-8"))


def table_of(tag: str) -> str | None:
    """The shipped table a BCP 47 tag uses: its language's ("pt-BR" -> "pt", "zh-Hans" -> "zh"),
    None when there is none. The Chinese table is in Simplified characters, so zh-Hant, zh-TW,
    zh-HK and zh-MO have none rather than a table their readers would find foreign."""
    parts = tag.lower().replace("_", "-").split("-")
    if parts[0] == "zh" and _TRADITIONAL.intersection(parts[1:]):
        return None
    return parts[0] if parts[0] in available() else None


@functools.cache
def locale_of(tag: str) -> Locale:
    """Babel's locale for a tag: the regional one when CLDR has it (pt-BR's own dates), else the language's."""
    try:
        return Locale.parse(tag.replace("_", "-"), sep="-")
    except (UnknownLocaleError, ValueError):
        return Locale.parse(tag.replace("_", "-").split("-")[0])


def placeholders(text: str) -> frozenset[str]:
    """The `{name}` placeholders of a word; ValueError when its braces do not pair up."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


def word_of(value: Any) -> Word | None:
    """A table's value as a word, None when it is neither text nor a table of plural forms (text)."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and value and all(isinstance(v, str) for v in value.values()):
        return tuple(sorted(value.items()))
    return None


@dataclass(frozen=True)
class Strings:
    """The interface words of one site: its language's table with the site's overrides.

    Templates get it as `t`: `t.read_more`, `t.fill("read_more_about", title=...)` and
    `t.count("release_count", n)`."""

    language: str = "en"  #: the site's tag, as written in site.toml ("pt-BR")
    table: str = "en"  #: the shipped table it uses ("pt")
    words: tuple[tuple[str, Word], ...] = field(default=())  #: every key, sorted
    date_format: str = "long"  #: a CLDR date format name (short, medium, long, full) or pattern
    date_capitals: bool = False  #: dates in capitals ("MAY 2, 2023"): the English theme's house style

    def __post_init__(self) -> None:
        # Looked up some fifty times a page: an index, and each plain word as an attribute
        # (`t.read_more` without a miss first); neither is a field, so not in repr or ==.
        index = dict(self.words)
        object.__setattr__(self, "_words", index)
        # A word used as it is (`t.live_now`) has its doubled braces made single, as `fill` does.
        self.__dict__.update(
            (key, word.format() if _plain(word) else word) for key, word in index.items() if isinstance(word, str)
        )

    _words: ClassVar[dict[str, Word]]  # (each instance's own, set in __post_init__)

    @property
    def locale(self) -> Locale:
        """Babel's locale of the site's language (for plural rules and dates)."""
        return locale_of(self.language)

    @property
    def direction(self) -> str:
        """ "rtl" or "ltr": the language's writing direction, from CLDR."""
        return str(self.locale.text_direction)

    def __getitem__(self, key: str) -> str:
        """The text of a word; KeyError for an unknown key (a template shows it at its line)."""
        word = self._words[key]
        if not isinstance(word, str):
            raise KeyError(f"{key} has plural forms: use t.count({key!r}, n)")
        return word

    def __getattr__(self, key: str) -> str:
        """Only called for a key that is not a plain word (set in __post_init__): an error."""
        raise AttributeError(f"no interface word {key!r}" if not key.startswith("_") else key)

    def text(self, key: str, **values: object) -> str:
        """A word with its placeholders filled in, as plain text (for metadata and feeds)."""
        return self[key].format(**values)

    def fill(self, key: str, **values: object) -> Markup:
        """A word with its placeholders filled in, as HTML: the word and text values escaped,
        Markup values (a link from a macro) kept."""
        return _fill(self[key], values)

    def counted(self, key: str) -> bool:
        """Is `key` a word with plural forms (KeyError for an unknown key)?"""
        return not isinstance(self._words[key], str)

    def forms(self, key: str) -> dict[str, str]:
        """A word's plural forms by CLDR category (a plain word: its one form as "other")."""
        word = self._words[key]
        return {"other": word} if isinstance(word, str) else dict(word)

    def data_attributes(self, name: str, key: str) -> Markup:
        """The `data-text-NAME` attributes of a counted word for theme/search.js: the "other"
        form, then `data-text-NAME-CATEGORY` for each other form, one attribute a line."""
        forms = self.forms(key)
        other = f'data-text-{name}="{escape(forms["other"])}"'
        rest = [f'data-text-{name}-{c}="{escape(text)}"' for c, text in sorted(forms.items()) if c != "other"]
        return Markup("\n  ".join([other, *rest]))

    def count(self, key: str, count: int, **values: object) -> Markup:
        """The form of a counted word for `count` (by the language's CLDR plural rules), filled in."""
        forms = self.forms(key)
        chosen = forms.get(self.locale.plural_form(count), forms["other"])
        return _fill(chosen, {"count": count, **values})


def load(language: str, overrides: Mapping[str, Word] | None = None) -> Strings:
    """The strings of a site in `language` (a tag `table_of` maps to a table) with `overrides`
    (already checked against the table: `check_override`)."""
    table = table_of(language)
    if table is None:
        raise KeyError(language)
    shipped = shipped_table(table)
    words = {key: word for key, value in shipped["words"].items() if (word := word_of(value)) is not None}
    words.update(overrides or {})
    dates = shipped["dates"]
    return Strings(
        language=language,
        table=table,
        words=tuple(sorted(words.items())),
        date_format=str(dates["format"]),
        date_capitals=bool(dates["capitals"]),
    )


def check_override(key: str, value: Any, reference: Strings) -> tuple[str, str] | None:
    """Why `value` cannot replace the word `key` of `reference` (message, expected), or None:
    it must be text (or plural forms, for a counted word) using only the word's placeholders."""
    counted = reference.counted(key)
    word = word_of(value)
    if word is None or isinstance(word, str) == counted:
        return f"is {_shown(value)}", PLURAL_FORMS if counted else "text"
    if not isinstance(word, str):
        categories = [category for category, _ in word]
        valid = sorted(set(reference.locale.plural_form.tags) | {"other"})
        wrong = [c for c in categories if c not in valid]
        if wrong or "other" not in categories:
            what = f'has the plural form "{wrong[0]}"' if wrong else 'has no "other" form'
            return what, f"the forms of {reference.language}: {', '.join(valid)}"
    return _placeholder_problem(word, placeholders(reference.forms(key)["other"]))


PLURAL_FORMS = 'a table of plural forms such as { one = "...", other = "..." }'


def _placeholder_problem(word: Word, allowed: frozenset[str]) -> tuple[str, str] | None:
    for text in [word] if isinstance(word, str) else [text for _, text in word]:
        try:
            unknown = sorted(placeholders(text) - allowed)
        except ValueError:
            return f"{text!r} has a brace that does not pair up", "{{ and }} for a literal brace"
        names = ", ".join("{" + name + "}" for name in sorted(allowed)) or "no placeholders"
        if unknown:
            return f"{text!r} has the unknown placeholder {{{unknown[0]}}}", names
        dressed = _dressed(text)
        if dressed:  # {name!r} or {name:>30}: Python's formatting, which a word has no use for
            return f"{text!r} has the placeholder {dressed}, with a conversion or a format", f"plain {names}"
    return None


def _dressed(text: str) -> str:
    """The first placeholder of `text` with a conversion or a format spec ("{name:>30}"), or ""."""
    for _, name, spec, conversion in string.Formatter().parse(text):
        if name is not None and (spec or conversion):
            return "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
    return ""


def _plain(word: Word) -> bool:
    """Is this a word without plural forms or placeholders (its braces, if any, doubled)?"""
    if not isinstance(word, str):
        return False
    try:
        return not placeholders(word)
    except ValueError:
        return False


def _shown(value: Any) -> str:
    return "a table" if isinstance(value, dict) else repr(value)


def _fill(text: str, values: Mapping[str, object]) -> Markup:
    return Markup(escape(text)).format(**values)
