"""The Jinja environment over the site's templates: checking them, rendering with them, and
their problems at the template's file and line.

Release bodies are already HTML (wrapped in Markup once by the renderer) and are never
rendered as templates.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
from collections import Counter
from collections.abc import Sequence
from contextvars import ContextVar
from datetime import datetime
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from generator.content.front_matter import decode
from generator.dates import display_date, machine_date, machine_time
from generator.digests import content_digest
from generator.errors import Problem
from generator.model import SourceFile
from generator.slugs import shorten


@jinja2.pass_context
def _display_date(context: jinja2.runtime.Context, moment: datetime) -> str:
    """The `display_date` filter: the date in the words of the page's strings (`t`)."""
    return display_date(moment, context["t"])


def _to_json(value: Any) -> Markup:
    """JSON safe inside <script>: "<", ">" and "&" escaped so no text can close the element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


_used: ContextVar[set[str] | None] = ContextVar("templates_used", default=None)


def _utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class _RecordingEnvironment(jinja2.Environment):
    """Records every template a render loads (extends and includes too), for incremental builds."""

    def _load_template(self, name: Any, globals: Any) -> jinja2.Template:
        # Every lookup comes through here: get_template, extends, include, and each name
        # that select_template tries (a missing one too: creating it must re-render).
        used = _used.get()
        if used is not None and isinstance(name, str):
            used.add(name)
        return super()._load_template(name, globals)


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja's cache of compiled templates, which only saves time: a template it cannot
    store (a full disk) is compiled again next time."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


class Templates:
    """One Jinja environment over the site's templates/ and then the shipped ones."""

    def __init__(self, folders: Sequence[Path], shown: dict[Path, str], compiled: Path | None = None) -> None:
        """`compiled`: a folder to keep compiled templates in between builds (Jinja's bytecode cache)."""
        self.folders = folders
        self.shown = shown
        if compiled is not None:
            try:
                compiled.mkdir(parents=True, exist_ok=True)
            except OSError:
                compiled = None  # a site folder that cannot hold a cache compiles templates each time
        self.env = _RecordingEnvironment(
            # utf-8-sig: a template saved with a BOM puts no U+FEFF into the pages
            loader=jinja2.FileSystemLoader([str(f) for f in folders], encoding="utf-8-sig"),
            bytecode_cache=_CompiledTemplates(str(compiled)) if compiled is not None else None,
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,  # one environment per build: a template never changes while it is used
        )
        self.env.filters["display_date"] = _display_date
        self.env.filters["machine_date"] = machine_date
        self.env.filters["machine_time"] = machine_time
        self.env.filters["shorten"] = shorten
        self.env.filters["to_json"] = _to_json

    def show(self, filename: str | None) -> str:
        """A template file name as the user knows it (e.g. "templates/base.html")."""
        if not filename:
            return "templates"
        path = Path(filename)
        for folder, label in self.shown.items():
            if path.is_relative_to(folder):
                return f"{label}/{path.relative_to(folder).as_posix()}"
        return filename

    def names(self) -> list[str]:
        """Every template's name (hidden files and names that are not UTF-8 left out)."""
        return self.env.list_templates(filter_func=lambda n: not n.startswith(".") and _utf8(n))

    def check(self) -> list[Problem]:
        """Compile every template, reporting each syntax error with its file and line."""
        problems = [
            Problem(self.show(str(folder / name)), 0, "", "name is not valid UTF-8, not read", "a UTF-8 file name")
            for name in self.env.list_templates(filter_func=lambda n: not n.startswith(".") and not _utf8(n))
            for folder in self.folders
            if os.path.lexists(folder / name)
        ]
        for name in self.names():
            path = next((folder / name for folder in self.folders if os.path.lexists(folder / name)), None)
            if path is not None and not path.is_file():  # the loader would skip it, silently taking a shipped one
                problems.append(Problem(self.show(str(path)), 0, "", "broken symbolic link or unreadable entry"))
                continue
            try:
                self.env.get_template(name)
            except jinja2.TemplateSyntaxError as error:
                problems.append(
                    Problem(
                        self.show(error.filename),
                        error.lineno,
                        "template",
                        f"syntax error: {error.message}",
                        "valid Jinja syntax",
                    )
                )
            except (UnicodeDecodeError, OSError) as error:
                problems.append(self._unreadable(path or Path(name), error))
        return problems

    def _unreadable(self, path: Path, error: UnicodeDecodeError | OSError) -> Problem:
        """The problem of a template file that is not UTF-8 (at its line), or cannot be read."""
        shown = self.show(str(path))
        if isinstance(error, UnicodeDecodeError):
            with contextlib.suppress(OSError):
                problems = decode(SourceFile(shown=shown, relative=path.name, data=path.read_bytes()))[1]
                if problems:
                    return problems[0]
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        return Problem(shown, 0, "", f"cannot be read: {reason}", "a readable UTF-8 text file")

    def render(self, name: str, context: dict[str, Any]) -> tuple[str, frozenset[str]]:
        """The rendered text and the names of every template it used."""
        used: set[str] = set()
        token = _used.set(used)
        try:
            return self.env.get_template(name).render(context), frozenset(used)
        finally:
            _used.reset(token)

    def digests(self) -> dict[str, str]:
        """name -> digest of the template file in use, for every template."""
        result = {}
        for name in self.names():
            source, filename, _ = self.env.loader.get_source(self.env, name)  # type: ignore[union-attr]
            result[name] = content_digest(source, filename or "")
        return result

    def problem(self, error: Exception, page: str) -> Problem | None:
        """An error raised while rendering `page`, at the line of the innermost template
        it came through; None when no template was running (a bug of ours, not of a template)."""
        frames: list[tuple[str | None, int]] = [(None, 0)]
        tb = error.__traceback__
        while tb is not None:
            name = tb.tb_frame.f_code.co_filename
            if any(Path(name).is_relative_to(f) for f in self.folders):
                frames.append((name, tb.tb_lineno))
            tb = tb.tb_next
        frame = _loop_call(frames) if isinstance(error, RecursionError) else frames[-1]
        filename, line = frame
        if isinstance(error, jinja2.TemplateError):
            if filename is None:  # raised before any template code ran: a missing or broken template
                filename, line = getattr(error, "filename", None), getattr(error, "lineno", 0) or 0
            return Problem(
                self.show(filename),
                line,
                "template",
                f"{error}{_rendering(page)}",
                "variables and filters that exist",
            )
        if filename is None:
            return None
        if isinstance(error, RecursionError):
            what = "calls itself without end (a macro, include or extends), RecursionError"
        else:
            what = f"{type(error).__name__}: {error}"
        return Problem(self.show(filename), line, "template", f"{what}{_rendering(page)}", "a template that renders")


