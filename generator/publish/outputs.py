"""Which output files a build must write, and writing them.

Every output is described first (`render.plan`: an output that renders itself)
with a fingerprint of what it is made from. A file whose fingerprint, templates and
bytes on disk are as the last build left them is carried over unchanged
(same bytes, same mtime); the rest are rendered, in parallel, into the fresh
folder that is then switched in. When nothing changed nothing is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.digests import content_digest
from generator.errors import Problem, ProblemsFound
from generator.model import OutputFile
from generator.parallel import process_chunks
from generator.progress import Progress
from generator.publish.audit import Leak, LeakAudit, leak_problems
from generator.publish.records import OutputRecord, OutputState, Records
from generator.publish.write import Spare, clear_leftovers, disk_errors, file_paths, file_states
from generator.render.kinds.base import Output
from generator.render.pages import PageRenderer
from generator.render.planned import Planned
from generator.render.templates import one_per_template_line


@dataclass(frozen=True, slots=True)
class WriteReport:
    written: int
    unchanged: int


class TemplateDigests:
    """Digests of sets of templates (one per distinct set a page used), from each template's digest."""

    def __init__(self, digests: Mapping[str, str]) -> None:
        self.digests = digests
        self._sets: dict[frozenset[str], str] = {}

    def of(self, names: frozenset[str]) -> str:
        if names not in self._sets:
            self._sets[names] = content_digest(*(f"{n}={self.digests.get(n, '')}" for n in sorted(names)))
        return self._sets[names]


#: The record of a file in the spare whose making is not known: it matches no planned file.
_UNKNOWN = OutputRecord("", frozenset(), "", -1, -1)


def _same(item: Planned, record: OutputRecord | None, templates: TemplateDigests) -> bool:
    """Would rendering `item` now give what `record` describes?"""
    return (
        record is not None
        and record.fingerprint == item.fingerprint
        and record.template_digest == templates.of(record.templates)
    )


@dataclass(frozen=True)
class _RenderWork:
    """What the forked workers share: they render pages, audit them and write them into the spare."""

    renderer: PageRenderer
    spare: Spare
    pages: Sequence[Output]
    audit: LeakAudit


def _render_and_write(work: _RenderWork, index: int) -> tuple[int, int, frozenset[str], list[Leak]] | Problem:
    """Render one page into the spare; return its size, mtime, the templates it used and its leaks
    (a leaking page is written all the same: the spare is never switched in then)."""
    page = work.pages[index]
    try:
        data, used = page.render(work.renderer)
    except ProblemsFound as found:
        return found.problems[0]
    info = work.spare.write(page.path, data)
    return info.st_size, info.st_mtime_ns, used, work.audit.scan(page.path, data)


def _audit_kept(audit: LeakAudit, files: Iterable[tuple[str, Path]]) -> list[Leak]:
    """Leaks in files kept from an earlier build that was not audited for today's hidden releases."""
    leaks = []
    for path, folder in files:
        with open(folder / path, "rb") as stream:
            leaks += audit.scan(path, stream.read())
    return leaks


def _audit_unread(audit: LeakAudit, folder: Path, read: set[str]) -> list[Leak]:
    """Leaks in the files of `folder` that are neither in `read` nor known to be clean: whatever
    else is in the spare (put there by hand, left by a tool) would be published with it."""
    if not audit.markers:
        return []
    return _audit_kept(audit, ((path, folder) for path in sorted(file_paths(folder) - read)))


