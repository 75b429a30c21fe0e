"""The waiting-time estimate replayed on the simulated newsroom histories, beside round one's.

    python bench/waiting_replay.py        # after bench/waiting_histories.py (files are committed)

For each history (tests/fixtures/waiting/*.csv) and with and without the site's set hours:
the share of comments decided within the range they were shown, the median relative
error of the point estimate, the same error for round one's estimate (queue / decisions
in the last two hours), and the error by queue length at submission.
"""

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
]


def main():
    print(
        "| history | set hours | comments | within range | median error | round one's error | "
        "median wait | width (high/low) |"
    )
    print("|---|---|---|---|---|---|---|---|")
    cpu = []
    for name, hours in RUNS:
        entries = read_history(HISTORIES / f"{name}.csv")
        started = time.process_time()
        result = replay(entries, ReviewHours.parse(hours, "Europe/Berlin"))
        seconds = time.process_time() - started
        print(
            f"| {name} | {hours or 'none'} | {result['n']} | {result['within_range']:.0%} | "
            f"{result['median_abs_error_ratio']:.2f} | {result['old_estimate']['median_abs_error_ratio']:.2f} | "
            f"{result['median_actual_seconds'] / 60:.0f} min | {result['median_width_ratio']:.1f} |"
        )
        cpu.append(seconds * 1e6 / max(1, len(entries)))
    print(f"\nCPU per comment (estimate + learning from its decision): {min(cpu):.0f}-{max(cpu):.0f} µs")
    print()
    print("Median error by comments ahead at submission (week, set hours):")
    result = replay(read_history(HISTORIES / "week.csv"), ReviewHours.parse(HOURS, "Europe/Berlin"))
    for size, figures in result["by_queue"].items():
        print(
            f"- {size} ahead: n={figures['n']}, within {figures['within_range']:.0%}, "
            f"median error {figures['median_abs_error_ratio']:.2f}, median wait "
            f"{figures['median_actual_seconds'] / 60:.1f} min, range width {figures['median_width_ratio']:.1f}x"
        )


if __name__ == "__main__":
    main()
