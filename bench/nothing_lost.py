"""A longer "nothing lost" run: writers submit while gunicorn workers are killed repeatedly.

    .venv/bin/python bench/nothing_lost.py [--comments 3000] [--writers 8] [--kills 4]

The same check as tests/load/test_nothing_lost.py, with more comments and kills. Runs on
SQLite, or on a fresh PostgreSQL database when DATABASE_URL is set
(`bash scripts/with-postgres.sh .venv/bin/python bench/nothing_lost.py`). Exits 1 when an
acknowledged comment is missing or stored twice, or a comment turned public.
"""

import argparse
import sys
import tempfile
import time

from freigabe_peer import FreigabePeer
from tests.load.writers import Writers, kill_workers_during, lost_or_doubled, stored_comments

ARTICLE_ID = "hafen-ausbau"


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--comments", type=int, default=3000)
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--kills", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    return parser.parse_args()


def main():
    arguments = parse_arguments()
    with tempfile.TemporaryDirectory(prefix="bench-nothing-lost-") as data_dir:
        peer = FreigabePeer(data_dir, workers=arguments.workers)
        try:
            peer.put_article(ARTICLE_ID, "Der Hafen wird ausgebaut",
                             "Die Stadt baut den Hafen für 40 Millionen Euro aus.")
            started = time.monotonic()
            writers = Writers(peer.url, "bench", ARTICLE_ID, total=arguments.comments,
                              writers=arguments.writers)
            killed = []
            outcome = writers.run(while_running=lambda running: killed.extend(
                kill_workers_during(peer.server, running, arguments.kills, arguments.workers)))
            seconds = time.monotonic() - started
            rows = stored_comments(peer.environment, "bench", ARTICLE_ID)
            _, _, thread = peer.public_thread(ARTICLE_ID)
        finally:
            peer.stop()
    problems = lost_or_doubled(outcome, rows)
    problems += [f"unexpected answer: {answer}" for answer in outcome.unexpected[:10]]
    problems += [f"gave up on {marker}" for marker in sorted(outcome.abandoned)[:10]]
    if thread["count"]:
        problems.append(f"{thread['count']} comments are public without a release")
    print(f"{arguments.comments} comments, {arguments.writers} writers, "
          f"{len(killed)} workers killed (pids {killed}), {seconds:.1f} s "
          f"({arguments.comments / seconds:.1f} comments/s)")
    print(f"acknowledged 202: {len(outcome.acknowledged)}, answer lost but stored (409 on "
          f"retry): {len(outcome.stored_before)}, dropped connections: "
          f"{outcome.dropped_connections}, 5xx answers: {outcome.server_errors}, "
          f"rows stored: {len(rows)}")
    print("\n".join(problems) if problems else "Nothing lost, nothing doubled, nothing public.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
