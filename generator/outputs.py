"""Which output files a build must write, and writing them.

Every output is described first (a page spec, or a file's bytes) with a
fingerprint of what it is made from. A file whose fingerprint, templates and
bytes on disk are as the last build left them is carried over unchanged
(same bytes, same mtime); the rest are rendered, in parallel, into the fresh
folder that is then switched in. When nothing changed nothing is written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.cache import OutputRecord
from generator.errors import Problem, ProblemsFound
from generator.model import OutputFile, SourceFile, content_digest
from generator.parallel import process_chunks
from generator.progress import Progress
from generator.render import PageRenderer, PageSpec, fingerprint
from generator.write import FreshFolder, clear_leftovers, file_state


@dataclass(frozen=True, slots=True)
class Planned:
    """One output file: a page to render (spec) or a file whose bytes are known (data)."""

    path: str
    fingerprint: str
    spec: PageSpec | None = None
    data: bytes | None = None
    source: SourceFile | None = None  #: a file under content/, copied as it is

    def bytes(self) -> bytes:
        if self.data is not None:
            return self.data
        assert self.source is not None
        return self.source.read()


@dataclass(frozen=True, slots=True)
class WriteReport:
    written: int
    unchanged: int


def plan(renderer: PageRenderer, files: Sequence[OutputFile], assets: Sequence[SourceFile] = ()) -> list[Planned]:
    """Every output of the site: pages, then files with known bytes, then files copied from content/."""
    site = renderer.site_digest()
    planned = [Planned(spec.path, fingerprint(spec, site), spec=spec) for spec in renderer.specs()]
    planned += [Planned(f.path, content_digest(f.data), data=f.data) for f in files]
    planned += [Planned(a.relative, a.digest, source=a) for a in assets]
    return planned


def duplicate_paths(planned: Sequence[Planned], shown_of: Mapping[str, str]) -> list[Problem]:
    """An error for each file under content/ that would take the place of a generated file."""
    seen: set[str] = set()
    problems = []
    for item in planned:
        if item.path in seen:
            shown = shown_of.get(item.path, item.path)
            problems.append(
                Problem(shown, 0, "", f"would replace the generated file /{item.path}", "another file name or folder")
            )
        seen.add(item.path)
    return problems


def template_digest(names: frozenset[str], digests: Mapping[str, str]) -> str:
    return content_digest(*(f"{n}={digests.get(n, '')}" for n in sorted(names)))


def _unchanged(item: Planned, record: OutputRecord | None, digests: Mapping[str, str], output: Path) -> bool:
    return (
        record is not None
        and record.fingerprint == item.fingerprint
        and record.template_digest == template_digest(record.templates, digests)
        and file_state(output, item.path) == (record.size, record.mtime_ns)
    )


def _render_one(renderer: PageRenderer, spec: PageSpec) -> tuple[bytes, frozenset[str]] | Problem:
    try:
        return renderer.render(spec)
    except ProblemsFound as found:
        return found.problems[0]


def write_outputs(
    renderer: PageRenderer,
    planned: Sequence[Planned],
    output: Path,
    previous: Mapping[str, OutputRecord],
    jobs: int,
    progress: Progress,
) -> tuple[dict[str, OutputRecord], WriteReport]:
    """Bring the output folder to exactly `planned`; return the new records and what was done.

    Raises ProblemsFound (output untouched) when a template fails."""
    digests = renderer.templates.digests()
    keep = [item for item in planned if _unchanged(item, previous.get(item.path), digests, output)]
    if len(keep) == len(planned) and set(previous) == {item.path for item in planned}:
        clear_leftovers(output)
        return dict(previous), WriteReport(0, len(keep))
    kept = {item.path for item in keep}
    records = {path: previous[path] for path in kept}
    folder = FreshFolder(output)
    try:
        progress.begin("Copying unchanged files", len(keep))
        for item in keep:
            folder.keep(item.path)
        specs = [item.spec for item in planned if item.path not in kept and item.spec is not None]
        progress.begin("Rendering pages", len(specs))
        fingerprints = {item.path: item.fingerprint for item in planned}
        # Workers render; this process alone writes: file systems serialise metadata
        # changes, and several writers contend instead of helping.
        chunks = process_chunks(lambda r, i: _render_one(r, specs[i]), renderer, len(specs), jobs)
        for indices, results in chunks:
            for index, result in zip(indices, results, strict=True):
                if isinstance(result, Problem):
                    raise ProblemsFound([result])
                data, used = result
                spec = specs[index]
                info = folder.write(spec.path, data)
                records[spec.path] = OutputRecord(
                    fingerprints[spec.path], used, template_digest(used, digests), info.st_size, info.st_mtime_ns
                )
            progress.advance(len(indices))
        for item in planned:
            if item.spec is None and item.path not in kept:
                info = folder.write(item.path, item.bytes())
                records[item.path] = OutputRecord(
                    item.fingerprint, frozenset(), template_digest(frozenset(), digests), info.st_size, info.st_mtime_ns
                )
    except BaseException:
        folder.abandon()
        raise
    finally:
        progress.finish()
    folder.finish()
    return records, WriteReport(len(planned) - len(keep), len(keep))


def render_in_memory(renderer: PageRenderer, planned: Sequence[Planned]) -> list[OutputFile]:
    """Every output as bytes, for `check` (nothing is written)."""
    files = []
    for item in planned:
        if item.spec is not None:
            data, _ = renderer.render(item.spec)
            files.append(OutputFile(item.path, data))
        else:
            files.append(OutputFile(item.path, item.bytes()))
    return files
