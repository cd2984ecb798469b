"""What the output folder holds, file by file: how each file was made, to know whether it can be kept."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.pickling import compact_pickle


@compact_pickle
@dataclass(frozen=True, slots=True)
class OutputRecord:
    """How one output file was made, to know whether it can be kept as it is."""

    fingerprint: str  #: of its values (pages) or of its bytes (other files)
    templates: frozenset[str]  #: templates the page used (empty for other files)
    template_digest: str  #: digest of those templates' contents at the time
    size: int  #: size and mtime of the file as written, to notice edits by hand
    mtime_ns: int


Records = dict[str, OutputRecord]


@dataclass
class OutputState:
    """What the output folder and its spare (the previous site) hold, file by file."""

    current: Records = field(default_factory=dict)
    spare: Records | None = None  #: None: not known for sure, so it is rebuilt from scratch
    audited: frozenset[str] = frozenset()  #: hidden-release markers the output is known to be free of
    spare_audited: frozenset[str] = frozenset()  #: the same for the spare
