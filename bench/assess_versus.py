"""Is the assessor faster than at another commit? Both timed in one process, interleaved.

    python bench/assess_versus.py [REVISION] [--comments 1500] [--repeats 3]

This VM swings between a fast and a slow state (20-30 % apart) over minutes, so two
benchmark runs one after the other cannot show a 10 % change. Here the assessor of
REVISION (default HEAD) is copied out of git into a temporary package (`assess_then`,
its imports rewritten), and every comment of bench/assess_speed.py is assessed by the
old and the working-tree code in turn; each keeps its least CPU time per comment. Both
see the same VM state, so their ratio is what the change did.
"""

import argparse
import io
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from assess_speed import ARTICLE, make_comments, percentile  # noqa: E402

PACKAGE = "freigabe/assessment"
OLD_NAME = "assess_then"


def export_old_assessor(revision, into):
    """Write REVISION's freigabe/assessment to `into`/assess_then, imports pointing at itself."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision, PACKAGE], check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    package = Path(into) / OLD_NAME
    (Path(into) / PACKAGE).rename(package)
    for source in package.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        source.write_text(re.sub(r"\bfreigabe\.assessment\b", OLD_NAME, text), encoding="utf-8")


def least_cpu(assessors, comments, repeats):
    """Per assessor, each comment's least CPU time in ms; the assessors take turns per comment."""
    least = [[float("inf")] * len(comments) for _ in assessors]
    for _ in range(repeats):
        for index, comment in enumerate(comments):
            parent = comments[index - 1] if index % 4 == 0 else None
            for times, assess in zip(least, assessors):
                begin = time.thread_time()
                assess(comment, article=ARTICLE, parent=parent)
                times[index] = min(times[index], (time.thread_time() - begin) * 1000)
    return least


def summary(times):
    ordered = sorted(times)
    return (
        f"p50 {statistics.median(ordered):5.2f} ms   p90 {percentile(ordered, 0.9):5.2f} ms   "
        f"p99 {percentile(ordered, 0.99):5.2f} ms   mean {statistics.mean(ordered):5.2f} ms"
    )


def versus_arguments(description):
    """REVISION, --comments and --repeats, as every "is it slower than at REVISION" bench takes."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("revision", nargs="?", default="HEAD")
    parser.add_argument("--comments", type=int, default=1500)
    parser.add_argument("--repeats", type=int, default=3)
    return parser.parse_args()


def main():
    args = versus_arguments(__doc__.splitlines()[0])

    with tempfile.TemporaryDirectory() as scratch:
        export_old_assessor(args.revision, scratch)
        sys.path.insert(0, scratch)
        from assess_then import assess as assess_then

        from freigabe.assessment import assess as assess_now

        comments = make_comments(args.comments)
        for assess in (assess_then, assess_now):
            assess("Erster Aufruf.", article=ARTICLE)
        print(
            f"{len(comments)} comments, least CPU time of {args.repeats} calls each, "
            f"{args.revision} and the working tree taking turns:",
            flush=True,
        )
        then, now = least_cpu((assess_then, assess_now), comments, args.repeats)

    print(f"  {args.revision:>12}: {summary(then)}")
    print(f"  {'working tree':>12}: {summary(now)}")
    ratios = sorted(new / old for new, old in zip(now, then))
    print(
        f"  working tree / {args.revision}: per comment median {statistics.median(ratios):.3f}, "
        f"p99 {percentile(sorted(now), 0.99) / percentile(sorted(then), 0.99):.3f}"
    )


if __name__ == "__main__":
    main()
