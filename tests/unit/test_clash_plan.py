"""The plan of outputs: a clash is reported exactly when the paths cannot all be files of one tree."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.model import SourceFile
from generator.publish.clashes import output_clashes
from generator.publish.write import MARKER, Spare
from generator.render.kinds.files import CopiedFile
from generator.render.planned import Planned

SEGMENTS = ["a", "b", "a.html", "index.html", "feed.xml", MARKER, ".a.html.tmp"]
paths = st.lists(st.sampled_from(SEGMENTS), min_size=1, max_size=4).map("/".join)


def planned(relatives: list[str]) -> list[Planned]:
    items = [SourceFile(shown=f"content/{r}", relative=r, data=r.encode()) for r in dict.fromkeys(relatives)]
    return [Planned(CopiedFile(item.relative, item), item.digest) for item in items]


def a_tree_holds(relatives: set[str]) -> bool:
    """Could these (and the marker) all be files of one folder, no name starting with "." but the marker's?"""
    files = relatives | {MARKER}
    through_a_file = any(f"{other}/" in f"{path}/"[: len(other) + 1] for path in files for other in files - {path})
    hidden = any(part.startswith(".") for path in relatives for part in path.split("/"))
    return not through_a_file and not hidden


@settings(max_examples=300, deadline=None)
@given(st.lists(paths, min_size=1, max_size=8))
def test_clashes_are_reported_exactly_when_no_folder_could_hold_every_output(relatives: list[str]) -> None:
    problems = output_clashes(planned(relatives), {}, ())
    assert (not problems) == a_tree_holds(set(relatives)), problems
    for problem in problems:
        assert problem.path.startswith("content/")
        assert problem.path.removeprefix("content/") in relatives


@settings(max_examples=60, deadline=None)
@given(st.lists(paths, min_size=1, max_size=8))
def test_a_plan_without_clashes_can_be_written(relatives: list[str]) -> None:
    items = planned(relatives)
    if output_clashes(items, {}, ()):
        return
    with tempfile.TemporaryDirectory() as folder:
        spare = Spare(Path(folder) / "site", fresh=True)
        for item in items:
            assert item.source is not None
            spare.write(item.path, item.source.read())
        spare.finish()
        for item in items:
            assert item.source is not None
            assert (Path(folder) / "site" / item.path).read_bytes() == item.source.read()