def _rendering(page: str, others: int = 0) -> str:
    also = f" and {others} other page{'s' if others > 1 else ''}" if others else ""
    return f" (rendering /{page}{also})"


def one_per_template_line(failures: Sequence[tuple[Problem, str]]) -> list[Problem]:
    """The problems of pages that failed to render (each with its page's URL), one per template
    line and message: the first page's, saying how many other pages failed the same way (a bad
    line in release.html fails every release), in the order of the pages."""
    first: dict[tuple[str, int, str], tuple[Problem, str]] = {}
    others: Counter[tuple[str, int, str]] = Counter()
    for problem, page in failures:
        key = (problem.path, problem.line, problem.message.removesuffix(_rendering(page)))
        if key in first:
            others[key] += 1
        else:
            first[key] = (problem, page)
    return [
        dataclasses.replace(problem, message=key[2] + _rendering(page, others[key]))
        for key, (problem, page) in first.items()
    ]


def _loop_call(frames: list[tuple[str | None, int]]) -> tuple[str | None, int]:
    """The template line that closes the first loop in a too-deep stack of template frames
    (where the stack was cut off depends on how deep it began: this does not)."""
    for start, frame in enumerate(frames):
        if frame in frames[start + 1 :]:
            return frames[frames.index(frame, start + 1) - 1]
    return frames[-1]
