"""How fast is `assess()`? Prints model load time, p50/p99 latency and comments per second.

    python bench/assess_speed.py [--seconds 10]

Comments are a fixed, seeded mix of realistic lengths (20–1,000 characters): plain
opinions, replies, insults, links and spam, each judged against an article.
Budget: p99 <= 5 ms per comment after the first call; model load < 2 s.
"""

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ARTICLE = (
    "Stadtrat beschließt Verlängerung der Straßenbahnlinie bis Neuwiesen\n\n"
    "Der Stadtrat hat mit 31 zu 18 Stimmen beschlossen, die Straßenbahnlinie um 3,2 Kilometer zu verlängern. "
    "Die Kosten werden auf 84 Millionen Euro geschätzt, der Bund übernimmt rund 75 Prozent. Für die Trasse "
    "müssten 140 Bäume gefällt werden; die Opposition fordert eine Busvariante. Anwohner befürchten Lärm "
    "während der dreijährigen Bauzeit. Die Verkehrsbetriebe planen im Herbst eine Bürgerversammlung. "
) * 4
PIECES = [
    "Die Verlängerung der Straßenbahn ist überfällig, die Busse sind morgens völlig überfüllt.",
    "84 Millionen Euro für 3,2 Kilometer halte ich für zu teuer, die Busvariante wäre günstiger.",
    "Warum müssen 140 Bäume gefällt werden? Gibt es keine andere Trasse?",
    "Du bist doch ein Vollidiot, wenn du das glaubst.",
    "Gekaufte Lügenpresse, die wollen doch nur ablenken. Zufall? Wohl kaum.",
    "Jetzt kaufen bei www.billig-uhren-shop.de mit 50 % Rabatt, klick hier!",
    "Quelle: https://www.destatis.de/DE/Themen/Branchen-Unternehmen/Transport-Verkehr/",
    "Ich wohne an der Strecke und freue mich trotz Baulärm auf die neue Haltestelle.",
    "Mein Hund hat heute im Garten einen Maulwurf gefangen.",
    "Die Oberbürgermeisterin sollte die Anwohner früher beteiligen, das schafft Vertrauen.",
    "Sehe ich genauso.",
    "Diese Id1oten im Rat haben keine Ahnung von Verkehr!!!",
]


def make_comments(count, seed=7):
    rng = random.Random(seed)
    comments = []
    for _ in range(count):
        target = rng.choice([40, 120, 300, 600, 1000])
        text = rng.choice(PIECES)
        while len(text) < target:
            text += " " + rng.choice(PIECES)
        comments.append(text[:1000])
    return comments


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=3000)
    args = parser.parse_args()

    started = time.perf_counter()
    from freigabe.assessment import assess
    from freigabe.assessment.model_store import get_model

    imported = time.perf_counter()
    model = get_model()
    loaded = time.perf_counter()
    assess("Erster Aufruf.", article=ARTICLE)
    first = time.perf_counter()

    comments = make_comments(args.comments)
    timings = []
    cpu_started = time.process_time()
    for index, comment in enumerate(comments):
        parent = comments[index - 1] if index % 4 == 0 else None
        begin = time.perf_counter()
        assess(comment, article=ARTICLE, parent=parent)
        timings.append((time.perf_counter() - begin) * 1000)
    cpu_ms = (time.process_time() - cpu_started) * 1000 / len(comments)
    timings.sort()
    total_seconds = sum(timings) / 1000

    p50 = statistics.median(timings)
    p99 = timings[int(0.99 * (len(timings) - 1))]
    print(f"model: {model.version if model else 'none (lexicon fallback)'}")
    print(f"import freigabe.assessment: {(imported - started) * 1000:8.1f} ms")
    print(f"model load (incl. skops/sklearn import): {(loaded - imported) * 1000:8.1f} ms  (budget 2000 ms)")
    print(f"first call:                 {(first - loaded) * 1000:8.1f} ms")
    print(f"comments: {len(timings)}, mean length {statistics.mean(map(len, comments)):.0f} chars, max {max(map(len, comments))}")
    print(f"p50: {p50:6.2f} ms   p99: {p99:6.2f} ms (budget 5 ms, ratio {p99 / 5:.2f})   max: {timings[-1]:6.2f} ms")
    print(f"CPU time per comment: {cpu_ms:6.2f} ms (wall-clock figures suffer on a busy machine)")
    print(f"throughput: {len(timings) / total_seconds:,.0f} comments/second (one process, one thread)")


if __name__ == "__main__":
    main()
