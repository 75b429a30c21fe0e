"""Reading an article's comment list: Freigabe against Isso, side by side, in one run.

    .venv/bin/python bench/read_vs_isso.py [--comments 200] [--seconds 10] [--connections 8]

Both servers run under gunicorn with the same number of sync workers, each with its own
SQLite database in a temporary directory, and hold the same comments. The same wrk
load (one client thread, fixed duration and connections) reads each thread in turn.
Freigabe is measured twice: plain GETs, and conditional GETs with the ETag (the 304s a
CDN or the widget's revalidation sends). Isso has no ETag, so it gets plain GETs only.
"""

import sys
import tempfile
from pathlib import Path

import freigabe_peer
import isso_peer
import load
import machine

ARTICLE_ID = "hafen-ausbau"
ISSO_URI = "/hafen/ausbau"
TITLE = "Der Hafen wird für 40 Millionen Euro ausgebaut"
ARTICLE_BODY = (
    "Der Stadtrat hat den Ausbau des Hafens beschlossen. Zwei neue Becken sollen bis "
    "2029 fertig sein; Anwohner fürchten mehr Lärm und Verkehr."
)
OPENINGS = [
    "Ich wohne seit zwanzig Jahren am Hafen und sehe den Ausbau mit gemischten Gefühlen.",
    "Die Kosten von 40 Millionen Euro erscheinen mir für zwei Becken sehr hoch.",
    "Endlich bewegt sich etwas, der Hafen ist seit Jahren zu klein für die Schiffe.",
    "Wer kommt eigentlich für die Lärmschutzwände auf, die Stadt oder der Betreiber?",
]
CLOSING = (
    "Ich hoffe, dass der Stadtrat die Anwohner frühzeitig beteiligt und die Pläne "
    "offenlegt, bevor die Bagger anrollen."
)
# Fewer finished requests than this make a requests/second figure rough.
MIN_REQUESTS_FOR_A_FIGURE = 30


def comment_text(number):
    """A realistic, unique comment of about 250 characters."""
    return f"{OPENINGS[number % len(OPENINGS)]} {CLOSING} (Beitrag {number})"


def seed_freigabe(peer, comments):
    peer.put_article(ARTICLE_ID, TITLE, ARTICLE_BODY)
    for number in range(comments):
        peer.post(ARTICLE_ID, comment_text(number), f"Leserin {number}")
    peer.release_pending(ARTICLE_ID)
    status, etag, thread = peer.public_thread(ARTICLE_ID)
    if status != 200 or thread["count"] != comments:
        raise RuntimeError(f"Freigabe shows {thread.get('count')} comments, not {comments}")
    return etag


def seed_isso(isso, comments):
    for number in range(comments):
        isso.post(ISSO_URI, comment_text(number), f"Leserin {number}", TITLE)
    if isso.thread_size(ISSO_URI) != comments:
        raise RuntimeError(f"Isso shows {isso.thread_size(ISSO_URI)} comments, not {comments}")


def measure(url, arguments, headers=()):
    """A short warm-up (every worker fills its cache), then the measured run."""
    load.run_wrk(url, seconds=2, connections=arguments.connections, headers=headers)
    return load.run_wrk(url, seconds=arguments.seconds, connections=arguments.connections, headers=headers)


def print_row(name, result):
    print(
        f"{name:<36} {result.requests:>8} {result.per_second:>10.1f} {result.p50_ms:>9.2f} "
        f"{result.p99_ms:>9.2f} {result.non_2xx_3xx:>7} {result.socket_errors:>7}"
    )


def print_report(arguments, machine_before, versions, results):
    isso, plain, conditional = results
    print()
    print(f"Machine: {machine_before}")
    print("Versions: " + ", ".join(f"{name} {value}" for name, value in versions.items()))
    print(
        f"Load: wrk, 1 thread, {arguments.connections} connections, {arguments.seconds} s "
        f"per server, {arguments.workers} gunicorn sync workers each, "
        f"{arguments.comments} comments in the thread"
    )
    print()
    print(
        f"{'GET comment list':<36} {'requests':>8} {'req/s':>10} {'p50 ms':>9} {'p99 ms':>9} "
        f"{'non-2xx':>7} {'sockerr':>7}"
    )
    print_row(f"Isso {versions['isso']}", isso)
    print_row("Freigabe (plain GET, 200)", plain)
    print_row("Freigabe (If-None-Match, 304)", conditional)
    print()
    print(f"Ratio Freigabe/Isso, plain GETs:       {load.ratio(plain.per_second, isso.per_second)}")
    print(f"Ratio Freigabe/Isso, conditional GETs: {load.ratio(conditional.per_second, isso.per_second)}")
    if isso.requests < MIN_REQUESTS_FOR_A_FIGURE:
        print(
            f"Caution: only {isso.requests} Isso requests finished; its figure (and so the "
            f"ratios) is rough. A longer --seconds or a quieter machine gives a firmer one."
        )


def parse_arguments():
    parser = load.side_by_side_arguments(__doc__)
    parser.add_argument("--comments", type=int, default=200)
    return parser.parse_args()


def main():
    arguments = parse_arguments()
    machine_before = machine.describe()
    load.ensure_wrk()
    isso_peer.ensure_isso()
    versions = {
        "isso": isso_peer.isso_version(),
        **freigabe_peer.installed_versions(),
        "wrk": load.wrk_version(),
    }
    with tempfile.TemporaryDirectory(prefix="bench-read-") as data_dir:
        isso = isso_peer.IssoServer(
            Path(data_dir, "isso"), freigabe_peer.free_port(), workers=arguments.workers
        )
        peer = freigabe_peer.FreigabePeer(Path(data_dir, "freigabe"), workers=arguments.workers)
        try:
            print(f"Seeding {arguments.comments} comments into each ...", flush=True)
            seed_isso(isso, arguments.comments)
            etag = seed_freigabe(peer, arguments.comments)
            print("Measuring ...", flush=True)
            results = (
                measure(f"{isso.url}/?uri={ISSO_URI}", arguments),
                measure(peer.comments_url(ARTICLE_ID), arguments),
                measure(peer.comments_url(ARTICLE_ID), arguments, headers=[f"If-None-Match: {etag}"]),
            )
        finally:
            peer.stop()
            isso.stop()
    print_report(arguments, machine_before, versions, results)


if __name__ == "__main__":
    sys.exit(main())
