"""Clashes in the plan of outputs, found before anything is written: two outputs at one path,
or one that needs a folder where another output (or the marker) is a file."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from generator.errors import Problem
from generator.model import Alias, Page, Release, SourceFile
from generator.publish.write import MARKER
from generator.render.kinds.alias import AliasPage
from generator.render.kinds.html import TemplatePage
from generator.render.planned import Planned
from generator.slugs import NAME_MAX_BYTES, PATH_MAX_BYTES, utf8_length
from generator.weburls import served_file


def output_clashes(
    planned: Sequence[Planned], shown_of: Mapping[str, str], releases: Sequence[Release], filled: Sequence[str] = ()
) -> list[Problem]:
    """Every clash between planned outputs, before anything is written: a file under content/
    that would take the place of a generated file; an alias of any release (unpublished ones
    too: publishing it must not break a scheduled build) that would take another's place or
    go into a folder the generator fills (`filled`: the search index's, whose files are known
    only later); and every output that needs a folder where another output (or the marker) is a file."""
    owners: dict[str, Planned] = {}
    problems = []
    for item in planned:
        if isinstance(item.output, AliasPage):
            continue
        if item.path in owners:
            shown = shown_of.get(item.path, item.path)
            problems.append(
                Problem(shown, 0, "", f"would replace the generated file /{item.path}", "another file name or folder")
            )
        owners.setdefault(item.path, item)
    problems += _alias_problems(releases, owners, filled)
    return problems + _folder_clashes(_claims(planned, releases))


def long_names(planned: Sequence[Planned]) -> list[Problem]:
    """An error for each output whose path has a file or folder name longer than a file system
    takes, naming the file it comes from (slugs are cut and checked before; this is the last guard)."""
    problems = []
    for item in planned:
        longest = max(item.path.split("/"), key=utf8_length)
        if utf8_length(longest) > NAME_MAX_BYTES:
            message = f"would be written at /{item.path[:60]}…, which has a name {utf8_length(longest)} bytes long"
            problems.append(Problem(_owner(item), 0, "", message, f"at most {NAME_MAX_BYTES} bytes between slashes"))
        elif utf8_length(item.path) > PATH_MAX_BYTES:
            message = f"would be written at /{item.path[:60]}…, a path {utf8_length(item.path)} bytes long"
            problems.append(Problem(_owner(item), 0, "", message, f"at most {PATH_MAX_BYTES} bytes in all"))
    return problems


def _owner(item: Planned) -> str:
    """Who makes an output: the content file (or release, or page), or the generator itself."""
    return _maker(item).shown or f"a page the generator makes (/{item.path})"


def _alias_problems(
    releases: Sequence[Release], owners: Mapping[str, Planned], filled: Sequence[str] = ()
) -> list[Problem]:
    problems = []
    release_at = {served_file(release.url): release for release in releases}
    claimed: dict[str, tuple[Release, Alias]] = {}
    for release in releases:
        for alias in release.aliases:
            other = release_at.get(alias.path)
            if other is release:
                message = f'"{alias.written}" is the URL of this release itself'
            elif other is not None:
                message = f'"{alias.written}" is the URL of {other.source}'
            elif folder := next((f for f in filled if alias.path.startswith(f)), None):
                message = f'"{alias.written}" is inside /{folder}, which the generator fills (the search index)'
            elif alias.path in owners:
                message = f'"{alias.written}" is the URL of {_owner(owners[alias.path])}'
            elif alias.path in claimed:
                first, first_alias = claimed[alias.path]
                message = f'"{alias.written}" is already an alias in {first.source}:{first_alias.line}'
            else:
                claimed[alias.path] = (release, alias)
                continue
            problems.append(Problem(release.source, alias.line, "aliases", message, ALIAS_EXPECTED_FREE))
    return problems


ALIAS_EXPECTED_FREE = "an old path that no page, file or other alias of the site has"


@dataclass(frozen=True, slots=True)
class _Maker:
    """Who puts a file at a path: where a problem with it is reported, and how it is named
    (`subject`: at the start of a problem reported at it; `named`: in another's).

    `shown` is "" for the generator itself (a problem is then reported at the other party)."""

    shown: str
    line: int
    field: str
    subject: str
    named: str
    expected: str = ""


def _generated(path: str) -> _Maker:
    return _Maker("", 0, "", f"/{path}", f"the generated file /{path}")


def _content_file(source: SourceFile) -> _Maker:
    expected = "another file name or folder under content/"
    return _Maker(source.shown, 0, "", f"/{source.relative}", f"/{source.relative} from {source.shown}", expected)


def _page_of(item: Release | Page) -> _Maker:
    url = f"/{served_file(item.url)}"
    return _Maker(item.source, 0, "", f"its page {url}", f"the page {url} of {item.source}", "another file name")


def _alias(release: Release, alias: Alias) -> _Maker:
    named = f'the alias "{alias.written}" ({release.source}:{alias.line})'
    return _Maker(release.source, alias.line, "aliases", f'"{alias.written}"', named, ALIAS_EXPECTED_FREE)


def _maker(item: Planned) -> _Maker:
    if item.source is not None:
        return _content_file(item.source)
    output = item.output
    if isinstance(output, AliasPage):
        alias = next((a for a in output.target.aliases if a.path == item.path), None)
        if alias is not None:
            return _alias(output.target, alias)
    thing = output.own if isinstance(output, TemplatePage) else None
    return _page_of(thing) if thing is not None else _generated(item.path)


#: Who claims a path: a planned output, a release's own page, an alias of a release, or (None) the marker.
_Claim = Planned | Release | tuple[Release, Alias] | None


def _claims(planned: Sequence[Planned], releases: Sequence[Release]) -> dict[str, _Claim]:
    """Every file path the output will (or, once every release is published, may) hold, by who claims it."""
    claims: dict[str, _Claim] = {}
    for item in planned:
        claims.setdefault(item.path, item)
    for release in releases:
        claims.setdefault(served_file(release.url), release)
        for alias in release.aliases:
            claims.setdefault(alias.path, (release, alias))
    claims.setdefault(MARKER, None)  # a file there has a name starting with "." (a problem too)
    return claims


def _maker_of(path: str, claim: _Claim) -> _Maker:
    """Who makes a file (worked out only for the few paths in a problem: it takes a while)."""
    if claim is None:
        return _Maker("", 0, "", f"/{MARKER}", f"the file /{MARKER} the generator marks its output with")
    if isinstance(claim, Release):
        return _page_of(claim)
    if isinstance(claim, tuple):
        return _alias(*claim)
    return _maker(claim)


def _blocking(path: str, claims: Mapping[str, _Claim]) -> str | None:
    """The first folder of `path` that is a file of the output, if any."""
    end = path.find("/")
    while end != -1:
        if path[:end] in claims:
            return path[:end]
        end = path.find("/", end + 1)
    return None


def _folder_clashes(claims: Mapping[str, _Claim]) -> list[Problem]:
    """A problem for each output whose path runs through another output's file (e.g. an alias
    /feed.xml/x/, a file content/releases.json/x.pdf), or through a name starting with "."
    (the generator's own: its marker and temporary files). Each names both parties, and is
    reported at the one an editor can change: the deeper one, else the file in the way (once)."""
    problems = []
    reported: set[str] = set()
    for path, claim in claims.items():
        blocking = _blocking(path, claims)
        if blocking is None:
            if claim is not None and (path.startswith(".") or "/." in path):
                maker = _maker_of(path, claim)
                if maker.shown:
                    message = f'{maker.subject} has a name starting with "." (kept for the generator\'s own files)'
                    problems.append(Problem(maker.shown, maker.line, maker.field, message, maker.expected))
            continue
        maker, other = _maker_of(path, claim), _maker_of(blocking, claims[blocking])
        if maker.shown or not other.shown:
            message = f"{maker.subject} needs /{blocking} to be a folder, but that is {other.named}"
            problems.append(Problem(maker.shown or f"/{path}", maker.line, maker.field, message, maker.expected))
        elif blocking not in reported:
            reported.add(blocking)
            message = f"{other.subject} would be a file, but {maker.named} needs /{blocking} to be a folder"
            problems.append(Problem(other.shown, other.line, other.field, message, other.expected))
    return problems
