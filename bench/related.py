"""Time the generator's related-articles computation in-process.

    .venv/bin/python bench/related.py --sizes 1000,10000,100000

For each N, loads the bench corpus (generated into --work once, like run.py)
with the generator's own loading code (generator.pipeline.load_site), then times
generator.related.related_articles(site.model.releases, 3) alone: median of
--runs runs.  Loading is not timed.  Prints N and seconds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent))  # the generator package, even without an install

from run import NOW, ensure_corpus  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="1000,10000,100000", help="comma-separated release counts")
    p.add_argument("--runs", type=int, default=3, help="timed runs per N; the median is shown (default 3)")
    p.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    p.add_argument("--count", type=int, default=3, help="related articles per release (default 3)")
    p.add_argument("--jobs", type=int, default=0, help="processes for related_articles (default: as a build uses)")
    p.add_argument("--work", type=Path, default=Path("/tmp/press-bench"), help="where corpora go")
    args = p.parse_args(argv)

    from generator.incremental.cache import BuildCache
    from generator.parallel import default_jobs
    from generator.pipeline import BuildOptions, load_site
    from generator.site.related import related_articles

    jobs = args.jobs or default_jobs()
    print(f"related_articles with jobs={jobs}")
    print(f"{'N':>8}  {'releases':>8}  {'related s':>9}  {'load s':>7}")
    for n in (int(s) for s in args.sizes.split(",") if s.strip()):
        site_dir = ensure_corpus(args.work.resolve(), n, args.seed)
        started = time.perf_counter()
        site = load_site(BuildOptions(source=site_dir, now=datetime.fromisoformat(NOW)), BuildCache())
        load = time.perf_counter() - started
        releases = site.model.releases
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            related_articles(releases, args.count, jobs=jobs)
            times.append(time.perf_counter() - started)
        print(f"{n:>8}  {len(releases):>8}  {statistics.median(times):>9.3f}  {load:>7.1f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
