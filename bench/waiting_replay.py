"""The waiting-time estimate replayed on the simulated newsroom histories, beside round one's.

    python bench/waiting_replay.py        # after bench/waiting_histories.py (files are committed)
    python bench/waiting_replay.py --histories /tmp/waiting-101   # histories of another seed

The estimator's parameters were tuned on histories of seeds 101-103 (written with
`python bench/waiting_histories.py --seed 101 --out /tmp/waiting-101`); the committed
fixtures (seed 1) were replayed only to report.

For each history (tests/fixtures/waiting/*.csv) and with and without the site's set hours:
the share of comments decided within the range they were shown, the median relative
error of the point estimate, the same error for round one's estimate (queue / decisions
in the last two hours), and the error by queue length at submission.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from freigabe.articles.review_hours import ReviewHours  # noqa: E402
from freigabe.comments.replay import read_history, replay  # noqa: E402

HISTORIES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "waiting"
HOURS = "Mo-Fr 07:00-23:00; Sa,So 09:00-20:00"
RUNS = [
    ("week", HOURS),
    ("week", ""),
    ("busy", HOURS),
    ("viral", HOURS),
    ("night", ""),
    ("editor_ill", HOURS),
    ("editor_ill", ""),
    ("newsroom", HOURS),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--histories", type=Path, default=HISTORIES)
    histories = parser.parse_args().histories
    print(
        "| history | set hours | comments | within range | median error | within 25 % | round one's error | "
        "median wait | width (high/low) |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    cpu = []
    for name, hours in RUNS:
        print(f"replaying {name} ({hours or 'no set hours'}) …", file=sys.stderr)
        entries = read_history(histories / f"{name}.csv")
        started = time.process_time()
        result = replay(entries, ReviewHours.parse(hours, "Europe/Berlin"))
        seconds = time.process_time() - started
        print(
            f"| {name} | {hours or 'none'} | {result['n']} | {result['within_range']:.0%} | "
            f"{result['median_abs_error_ratio']:.2f} | {result['within_quarter']:.0%} | "
            f"{result['old_estimate']['median_abs_error_ratio']:.2f} | "
            f"{result['median_actual_seconds'] / 60:.0f} min | {result['median_width_ratio']:.1f} |"
        )
        cpu.append(seconds * 1e6 / max(1, len(entries)))
    print(f"\nCPU per comment (estimate + learning from its decision): {min(cpu):.0f}-{max(cpu):.0f} µs")
    for name in ("week", "newsroom"):
        print()
        print(f"Median error by comments ahead at submission ({name}, set hours):")
        result = replay(read_history(histories / f"{name}.csv"), ReviewHours.parse(HOURS, "Europe/Berlin"))
        for size, figures in result["by_queue"].items():
            print(
                f"- {size} ahead: n={figures['n']}, within {figures['within_range']:.0%}, "
                f"median error {figures['median_abs_error_ratio']:.2f}, within 25 % "
                f"{figures['within_quarter']:.0%}, median wait {figures['median_actual_seconds'] / 60:.1f} min, "
                f"range width {figures['median_width_ratio']:.1f}x"
            )


if __name__ == "__main__":
    main()
