"""Tags and offices: spellings folded into one term each, slug clashes reported."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from generator.errors import Problem, did_you_mean
from generator.model import Office, TagEntry, Term
from generator.site.typos import likely_typos
from generator.slugs import SLUG_MAX_BYTES, fold, slugify, whole_slug


class Mention(NamedTuple):
    """One use of a name in one file (a tuple: there is one per tag of every release)."""

    name: str
    path: str
    line: int
    hidden: bool = False  #: in a release this build does not publish (draft, scheduled)


def _files(mentions: list[Mention]) -> str:
    return ", ".join(sorted({m.path for m in mentions}))


@dataclass(frozen=True)
class Listed:
    """The names a vocabulary file lists, by folded name (case, spacing and accents aside)."""

    terms: dict[str, Term]
    file: str  #: as shown, e.g. "content/offices.yaml"
    what: str  #: "an office", "a tag"

    @staticmethod
    def of(entries: Sequence[Office | TagEntry] | None, file: str, what: str) -> Listed | None:
        if entries is None:
            return None
        return Listed({fold(e.name): Term(name=e.name, slug=e.slug) for e in entries}, file, what)


def listed_terms(mentions: list[Mention], field: str, listed: Listed) -> tuple[dict[str, Term], list[Problem]]:
    """Each folded name the vocabulary lists -> its listed term; an error for every use of a
    name it does not list, with the nearest listed name."""
    names = sorted(t.name for t in listed.terms.values())
    problems = []
    hints: dict[str, str] = {}  # by unknown name: a new tags.yaml may leave thousands of uses unlisted
    for mention in mentions:
        if fold(mention.name) not in listed.terms:
            hint = hints.get(mention.name)
            if hint is None:
                hint = hints[mention.name] = did_you_mean(mention.name, names)
            message = f'"{mention.name}" is not in {listed.file}{hint}'
            problems.append(Problem(mention.path, mention.line, field, message, f"{listed.what} listed there"))
    return listed.terms, problems


def canonical_terms(
    mentions: list[Mention], field: str, listed: Listed | None = None, file: str = ""
) -> tuple[dict[str, Term], list[Problem]]:
    """Map each folded name to one term: the listed one when the site has a vocabulary (see
    `listed_terms`), else the name in its most used spelling. `file`: the vocabulary file
    the site could have (named in the typo warnings).

    The spelling and the slug of a name that published releases use are counted
    over those alone, so that a release the build does not publish changes no
    public byte; a name only hidden releases use is spelt as they write it.

    Returns the map and problems: a warning per name written several ways,
    an error per slug shared by different published names (a warning when one
    of them is only in hidden releases: it becomes an error once that one is
    published), an error per name without letters or digits, and a warning per pair of
    names so alike that one is likely a typo of the other (`typos.likely_typos`).
    """
    if listed is not None:
        return listed_terms(mentions, field, listed)
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_key[fold(mention.name)].append(mention)
    problems: list[Problem] = []
    terms: dict[str, Term] = {}
    by_slug: dict[str, list[str]] = defaultdict(list)
    for key in sorted(by_key):
        group = by_key[key]
        public = [m for m in group if not m.hidden]
        counts = Counter(m.name for m in (public or group))
        name = min(counts, key=lambda n: (-counts[n], n))
        slug = slugify(name)
        if not slug:
            first = group[0]
            problems.append(
                Problem(
                    first.path, first.line, field, f'"{name}" has no letters or digits', "a name with letters or digits"
                )
            )
            continue
        if len({m.name for m in group}) > 1:
            problems.append(_spelling_warning(group, name, field))
        terms[key] = Term(name=name, slug=slug)
        by_slug[slug].append(key)
    for slug, keys in sorted(by_slug.items()):
        if len(keys) > 1:
            groups = [by_key[k] for k in keys]
            hidden = any(all(m.hidden for m in g) for g in groups)
            problems.append(_clash(slug, groups, [terms[k].name for k in keys], field, hidden))
    uses = {terms[k].name: [(m.path, m.line) for m in by_key[k]] for k in terms}
    problems += likely_typos(uses, field, file)
    return terms, problems


def _spelling_warning(group: list[Mention], name: str, field: str) -> Problem:
    others = sorted({m.name for m in group} - {name})
    first = min((m for m in group if m.name != name), key=lambda m: (m.path, m.line))
    listed = "; ".join(f'"{o}" in {_files([m for m in group if m.name == o])}' for o in others)
    return Problem(first.path, first.line, field, f'shown as "{name}", also written {listed}', "", "warning")


def _clash(slug: str, groups: list[list[Mention]], names: list[str], field: str, hidden: bool) -> Problem:
    first = min((m for g in groups for m in g), key=lambda m: (m.path, m.line))
    listed = " and ".join(f'"{n}" ({_files(g)})' for n, g in zip(names, groups, strict=True))
    when = " once the releases not yet published are" if hidden else ""
    return Problem(
        first.path,
        first.line,
        field,
        f'{listed} would share the URL slug "{slug}"{when}',
        "names that differ in more than punctuation"
        + (f" within their first {SLUG_MAX_BYTES} bytes" if any(whole_slug(n) != slug for n in names) else ""),
        "warning" if hidden else "error",
    )
