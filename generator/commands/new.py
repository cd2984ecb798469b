"""`generator new`: a new release file, a draft with valid front matter."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath

from generator.config import SiteConfig
from generator.content import walker
from generator.content.fields import parse_release
from generator.content.load import PLACEHOLDER_BODY
from generator.content.markup import BodyRenderer
from generator.content.sources import is_markdown
from generator.content.vocabulary import parse_vocabulary
from generator.errors import Problem, UsageError, did_you_mean
from generator.model import Office, SourceFile, TagEntry
from generator.slugs import fold, slugify

#: What JSON leaves as it is but YAML does not read back as written: characters YAML refuses
#: (DEL, C1 controls, U+FFFE/U+FFFF), its line breaks (NEL, U+2028, U+2029), and a BOM.
_NOT_YAML_AS_IS = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
#: The command-line argument each front-matter field of the new file comes from.
_ARGUMENTS = {"title": "the title", "type": "--type", "office": "--office", "tags": "--tags", "date": "--date"}


def _quoted(value: str) -> str:
    """`value` as a YAML double-quoted scalar that reads back exactly as `value`."""
    return _NOT_YAML_AS_IS.sub(lambda m: f"\\u{ord(m[0]):04x}", json.dumps(value, ensure_ascii=False))


@dataclass(frozen=True)
class NewRelease:
    title: str
    type: str
    office: str
    tags: tuple[str, ...] = ()
    date: datetime | None = None  #: default: now in the site's time zone


@dataclass(frozen=True)
class Written:
    """A release file `new` wrote."""

    path: Path  #: as the operating system takes it
    shown: str  #: as shown to the editor
    slug: str


def _moment(new: NewRelease, config: SiteConfig, now: datetime) -> datetime:
    return new.date or now.astimezone(config.zone).replace(microsecond=0)


def release_text(new: NewRelease, config: SiteConfig, now: datetime) -> str:
    """The file's text, a draft whose body is the placeholder (which a published release may
    not keep); raises UsageError for an unknown type (the nearest one, and the valid ones)."""
    kind = config.type_named(new.type)
    if kind is None:
        names = [t.name for t in config.types]
        hint = did_you_mean(new.type.lower(), names)
        listed = ", ".join(f'"{name}"' for name in names)
        raise UsageError(f'--type: "{new.type}" is not a release type of this site{hint} (expected one of {listed})')
    lines = [
        "---",
        f"title: {_quoted(new.title)}",
        f"type: {kind.name}",
        f"office: {_quoted(new.office)}",
        f"date: {_moment(new, config, now).isoformat()}",
        f"tags: [{', '.join(_quoted(t) for t in new.tags)}]",
        "draft: true",
        "---",
        PLACEHOLDER_BODY,
        "",
    ]
    return "\n".join(lines)


def _argument_problem(problem: Problem) -> str:
    """A problem of the text made from the arguments, named by the argument (the file was not written)."""
    expected = f" (expected {problem.expected})" if problem.expected else ""
    return f"{_ARGUMENTS.get(problem.field, problem.field)}: {problem.message}{expected}"


def _same_slug(releases: Path, slug: str) -> str | None:
    """The content-relative path of a release file whose name gives `slug` already, or None."""
    for found in walker.walk(releases, follow_links=True, ignored=walker.ignored_name).found:
        if is_markdown(found.relative) and slugify(PurePosixPath(found.relative).stem) == slug:
            return f"releases/{found.relative}"
    return None


def _vocabulary_file(site_root: Path, content: str, name: str) -> SourceFile | None:
    try:
        data = (site_root / "content" / name).read_bytes()
    except OSError:
        return None  # no vocabulary (or an unreadable one, which the build reports)
    return SourceFile(shown=f"{content}/{name}", relative=name, data=data)


def _listed_spelling(
    value: str, entries: Sequence[Office | TagEntry] | None, argument: str, file: str, what: str
) -> str:
    """`value` as the vocabulary spells it (case, spacing and accents aside), or UsageError with
    the nearest listed name; `value` itself where the site has no such vocabulary."""
    if entries is None:
        return value
    listed = {fold(entry.name): entry.name for entry in entries}
    if fold(value) in listed:
        return listed[fold(value)]
    hint = did_you_mean(value, sorted(listed.values()))
    raise UsageError(f'{argument}: "{value}" is not in {file}{hint} (expected {what} listed there)')


def with_listed_names(site_root: Path, shown_root: str, new: NewRelease) -> NewRelease:
    """`new` with its office and tags in the spellings content/offices.yaml and content/tags.yaml
    list, where the site has them; UsageError (nothing written) for a name they do not list, as
    the build would give for the file."""
    content = f"{shown_root.rstrip('/')}/content" if shown_root else "content"
    offices = _vocabulary_file(site_root, content, "offices.yaml")
    tags = _vocabulary_file(site_root, content, "tags.yaml")
    if offices is None and tags is None:
        return new
    vocabulary, _ = parse_vocabulary(offices, tags, lambda: BodyRenderer(allow_html=False), f"{content}/")
    office = _listed_spelling(new.office, vocabulary.offices, "--office", vocabulary.offices_file, "an office")
    listed_tags = tuple(
        _listed_spelling(tag, vocabulary.tags, "--tags", vocabulary.tags_file, "a tag") for tag in new.tags
    )
    return dataclasses.replace(new, office=office, tags=listed_tags)


def create_release(site_root: Path, shown_root: str, new: NewRelease, config: SiteConfig, now: datetime) -> Written:
    """Write content/releases/<year>/<slug>.md (the year of its date; the title through the
    slug rule, so at most SLUG_MAX_BYTES before ".md"); never overwrites, and never makes a
    second file of a slug a release file already has. Raises UsageError saying why nothing
    was written (naming the arguments, never the file that was not written)."""
    new = with_listed_names(site_root, shown_root, new)
    slug = slugify(new.title)
    if not slug:
        raise UsageError(f'the title "{new.title}" has no letters or digits to make a file name from')
    text = release_text(new, config, now)
    relative = f"releases/{_moment(new, config, now).year}/{slug}.md"
    content = f"{shown_root.rstrip('/')}/content" if shown_root else "content"
    shown = f"{content}/{relative}"
    parsed, problems = parse_release(SourceFile(shown=shown, relative=relative, data=text.encode()), config)
    if parsed is None:
        raise UsageError("; ".join(_argument_problem(p) for p in problems if p.severity == "error"))
    taken = _same_slug(site_root / "content" / "releases", slug)
    if taken is not None:
        raise UsageError(
            f'{content}/{taken} already exists with the slug "{slug}"; choose another title or edit that file'
        )
    path = site_root / "content" / relative
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:  # a file where a folder should be, or no permission
        raise UsageError(
            f"the release cannot be written: cannot make the folder {error.filename} ({error.strerror})"
        ) from None
    try:
        with open(path, "x", encoding="utf-8") as stream:
            stream.write(text)
    except FileExistsError:
        raise UsageError(f"{shown} already exists; choose another title or edit that file") from None
    except OSError as error:
        raise UsageError(f"the release cannot be written in {path.parent} ({error.strerror})") from None
    return Written(path, shown, slug)


def next_steps(written: Written, shown_root: str) -> list[str]:
    """What `new` prints after the file's path: how to preview the draft and how to publish it."""
    source = f" --source {shown_root}" if shown_root else ""
    return [
        "It is a draft (draft: true): builds leave it out until it is published.",
        f"Preview it:  generator serve{source}  then open http://127.0.0.1:8000/releases/{written.slug}/",
        f'Publish it:  replace "{PLACEHOLDER_BODY}" with the release\'s text,',
        '             delete the line "draft: true", and build (or push) the site.',
    ]
