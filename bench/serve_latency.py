"""Save-to-serve latency of `generator serve`: the time from writing one release file to the
moment the rebuilt page with the change is served. Median of --edits edits.

    .venv/bin/python bench/serve_latency.py --sizes 1000,10000
"""

from __future__ import annotations

import argparse
import http.client
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import ensure_corpus  # noqa: E402  (the benchmark corpus, generated once per N)


def fetch(host: str, port: int, path: str) -> str:
    connection = http.client.HTTPConnection(host, port, timeout=30)
    connection.request("GET", path)
    return connection.getresponse().read().decode("utf-8", "replace")


def measure(site: Path, edits: int) -> tuple[float, list[float]]:
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--source", str(site), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        line = process.stdout.readline() if process.stdout else ""
        ready = time.perf_counter() - started
        host, port = line.split()[1].removeprefix("http://").rstrip("/").split(":")
        release = sorted((site / "content/releases").rglob("*.md"))[
            len(list((site / "content/releases").rglob("*.md"))) // 2
        ]
        original = release.read_text()
        slug = release.stem
        times = []
        try:
            for i in range(edits):
                marker = f"latency-marker-{i}-{time.time_ns()}"
                time.sleep(0.5)
                t0 = time.perf_counter()
                release.write_text(original + f"\n\n{marker}\n")
                while marker not in fetch(host, int(port), f"/releases/{slug}/"):
                    time.sleep(0.005)
                times.append(time.perf_counter() - t0)
        finally:
            release.write_text(original)
        return ready, times
    finally:
        process.terminate()
        process.wait(timeout=30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path("/tmp/press-bench"))
    args = parser.parse_args()
    print(f"{'N':>8}  {'start s':>8}  {'save-to-serve median ms':>24}  {'min ms':>7}  {'max ms':>7}")
    for n in (int(s) for s in args.sizes.split(",")):
        site = ensure_corpus(args.work.resolve(), n, args.seed)
        ready, times = measure(site, args.edits)
        ms = [t * 1000 for t in times]
        print(f"{n:>8}  {ready:>8.1f}  {statistics.median(ms):>24.0f}  {min(ms):>7.0f}  {max(ms):>7.0f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
