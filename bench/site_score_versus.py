"""Is scoring one comment with a site model slower than at another commit? Interleaved, one process.

    python bench/site_score_versus.py [REVISION] [--comments 1500] [--repeats 3]

A site with an active site model pays `SiteScorer.comment_logits` on every submission (its
hashed n-grams looked up in the model's columns). REVISION's freigabe/assessment is copied out
of git as in bench/assess_versus.py; each version fits a scorer on the same comments (labels
drawn by seed: only the cost is measured here, not the quality) and then the two score every
comment in turn, each keeping its least CPU time per comment.
"""

import statistics
import sys
import tempfile
import time

import numpy as np
from assess_speed import make_comments, percentile
from assess_versus import OLD_NAME, ROOT, export_old_assessor, versus_arguments

sys.path.insert(0, str(ROOT))


def fitted_scorer(site_model, texts, labels):
    matrix = site_model.feature_matrix(texts)
    general = [{"insult": 0.1}] * len(texts)
    return site_model.fit_scorer(matrix, labels.reshape(-1, 1), (site_model.REJECT,), general)


def least_cpu(scorers, comments, repeats):
    least = [[float("inf")] * len(comments) for _ in scorers]
    for _ in range(repeats):
        for index, comment in enumerate(comments):
            for times, scorer in zip(least, scorers):
                begin = time.thread_time()
                scorer.comment_logits(comment)
                times[index] = min(times[index], (time.thread_time() - begin) * 1000)
    return least


def main():
    args = versus_arguments(__doc__.splitlines()[0])
    with tempfile.TemporaryDirectory() as directory:
        export_old_assessor(args.revision, directory)
        sys.path.insert(0, directory)
        old = __import__(f"{OLD_NAME}.site_model", fromlist=["site_model"])
        from freigabe.assessment import site_model as new

        comments = make_comments(args.comments)
        labels = np.random.default_rng(0).integers(0, 2, len(comments))
        scorers = [fitted_scorer(old, comments, labels), fitted_scorer(new, comments, labels)]
        old_times, new_times = least_cpu(scorers, comments, args.repeats)
    for name, times in ((args.revision, old_times), ("working tree", new_times)):
        print(
            f"{name:>12}: median {statistics.median(times):.3f} ms, p99 {percentile(sorted(times), 0.99):.3f} ms per comment"
        )
    ratios = [b / a for a, b in zip(old_times, new_times) if a > 0]
    print(
        f"working tree / {args.revision}: median {statistics.median(ratios):.2f}x, "
        f"p99 {percentile(sorted(new_times), 0.99) / percentile(sorted(old_times), 0.99):.2f}x"
    )


if __name__ == "__main__":
    main()
