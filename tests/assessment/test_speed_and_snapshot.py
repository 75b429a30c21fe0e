"""The assessor's outputs stay what they were, and it stays within its speed budget.

`data/score_snapshot.json` was written by `python -m tests.assessment.corpus` from
the code BEFORE the speed work (issue #3 point 5); optimisations must reproduce it
(scores within 1e-6, identical decisions and evidence). Rewrite it only when a
change of scores is intended (retraining, new rules), and say so in the commit.

The budget is p99 <= 10 ms per call for comments of up to 1,000 characters, after
the first call (issue #12 raised it from 5 ms), on the benchmark's fixed, seeded mix of comments (bench/assess_speed.py,
the figure the goal was set on). It is checked in CPU time of the calling thread, not
wall time, so a busy CI machine (other processes taking the CPU) does not make the test
flaky. The snapshot corpus is harsher (every 1,000-character comment there trips all
detectors at once); docs/benchmarks.md ("Assessor speed") lists its figure too.
"""

import gc
import importlib.util
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from freigabe.assessment import assess
from freigabe.assessment.model_store import get_model
from tests.assessment.corpus import SNAPSHOT, corpus, outputs

TOLERANCE = 1e-6
# The 10 ms budget is measured by bench/assess_speed.py; here, beside another test
# worker, the guard is the budget itself (the bench gives about 4 ms on this mix).
CPU_P99_BUDGET_MS = 10.0
RUNS_PER_COMMENT = 3


def test_outputs_match_the_snapshot_taken_before_optimising():
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    items = corpus()
    actual = outputs(assess, items)
    assert len(actual) == len(expected) == len(items)
    for number, (old, new) in enumerate(zip(expected, actual)):
        where = f"corpus item {number}: {items[number][0][:60]!r}"
        assert new["model_version"] == old["model_version"], where
        assert new["decision"] == old["decision"], where
        assert set(new["rules"]) == set(old["rules"]), where
        for code, rule in old["rules"].items():
            assert new["rules"][code]["score"] == pytest.approx(rule["score"], abs=TOLERANCE), (
                f"{where}, {code}"
            )
            assert new["rules"][code]["evidence"] == rule["evidence"], f"{where}, {code}"


def _benchmark_corpus(count=1000):
    """The comments of bench/assess_speed.py: (text, article, parent), every fourth a reply."""
    path = Path(__file__).resolve().parents[2] / "bench" / "assess_speed.py"
    spec = importlib.util.spec_from_file_location("_assess_speed_bench", path)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    comments = bench.make_comments(count)
    return [
        (text, bench.ARTICLE, comments[index - 1] if index % 4 == 0 else None)
        for index, text in enumerate(comments)
    ]


def test_p99_cpu_time_per_call_is_within_budget():
    if get_model() is None:
        pytest.skip("no model file: the lexicon fallback is not what the budget is about")
    items = _benchmark_corpus()
    assert max(len(text) for text, _, _ in items) <= 1000
    for text, article, parent in items:  # after the first call: caches warm, model loaded
        assess(text, article=article, parent=parent)
    # Each comment's CPU time is the least of three calls: on a shared machine other
    # processes still slow a thread down (shared caches, the other half of a hyper-
    # threaded core), and the least of a few runs is the comment's own cost.
    timings = []
    gc.collect()
    for text, article, parent in items:
        runs = []
        for _ in range(RUNS_PER_COMMENT):
            started = time.thread_time()
            assess(text, article=article, parent=parent)
            runs.append((time.thread_time() - started) * 1000)
        timings.append(min(runs))
    timings.sort()
    p99 = timings[int(0.99 * (len(timings) - 1))]
    assert p99 <= CPU_P99_BUDGET_MS, (
        f"p99 CPU time {p99:.2f} ms per call (median {timings[len(timings) // 2]:.2f} ms)"
    )


def test_the_versus_benchmark_times_a_committed_assessor_against_the_working_tree():
    root = Path(__file__).resolve().parents[2]
    script = root / "bench" / "assess_versus.py"
    if subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True).returncode:
        pytest.skip("not a git checkout: the benchmark reads the old assessor from git")
    result = subprocess.run(
        [sys.executable, str(script), "HEAD", "--comments", "12", "--repeats", "1"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "12 comments" in result.stdout
    ratio = re.search(r"working tree / HEAD: per comment median (\d+\.\d+)", result.stdout)
    assert ratio and float(ratio.group(1)) > 0, result.stdout
