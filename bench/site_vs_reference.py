"""The site learner against the plain reference on a moderation history the general model never saw.

No real newsroom history is in the repository, so this stands in for one: the held-back rows
of the shared data sets (a seeded fifth of the GermEval tweets and GAHD's dev split, see
train.load_corpus) become a newsroom's decisions in a seeded order, "rejected" = OFFENSE or hate
speech. The general model is trained for this run on the other rows only (as the shipped one
would be had those comments arrived later), then `site_learning.learn` trains the site model on
the older 80 % and measures it, the general assessor alone and the reference on the newest 20 %.

    .venv/bin/python bench/site_vs_reference.py [--data-dir ../shared/datasets] [--source all|germeval2018|gahd]
    .venv/bin/python bench/site_vs_reference.py --foreign-site

--foreign-site is the harder case a real newsroom is: a standard the general model was not
trained on. The general model learns from the GermEval tweets (and our own sentences) only,
and every GAHD sentence (hate speech or not, 9,349) is the site's history, so the site model
has to learn most of the standard from the site's own decisions, as the reference does.
"""

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from freigabe.assessment.model_store import loaded_from  # noqa: E402
from freigabe.assessment.site_learning import Example, learn  # noqa: E402
from freigabe.assessment.train import (  # noqa: E402
    SEED,
    CorpusFeatures,
    _dump,
    build_archive,
    fit_final,
    load_corpus,
    load_ldnoobw,
)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, default=REPO.parent / "shared" / "datasets")
    parser.add_argument("--source", default="all", choices=("all", "germeval2018", "gahd"))
    parser.add_argument(
        "--foreign-site",
        action="store_true",
        help="general model from the tweets only; all of GAHD is the site's history",
    )
    args = parser.parse_args()
    started = time.monotonic()
    corpus = load_corpus(args.data_dir)
    ldnoobw = load_ldnoobw(args.data_dir)
    log(f"{len(corpus.texts)} texts; fitting the general model without the held-back rows")
    features = CorpusFeatures(corpus.texts, ldnoobw)
    sources = np.array(corpus.sources)
    if args.foreign_site:
        general_rows, history = sources != "gahd", sources == "gahd"
    else:
        general_rows = ~corpus.held_back
        history = corpus.held_back & ((sources == args.source) if args.source != "all" else True)
    weights, intercepts, vocabulary = fit_final(features, corpus, SEED, rows=np.flatnonzero(general_rows))
    rejected = (corpus.labels["insult"] == 1) | (corpus.labels["aggression"] == 1)
    # Tweets and sentences interleaved (seeded), as comments of both kinds would arrive.
    order = np.random.default_rng(SEED).permutation(np.flatnonzero(history))
    examples = [Example(text=corpus.texts[i], rejected=bool(rejected[i])) for i in order]
    log(f"{len(examples)} decisions ({sum(e.rejected for e in examples)} rejected) as the site's history")
    with tempfile.TemporaryDirectory() as directory:
        _dump(
            build_archive("bench-general", weights, intercepts, vocabulary, ldnoobw, corpus.texts),
            Path(directory) / "toxicity.skops",
        )
        with loaded_from(directory):
            result = learn(examples, jobs=1, progress=log)
    figures = {
        "history": "gahd, general model without it" if args.foreign_site else args.source,
        "n_train": result.n_train,
        "n_test": result.n_test,
        "macro_f1_new": round(result.macro_f1_new, 4),
        "macro_f1_current": round(result.macro_f1_current, 4),
        "macro_f1_reference": round(result.macro_f1_reference, 4),
        "auc_new": round(result.auc_new, 4),
        "auc_reference": round(result.auc_reference, 4),
        "auc_current": round(result.metrics["current"]["roc_auc"], 4),
        "new_minus_reference_ci95": result.metrics["new_minus_reference_ci95"],
        "new_minus_current_ci95": result.metrics["new_minus_current_ci95"],
        "config": result.metrics["config"],
        "review_threshold": result.scorer.thresholds.review,
        "would_activate": result.should_activate,
        "new_over_reference": round(result.macro_f1_new / result.macro_f1_reference, 3),
        "seconds": round(time.monotonic() - started, 1),
    }
    print(json.dumps(figures, indent=2))


def log(message):
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
