"""Whole-process build benchmark: the generator against Pelican and Hugo.

    .venv/bin/python bench/run.py                       # sizes 1000,10000,100000, 3 runs
    .venv/bin/python bench/run.py --sizes 1000 --runs 1 --tools ours --markdown /tmp/bench.md

For each N: cold build (output and caches moved away first), no-change rebuild,
rebuild after editing one release body, rebuild after adding one release;
each timed from outside as one child process (wall seconds, median of --runs),
with the child's peak RSS and CPU time from os.wait4's rusage.  Prints a table;
never asserts on times; exits 0.

Old outputs are moved into <work>/trash, not deleted, until the end of the run
(or until its disk has under 20 GiB free):
deleting tens of thousands of files makes this machine's disk (ext4 mounted with
`discard`) slow every file and folder creation for a minute or more after, which
would land in the next build measured, whichever tool it is.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402

NOW = "2026-07-01T00:00:00+00:00"
CORPUS_VERSION = 1  # bump when corpus.py's output changes, so old corpora are regenerated
PHASES = ("cold", "no-change", "edit", "add")


# ------------------------------------------------------------------ measuring


@dataclass
class Sample:
    seconds: float
    rss_kib: int
    ok: bool
    note: str = ""
    cpu: float = 0.0  #: user + system seconds of the child and the processes it waited for


TRASH: list[Path] = []  #: the trash folder, once main has set it
#: Below this much free space on the trash's disk, the trash is emptied at once (see discard).
MIN_FREE = 20 * 1024**3


def discard(path: Path) -> None:
    """Move an old output out of the way, into the trash emptied at the end of the run: deleting
    it now would slow the next build measured (see the module's docstring). Deleted at once
    where it cannot be moved there (another file system)."""
    if not (path.exists() or path.is_symlink()):
        return
    trash = TRASH[0]
    trash.mkdir(parents=True, exist_ok=True)
    try:
        os.rename(path, Path(tempfile.mkdtemp(dir=trash)) / path.name)
    except OSError:
        shutil.rmtree(path, ignore_errors=True)
    if shutil.disk_usage(trash).free < MIN_FREE:
        print("  the disk is filling up: emptying the trash now (the next build may be slower)", file=sys.stderr)
        empty_trash()


def empty_trash() -> None:
    if TRASH:
        shutil.rmtree(TRASH[0], ignore_errors=True)


def measure(cmd: list[str], cwd: Path, log: Path, timeout: float) -> Sample:
    """Run cmd as one child; wall time from outside, peak RSS from wait4."""
    with open(log, "ab") as out:
        out.write(f"\n$ {' '.join(cmd)}\n".encode())
        out.flush()
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        timed_out = threading.Event()

        def kill() -> None:
            timed_out.set()
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)  # only the child's own process group

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _pid, status, usage = os.wait4(proc.pid, 0)
        except BaseException:  # Ctrl-C or SIGTERM: take the build down with us
            kill()
            os.wait4(proc.pid, 0)
            raise
        finally:
            timer.cancel()
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    if timed_out.is_set():
        return Sample(seconds, usage.ru_maxrss, False, f"timeout after {timeout:.0f} s", cpu)
    if proc.returncode != 0:
        return Sample(seconds, usage.ru_maxrss, False, f"exit {proc.returncode} (see {log})", cpu)
    return Sample(seconds, usage.ru_maxrss, True, "", cpu)


# ------------------------------------------------------------------ corpora


def ensure_corpus(work: Path, n: int, seed: int) -> Path:
    """Generate the corpus for (n, seed) once; reuse it while its stamp matches and it is clean."""
    site = work / f"n{n}-s{seed}" / "site"
    stamp = site.parent / "stamp.json"
    want = {"n": n, "seed": seed, "version": CORPUS_VERSION, "state": "clean"}
    if stamp.exists() and site.is_dir():
        try:
            if json.loads(stamp.read_text()) == want:
                return site
        except ValueError:
            pass
    print(f"generating corpus n={n} seed={seed} in {site} ...", file=sys.stderr, flush=True)
    if site.exists():
        discard(site)
    stamp.unlink(missing_ok=True)
    started = time.perf_counter()
    corpus.generate(n, seed, site)
    stamp.write_text(json.dumps(want))
    print(f"  done in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    return site


def set_state(site: Path, state: str) -> None:
    stamp = site.parent / "stamp.json"
    data = json.loads(stamp.read_text())
    data["state"] = state
    stamp.write_text(json.dumps(data))


class Changes:
    """Edits and additions made to the corpus during one tool's rows, undone afterwards."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self.originals: dict[Path, bytes] = {}
        self.added: list[Path] = []

    def edit(self, seed: int) -> Path:
        files = corpus.release_files(self.site)
        # Remember the file edit_one_body will pick (same rule) before it changes.
        import random

        path = files[random.Random(seed * 31 + 7).randrange(len(files))]
        self.originals.setdefault(path, path.read_bytes())
        edited = corpus.edit_one_body(self.site, seed)
        assert edited == path
        return edited

    def add(self, seed: int) -> Path:
        path = corpus.add_one_release(self.site, seed)
        self.added.append(path)
        return path

    def undo(self) -> None:
        for path, data in self.originals.items():
            path.write_bytes(data)
        for path in self.added:
            path.unlink(missing_ok=True)
        self.originals.clear()
        self.added.clear()


# ------------------------------------------------------------------ front matter conversion

_FM = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def read_release(path: Path) -> tuple[dict[str, object], str]:
    """Our corpus's own simple front matter (as corpus.py writes it) -> (fields, body)."""
    text = path.read_text(encoding="utf-8")
    m = _FM.match(text)
    assert m, path
    fields: dict[str, object] = {}
    for line in m.group(1).splitlines():
        key, _, value = line.partition(": ")
        if value.startswith('"'):
            value = value[1:-1].replace('\\"', '"').replace("\\\\", "\\")
        if key == "tags":
            fields[key] = [t.strip() for t in value.strip("[]").split(",") if t.strip()]
        else:
            fields[key] = value
    return fields, text[m.end() :]


def _q(text: object) -> str:
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_pelican(fields: dict[str, object], body: str) -> str:
    lines = [
        f"Title: {fields['title']}",
        f"Date: {fields['date']}",
        f"Tags: {', '.join(fields.get('tags', []))}",  # type: ignore[arg-type]
        f"Office: {fields['office']}",
        f"Kind: {fields['type']}",
    ]
    if "summary" in fields:
        lines.append(f"Summary: {fields['summary']}")
    return "\n".join(lines) + "\n\n" + body


def to_hugo(fields: dict[str, object], body: str) -> str:
    # `type` means a layout type in Hugo, so the release type travels as release_type.
    lines = [
        "---",
        f"title: {_q(fields['title'])}",
        f"date: {fields['date']}",
        f"tags: [{', '.join(_q(t) for t in fields.get('tags', []))}]",  # type: ignore[union-attr]
        f"office: {_q(fields['office'])}",
        f"release_type: {_q(fields['type'])}",
    ]
    if "summary" in fields:
        lines.append(f"summary: {_q(fields['summary'])}")
    return "\n".join(lines) + "\n---\n" + body


# ------------------------------------------------------------------ tools


@dataclass
class Tool:
    name: str
    site: Path  # the corpus
    dir: Path  # this tool's working folder
    python: str
    timeout: float
    extra: dict[str, str] = field(default_factory=dict)

    def prepare(self) -> None:
        """Convert the corpus (untimed)."""

    def reset(self) -> None:
        """Move output and caches away (`discard`) before a cold build."""

    def sync(self, path: Path, removed: bool = False) -> None:
        """Carry one changed corpus file over to this tool's copy."""

    def command(self) -> list[str]:
        raise NotImplementedError

    def build(self) -> Sample:
        self.dir.mkdir(parents=True, exist_ok=True)
        return measure(self.command(), self.dir, self.dir / "build.log", self.timeout)


class Ours(Tool):
    def __init__(self, **kw) -> None:  # type: ignore[no-untyped-def]
        super().__init__(**kw)
        self.dir = self.site.parent / "ours"

    def reset(self) -> None:
        for name in ("site", ".site.prev", ".cache"):  # a fresh clone: no earlier output at all
            discard(self.site / name)

    def command(self) -> list[str]:
        return [self.python, "-m", "generator", "build", "--source", str(self.site), "--quiet", "--now", NOW]

    def build(self) -> Sample:
        self.dir.mkdir(parents=True, exist_ok=True)
        # cwd = the repository, so `-m generator` finds the package even without an install.
        return measure(self.command(), REPO, self.dir / "build.log", self.timeout)


class OursAt(Ours):
    """The generator of another checkout (`--baseline DIR`: DIR/.venv/bin/python, cwd DIR), on
    the same corpus in the same run: before/after a change, measured side by side."""

    def __init__(self, repo: Path, **kw) -> None:  # type: ignore[no-untyped-def]
        super().__init__(**kw)
        self.repo = repo
        self.dir = self.site.parent / "ours-baseline"

    def build(self) -> Sample:
        self.dir.mkdir(parents=True, exist_ok=True)
        return measure(self.command(), self.repo, self.dir / "build.log", self.timeout)


class OursNoSearch(Ours):
    """The generator on a hard-linked copy of the corpus whose site.toml says `search = false`
    (the other tools build no search index)."""

    def __init__(self, **kw) -> None:  # type: ignore[no-untyped-def]
        super().__init__(**kw)
        self.dir = self.site.parent / "ours-nosearch"
        self.copy = self.site.parent / "site-nosearch"

    def prepare(self) -> None:
        discard(self.copy)
        shutil.copytree(self.site / "content", self.copy / "content", copy_function=os.link)
        settings = (self.site / "site.toml").read_text(encoding="utf-8")
        (self.copy / "site.toml").write_text("search = false\n" + settings, encoding="utf-8")

    def reset(self) -> None:
        for name in ("site", ".site.prev", ".cache"):
            discard(self.copy / name)

    def sync(self, path: Path, removed: bool = False) -> None:
        target = self.copy / path.relative_to(self.site)
        target.unlink(missing_ok=True)
        if not removed:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(path, target)

    def command(self) -> list[str]:
        return [self.python, "-m", "generator", "build", "--source", str(self.copy), "--quiet", "--now", NOW]


class Bare(Tool):
    """bench/bare.py: parse, render one page per release, write; a whole build every time."""

    def __init__(self, **kw) -> None:  # type: ignore[no-untyped-def]
        super().__init__(**kw)
        self.dir = self.site.parent / "bare"

    def reset(self) -> None:
        discard(self.dir / "output")

    def build(self) -> Sample:
        self.reset()  # it writes a new output every time; it is not timed deleting the last one
        return super().build()

    def command(self) -> list[str]:
        return [self.python, str(BENCH / "bare.py"), "--source", str(self.site), "--out", str(self.dir / "output")]


class Converted(Tool):
    convert = staticmethod(to_pelican)

    @property
    def content(self) -> Path:
        return self.dir / "content"

    def target(self, path: Path) -> Path:
        return self.content / path.relative_to(self.site / "content")

    def sync(self, path: Path, removed: bool = False) -> None:
        target = self.target(path)
        if removed:
            target.unlink(missing_ok=True)
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(self.convert(*read_release(path)), encoding="utf-8")

    def prepare(self) -> None:
        discard(self.content)
        started = time.perf_counter()
        for path in corpus.release_files(self.site):
            self.sync(path)
        print(f"  converted corpus for {self.name} in {time.perf_counter() - started:.1f} s", file=sys.stderr)


class Pelican(Converted):
    convert = staticmethod(to_pelican)

    def __init__(self, **kw) -> None:  # type: ignore[no-untyped-def]
        super().__init__(**kw)
        self.dir = self.site.parent / "pelican"

    def reset(self) -> None:
        for name in ("output", "cache"):
            discard(self.dir / name)

    def command(self) -> list[str]:
        return [
            self.python, "-m", "pelican", str(self.content),
            "-o", str(self.dir / "output"),
            "-s", str(BENCH / "pelican" / "pelicanconf.py"),
            "-e", f"CACHE_PATH={json.dumps(str(self.dir / 'cache'))}",
            "-q",
        ]  # fmt: skip


class Hugo(Converted):
    convert = staticmethod(to_hugo)

    def __init__(self, related: bool = True, **kw) -> None:  # type: ignore[no-untyped-def]
        super().__init__(**kw)
        self.related = related
        self.dir = self.site.parent / "hugo"
        self.out = "public" if related else "public-norelated"

    def prepare(self) -> None:
        super().prepare()
        shutil.rmtree(self.dir / "layouts", ignore_errors=True)
        shutil.copytree(BENCH / "hugo" / "layouts", self.dir / "layouts")

    def reset(self) -> None:
        for name in (self.out, "resources", ".cache"):
            discard(self.dir / name)

    def command(self) -> list[str]:
        config = str(BENCH / "hugo" / "config.toml")
        if not self.related:
            config += "," + str(BENCH / "hugo" / "norelated.toml")
        return [
            "hugo", "--source", str(self.dir), "--config", config,
            "--destination", str(self.dir / self.out), "--cacheDir", str(self.dir / ".cache"),
            "--quiet",
        ]  # fmt: skip


def pelican_status(python: str) -> tuple[str | None, str]:
    """(version or None, note)."""
    r = subprocess.run(
        [python, "-c", "import pelican, markdown, importlib.metadata as m; print(m.version('pelican'))"],
        capture_output=True,
        text=True,
    )
    if r.returncode != 0:
        return None, "pelican: not installed (needs `pip install pelican markdown` in the same venv)"
    version = r.stdout.strip()
    rel = subprocess.run(
        [python, "-c", "import importlib.metadata as m, pelican.plugins.related_posts; "
         "print(m.version('pelican-related-posts'))"],
        capture_output=True,
        text=True,
    )  # fmt: skip
    if rel.returncode == 0:
        return version, (
            f"pelican {version} with the related_posts plugin {rel.stdout.strip()} "
            "(pelican-related-posts; 3 related by number of shared tags)"
        )
    return version, f"pelican {version}: measured WITHOUT related articles (pelican-related-posts not installed)"


def hugo_status() -> tuple[str | None, str]:
    if not shutil.which("hugo"):
        return None, "hugo: not installed (no `hugo` on PATH)"
    r = subprocess.run(["hugo", "version"], capture_output=True, text=True)
    if r.returncode != 0:
        return None, "hugo: `hugo version` failed"
    version = r.stdout.split()[1] if r.stdout.split()[1:] else r.stdout.strip()
    return version, f"hugo {version} (related: built-in related content on tags, first 3)"


# ------------------------------------------------------------------ running rows


def fmt_seconds(samples: list[Sample]) -> str:
    good = [s.seconds for s in samples if s.ok]
    if not samples:
        return "-"
    if len(good) < len(samples):
        bad = next(s for s in samples if not s.ok)
        return "failed" if "exit" in bad.note else "timeout"
    return f"{statistics.median(good):.2f}"


def run_tool(tool: Tool, runs: int, changes: Changes) -> tuple[dict[str, str], str, list[str]]:
    results: dict[str, list[Sample]] = {p: [] for p in PHASES}
    notes: list[str] = []
    label = f"{tool.name} N={len(corpus.release_files(tool.site))}"
    try:
        tool.prepare()
        for _ in range(runs):
            tool.reset()
            results["cold"].append(tool.build())
        if not all(s.ok for s in results["cold"]):
            notes.extend(f"{label}: cold build {s.note}" for s in results["cold"] if not s.ok)
        else:
            for _ in range(runs):
                results["no-change"].append(tool.build())
            for i in range(runs):
                tool.sync(changes.edit(1000 + i))
                results["edit"].append(tool.build())
            for i in range(runs):
                tool.sync(changes.add(2000 + i))
                results["add"].append(tool.build())
            for phase in PHASES:
                notes.extend(f"{label}: {phase} {s.note}" for s in results[phase] if not s.ok)
    finally:
        for path in list(changes.added):
            tool.sync(path, removed=True)
        edited = list(changes.originals)
        changes.undo()
        for path in edited:
            tool.sync(path)
    peak = max((s.rss_kib for p in PHASES for s in results[p]), default=0)
    row = {p: fmt_seconds(results[p]) for p in PHASES}
    cold = [s.cpu for s in results["cold"] if s.ok]
    row["cold cpu"] = f"{statistics.median(cold):.2f}" if cold else "-"
    return row, (f"{peak / 1024:.0f}" if peak else "-"), notes


def table(rows: list[tuple[str, int, dict[str, str], str]], markdown: bool) -> str:
    head = ["tool", "N", "cold s", "cold CPU s", "no-change s", "edit s", "add s", "peak MiB"]
    body = [
        [tool, f"{n:,}", r["cold"], r["cold cpu"], r["no-change"], r["edit"], r["add"], peak]
        for tool, n, r, peak in rows
    ]
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "| --- |" + " ---: |" * (len(head) - 1)]
        lines += ["| " + " | ".join(row) + " |" for row in body]
        return "\n".join(lines)
    widths = [max(len(x[i]) for x in [head, *body]) for i in range(len(head))]
    out = ["  ".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(head, widths, strict=True)))]
    out.append("  ".join("-" * w for w in widths))
    for row in body:
        out.append(
            "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True)))
        )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="1000,10000,100000", help="comma-separated release counts")
    p.add_argument("--runs", type=int, default=3, help="runs per measurement; the median is shown (default 3)")
    p.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    p.add_argument("--work", type=Path, default=Path("/tmp/press-bench"), help="where corpora and outputs go")
    p.add_argument(
        "--tools",
        default="ours,ours-nosearch,bare,pelican,hugo",
        help="any of ours,ours-nosearch,bare,pelican,hugo (default: all)",
    )
    p.add_argument("--markdown", type=Path, help="also write the table as Markdown to this file")
    p.add_argument("--python", default=sys.executable, help="the interpreter for the generator and Pelican")
    p.add_argument(
        "--baseline",
        type=Path,
        help="another checkout of the generator (with its own .venv) measured after `ours` on the same corpus",
    )
    p.add_argument("--timeout", type=float, default=3600, help="seconds before one build is killed (default 3600)")
    args = p.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # unwind: kill the child, undo corpus edits

    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    wanted = [t.strip() for t in args.tools.split(",") if t.strip()]
    notes: list[str] = []
    available: list[str] = []
    for name in wanted:
        if name in ("ours", "ours-nosearch", "bare"):
            available.append(name)
            if name == "ours" and args.baseline:
                available.append("ours (baseline)")
        elif name == "pelican":
            version, note = pelican_status(args.python)
            notes.append(note)
            if version:
                available.append(name)
        elif name == "hugo":
            version, note = hugo_status()
            notes.append(note)
            if version:
                available += ["hugo", "hugo (no related)"]
        else:
            notes.append(f"{name}: unknown tool, skipped")

    rows: list[tuple[str, int, dict[str, str], str]] = []
    args.work.mkdir(parents=True, exist_ok=True)
    TRASH.append(args.work.resolve() / "trash")
    empty_trash()  # left by a run that did not finish
    try:
        for n in sizes:
            site = ensure_corpus(args.work.resolve(), n, args.seed)
            for name in available:
                common = {"site": site, "dir": site.parent, "python": args.python, "timeout": args.timeout}
                tool: Tool
                if name == "ours":
                    tool = Ours(name=name, **common)
                elif name == "ours (baseline)":
                    repo = args.baseline.resolve()
                    common["python"] = str(repo / ".venv" / "bin" / "python")
                    tool = OursAt(repo=repo, name=name, **common)
                elif name == "bare":
                    tool = Bare(name=name, **common)
                elif name == "ours-nosearch":
                    tool = OursNoSearch(name=name, **common)
                elif name == "pelican":
                    tool = Pelican(name=name, **common)
                else:
                    tool = Hugo(name=name, related=(name == "hugo"), **common)
                print(f"measuring {name} N={n} ({args.runs} run(s) each) ...", file=sys.stderr, flush=True)
                set_state(site, "dirty")  # a crash mid-way makes the next run regenerate the corpus
                changes = Changes(site)
                try:
                    row, peak, found = run_tool(tool, args.runs, changes)
                finally:
                    set_state(site, "clean")
                notes.extend(found)
                rows.append((name, n, row, peak))
                print(f"  {name} N={n}: {row} peak {peak} MiB", file=sys.stderr, flush=True)
    finally:
        print("emptying the trash (old outputs) ...", file=sys.stderr, flush=True)
        empty_trash()

    legend = (
        f"Median of {args.runs} run(s); wall seconds of one whole build process; "
        "cold CPU s = user + system CPU seconds of the cold build (all its processes); "
        "peak MiB = largest child peak RSS (ru_maxrss) over the row's builds. "
        f"Corpus seed {args.seed}; machine: {os.cpu_count()} CPUs."
    )
    print()
    print(table(rows, markdown=False))
    print()
    print(legend)
    for note in notes:
        print(f"note: {note}")
    if args.markdown:
        text = table(rows, markdown=True) + "\n\n" + legend + "\n"
        if notes:
            text += "\n" + "\n".join(f"- {n}" for n in notes) + "\n"
        args.markdown.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
