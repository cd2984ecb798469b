"""Body edits in a row through `generator build`: the steady state of a newsroom that edits
and rebuilds (the output's `.site.prev` already there), whole processes timed from outside.

    .venv/bin/python bench/edits.py --sizes 10000 --edits 7
    .venv/bin/python bench/edits.py --sizes 10000 --edits 7 --search

Works on a private copy of the benchmark corpus (the corpus itself is never edited): a cold
build, one edit build (which makes `.site.prev`), then --edits builds, each after appending a
paragraph to one release. Prints the median, fastest and slowest wall seconds, and how many
of the builds took only the edited bodies again (the summary line's "(bodies only)").
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402
from run import NOW, REPO, ensure_corpus  # noqa: E402


def build(site: Path) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--source", str(site), "--now", NOW],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return time.perf_counter() - started, done.stdout


def measure(corpus_site: Path, edits: int, search: bool) -> tuple[list[float], int]:
    site = corpus_site.parent / ("edits-search" if search else "edits")
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(corpus_site / "content", site / "content")
    settings = (corpus_site / "site.toml").read_text(encoding="utf-8")
    (site / "site.toml").write_text(settings if search else "search = false\n" + settings, encoding="utf-8")
    build(site)  # cold
    corpus.edit_one_body(site, 0)
    build(site)  # makes .site.prev
    times, fast = [], 0
    for i in range(edits):
        corpus.edit_one_body(site, 1 + i)
        seconds, out = build(site)
        times.append(seconds)
        fast += "(bodies only)" in out
    return times, fast


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated release counts")
    parser.add_argument("--edits", type=int, default=7, help="edit builds to time (default 7)")
    parser.add_argument("--search", action="store_true", help="with the Pagefind index (default: search = false)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path("/tmp/press-bench"))
    args = parser.parse_args()
    print(f"{'N':>8}  {'search':>6}  {'median s':>8}  {'min s':>6}  {'max s':>6}  {'bodies only':>11}")
    for n in (int(s) for s in args.sizes.split(",")):
        times, fast = measure(ensure_corpus(args.work.resolve(), n, args.seed), args.edits, args.search)
        median = statistics.median(times)
        print(
            f"{n:>8}  {'on' if args.search else 'off':>6}  {median:>8.2f}  {min(times):>6.2f}  {max(times):>6.2f}"
            f"  {fast:>5} of {len(times)}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
