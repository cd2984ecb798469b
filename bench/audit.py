"""The leak audit's cost on a whole built site: every output file searched in memory for
1, 10 and 30 hidden releases (real slugs and titles of the corpus), and the walk of the
folder that finds files no plan named.

    .venv/bin/python bench/audit.py --n 10000

Builds the corpus once into --work (reused while its stamp matches), then times, per
count of hidden releases, the best of --runs of `LeakAudit.scan` over every file.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.corpus import generate  # noqa: E402
from generator.publish.audit import Hidden, LeakAudit  # noqa: E402
from generator.publish.write import file_paths  # noqa: E402

NOW = "2026-07-01T00:00:00+00:00"


def built_site(n: int, work: Path) -> Path:
    site = work / f"audit-n{n}"
    stamp = site / "stamp.json"
    if not stamp.exists() or json.loads(stamp.read_text()) != {"n": n}:
        generate(n, 1, site)
        command = [sys.executable, "-m", "generator", "build", "--source", str(site), "--now", NOW, "-q"]
        subprocess.run(command, check=True)
        stamp.write_text(json.dumps({"n": n}))
    return site


def hidden_of(site: Path, count: int) -> list[Hidden]:
    """`count` releases like the corpus's, as if scheduled: a slug and a title not published
    (a corpus title with one more word; every other one with its words reversed, so that
    not all begin alike)."""
    hidden = []
    for index, path in enumerate(sorted((site / "content/releases").rglob("*.md"))[:count]):
        line = next(line for line in path.read_text().splitlines() if line.startswith("title:"))
        words = [*line[6:].strip().strip('"').split(), "Next"]
        title = " ".join(reversed(words) if index % 2 else words)
        hidden.append(Hidden(str(path), path.stem + "-next", title, "", 1, 2))
    return hidden


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/press-bench"))
    args = parser.parse_args()
    site = built_site(args.n, args.work)
    output = site / "site"
    started = time.perf_counter()
    paths = sorted(file_paths(output))
    walk = time.perf_counter() - started
    files = [(path, (output / path).read_bytes()) for path in paths]
    size = sum(len(data) for _, data in files)
    print(f"{args.n} releases: {len(files)} files, {size / 1e6:.0f} MB; walking the folder: {walk:.3f} s", flush=True)
    for count in (1, 10, 30):
        audit = LeakAudit(hidden_of(site, count), [])
        best = float("inf")
        for _ in range(args.runs):
            started = time.perf_counter()
            leaks = [leak for path, data in files for leak in audit.scan(path, data)]
            best = min(best, time.perf_counter() - started)
        print(
            f"{count:>3} hidden releases: {best:.2f} s ({size / 1e6 / best:.0f} MB/s, one process), {len(leaks)} leaks"
        )


if __name__ == "__main__":
    main()