def write_outputs(
    renderer: PageRenderer,
    planned: Sequence[Planned],
    output: Path,
    state: OutputState,
    jobs: int,
    progress: Progress,
    on_disk: Mapping[str, tuple[int, int]] | None = None,
    audit: LeakAudit | None = None,
) -> tuple[OutputState, WriteReport]:
    """Bring the output folder to exactly `planned`; return its new state and what was done.

    The spare (the previous site) is brought up to date, changing only what
    differs, and swapped in. `on_disk`: (size, mtime) of each file in the output,
    if known (else the output is walked). Raises ProblemsFound (output untouched)
    when a template fails or the leak audit finds a trace of a hidden release:
    every file written is searched, and a kept one when the hidden releases are
    not among those its folder was last searched for."""
    audit = audit or LeakAudit([], [])
    digests = TemplateDigests(renderer.templates.digests())
    paths = {item.path for item in planned}
    # One walk of the output (recently written, so cheap) tells what is still as written,
    # what was edited by hand and what was added by hand.
    if on_disk is None:
        on_disk = file_states(output) if output.exists() else {}
    intact = {path for path, record in state.current.items() if on_disk.get(path) == (record.size, record.mtime_ns)}
    in_output = {
        item.path for item in planned if item.path in intact and _same(item, state.current[item.path], digests)
    }
    added_by_hand = set(on_disk) - set(state.current)
    if len(in_output) == len(planned) and set(state.current) == paths and not added_by_hand:
        if not audit.markers <= state.audited:
            if leaks := _audit_kept(audit, ((path, output) for path in paths)):
                raise ProblemsFound(leak_problems(leaks))
            state = OutputState(state.current, state.spare, audit.markers, state.spare_audited)
        clear_leftovers(output)
        return state, WriteReport(0, len(planned))
    with disk_errors(output):
        spare = Spare(output, fresh=state.spare is None)
        spare_records: Records = {} if spare.fresh or state.spare is None else dict(state.spare)
        # The spare is hidden and ours, so its records are trusted, except for files edited by hand
        # in the output: a kept page is a hard link shared by both folders, so the edit is in both.
        in_spare = {
            item.path
            for item in planned
            if _same(item, spare_records.get(item.path), digests) and (item.path in intact or item.path not in on_disk)
        }
        progress.begin("Updating unchanged files", len(planned))
        for path in set(spare_records) - paths:
            spare.remove(path)
            del spare_records[path]
        for item in planned:
            if item.path in in_output and item.path not in in_spare:
                spare.keep(item.path)
                spare_records[item.path] = state.current[item.path]
        progress.advance(len(planned))
        ready = in_output | in_spare
        # A kept file is clean if the folder it comes from was audited for (at least) today's hidden releases.
        clean = (in_output if audit.markers <= state.audited else set()) | (
            in_spare if audit.markers <= state.spare_audited else set()
        )
        searched = ready - clean
        leaks = _audit_kept(audit, ((path, spare.path) for path in sorted(searched)))
        pages = [item.output for item in planned if item.output.parallel and item.path not in ready]
        progress.begin("Rendering pages", len(pages))
        fingerprints = {item.path: item.fingerprint for item in planned}
        # Each worker writes the pages it renders (making their folders), so the pages' bytes
        # never travel between processes and the disk's work overlaps the other worker's rendering.
        try:
            work = _RenderWork(renderer, spare, pages, audit)
            failures: list[tuple[Problem, str]] = []
            for indices, results in process_chunks(_render_and_write, work, len(pages), jobs):
                for index, result in zip(indices, results, strict=True):
                    if isinstance(result, Problem):
                        failures.append((result, pages[index].url))
                        continue
                    path = pages[index].path
                    size, mtime_ns, used, found = result
                    leaks += found
                    spare_records[path] = OutputRecord(fingerprints[path], used, digests.of(used), size, mtime_ns)
                progress.advance(len(indices))
            if failures:  # every page is rendered first, so every template problem of the run is reported
                spare.discard()
                raise ProblemsFound(one_per_template_line(failures))
            for item in planned:
                if not item.output.parallel and item.path not in ready:
                    data, _ = item.output.render(renderer)
                    leaks += audit.scan(item.path, data)
                    searched.add(item.path)
                    info = spare.write(item.path, data)
                    spare_records[item.path] = OutputRecord(
                        item.fingerprint, frozenset(), digests.of(frozenset()), info.st_size, info.st_mtime_ns
                    )
        finally:
            progress.finish()
        searched.update(page.path for page in pages)
        leaks += _audit_unread(audit, spare.path, searched | clean)
        if leaks:
            spare.discard()
            raise ProblemsFound(leak_problems(leaks))
        # What the old output becomes: the spare, known for the files that passed the check; one
        # that did not (edited by hand, or written by a build the cache did not see: --no-cache)
        # is recorded as unknown, so the next build replaces or removes it, never publishes it
        # (and nothing is known if files were added by hand: it is rebuilt from scratch next time).
        previous = (
            {path: state.current[path] if path in intact else _UNKNOWN for path in on_disk}
            if output.exists() and not added_by_hand
            else None
        )
        swapped = spare.finish()
    changed = len(planned) - len(in_output)
    spare_audited = state.audited if previous is not None else frozenset()
    if not swapped:  # the output (a mount point) was given copies: the spare is the new site too
        previous, spare_audited = dict(spare_records), audit.markers
    new_state = OutputState(spare_records, previous, audit.markers, spare_audited)
    return new_state, WriteReport(changed, len(planned) - changed)


def render_in_memory(renderer: PageRenderer, planned: Sequence[Planned]) -> list[OutputFile]:
    """Every output as bytes, for `check` (nothing is written)."""
    files = []
    failures: list[tuple[Problem, str]] = []
    for item in planned:
        try:
            data, _ = item.output.render(renderer)
        except ProblemsFound as found:
            failures.append((found.problems[0], item.output.url))
            continue
        files.append(OutputFile(path=item.path, data=data))
    if failures:
        raise ProblemsFound(one_per_template_line(failures))
    return files
