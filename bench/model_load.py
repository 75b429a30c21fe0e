"""Model load time and resident memory per worker, a model file against a peer model file.

Budget (issue 12 point 9): load <= 2 s, <= 300 MB resident per worker. Each file is loaded
in a fresh Python process (so imports and memory are what a new worker pays), taking turns
three times; printed: load seconds (median), peak resident MB after loading and after
scoring 200 comments, and the ratios to the peer (default peer: the model file committed in
git HEAD, i.e. before this change).

    .venv/bin/python bench/model_load.py [--model PATH] [--peer PATH|HEAD]
"""

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MODEL = REPO / "freigabe" / "assessment" / "models" / "toxicity.skops"

_PROBE = r"""
import json, resource, sys, time
sys.path.insert(0, {repo!r})
started = time.perf_counter()
from freigabe.assessment.model import ToxicityModel
model = ToxicityModel.load({path!r})
loaded = time.perf_counter() - started
after_load = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
from freigabe.assessment.features import lexicon_hits, prepare
texts = [f"Kommentar {{i}}: Die Stadt plant neue Radwege, du Idiot, das ist doch Unsinn {{i * 7}}." for i in range(200)]
scored = time.perf_counter()
for text in texts:
    clean = prepare(text).text
    model.score(text, clean, lexicon_hits(clean))
per_comment = (time.perf_counter() - scored) / len(texts)
print(json.dumps({{"load_s": loaded, "rss_mb_loaded": after_load,
                  "rss_mb_scored": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "score_ms": per_comment * 1000}}))
"""


def measure(path):
    completed = subprocess.run(
        [sys.executable, "-c", _PROBE.format(repo=str(REPO), path=str(path))],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", type=Path, default=MODEL)
    parser.add_argument("--peer", default="HEAD", help="a model file, or a git revision of the shipped one")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        peer = Path(args.peer)
        if not peer.exists():
            peer = Path(directory) / "peer.skops"
            peer.write_bytes(
                subprocess.run(
                    ["git", "show", f"{args.peer}:freigabe/assessment/models/toxicity.skops"],
                    cwd=REPO,
                    capture_output=True,
                    check=True,
                ).stdout
            )
        runs = {"model": [], "peer": []}
        for _ in range(args.rounds):
            runs["model"].append(measure(args.model))
            runs["peer"].append(measure(peer))
        figures = {
            name: {key: round(statistics.median(run[key] for run in values), 3) for key in values[0]}
            for name, values in runs.items()
        }
        figures["model"]["file_mb"] = round(args.model.stat().st_size / 2**20, 2)
        figures["peer"]["file_mb"] = round(peer.stat().st_size / 2**20, 2)
    figures["ratio"] = {
        key: round(figures["model"][key] / figures["peer"][key], 2) for key in figures["model"]
    }
    figures["budget_ok"] = figures["model"]["load_s"] <= 2.0 and figures["model"]["rss_mb_scored"] <= 300
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
