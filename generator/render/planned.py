"""The plan of one output file: what the renderer describes and the publisher writes."""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import SourceFile
from generator.render.kinds.base import Output
from generator.render.kinds.files import CopiedFile


@dataclass(frozen=True, slots=True)
class Planned:
    """One output file: the output (which renders itself) and its fingerprint, which says
    whether the file on disk is what rendering it now would give."""

    output: Output
    fingerprint: str

    @classmethod
    def of(cls, output: Output, site: str) -> Planned:
        """`output` with its fingerprint (`site`: the site digest, `PageRenderer.site_digest`)."""
        return cls(output, output.fingerprint(site))

    @property
    def path(self) -> str:
        return self.output.path

    @property
    def source(self) -> SourceFile | None:
        """The file under content/ it is a copy of, if any."""
        return self.output.source if isinstance(self.output, CopiedFile) else None
