"""A longer "nothing lost" run: writers submit while gunicorn workers are killed repeatedly.

    .venv/bin/python bench/nothing_lost.py [--comments 3000] [--writers 8] [--kills 4]
    .venv/bin/python bench/nothing_lost.py --cluster [--comments 3000] [--kills 4]

The same check as tests/load/test_nothing_lost.py, with more comments and kills. Runs on
SQLite, or on a fresh PostgreSQL database when DATABASE_URL is set
(`bash scripts/with-postgres.sh .venv/bin/python bench/nothing_lost.py`). With `--cluster`
it runs on scripts/cluster.sh (two app servers behind nginx, PostgreSQL, Redis) and kills
a whole app server each time, the two in turn, restarting each before the next kill (the
check of tests/cluster/). Exits 1 when an acknowledged comment is missing or stored twice,
or a comment turned public.
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

from freigabe_peer import FreigabePeer

from tests.cluster.running import start_cluster, stop_cluster
from tests.load.writers import Writers, kill_workers_during, lost_or_doubled, stored_comments
from tests.processes import request

ARTICLE_ID = "hafen-ausbau"


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--comments", type=int, default=3000)
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--kills", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--cluster", action="store_true", help="two app servers behind nginx; kill whole servers"
    )
    return parser.parse_args()


def main():
    arguments = parse_arguments()
    run = run_on_cluster if arguments.cluster else run_on_one_server
    outcome, rows, thread, killed, seconds = run(arguments)
    return report(arguments, outcome, rows, thread, killed, seconds)


def run_on_cluster(arguments):
    with tempfile.TemporaryDirectory(prefix="bench-cluster-") as directory:
        cluster = start_cluster(Path(directory), FREIGABE_RATE_COMMENTS="1000000/60")
        try:
            site = cluster.run_json("create-site", "bench", "--json")
            request(
                "PUT",
                f"{cluster.url}/api/v1/sites/bench/articles/{ARTICLE_ID}",
                {
                    "title": "Der Hafen wird ausgebaut",
                    "body": "Die Stadt baut den Hafen für 40 Millionen Euro aus.",
                },
                {"Authorization": f"Bearer {site['api_key']}"},
            )
            started = time.monotonic()
            writers = Writers(
                cluster.url, "bench", ARTICLE_ID, total=arguments.comments, writers=arguments.writers
            )
            killed = []
            outcome = writers.run(
                while_running=lambda running: killed.extend(
                    kill_servers_during(cluster, running, arguments.kills)
                )
            )
            seconds = time.monotonic() - started
            rows = stored_comments(cluster, "bench", ARTICLE_ID)
            _, _, thread = request("GET", f"{cluster.url}/api/v1/sites/bench/articles/{ARTICLE_ID}/comments")
        finally:
            stop_cluster(cluster)
    return outcome, rows, thread, [f"app server {number}" for number in killed], seconds


def kill_servers_during(cluster, writers, kills):
    """SIGKILL app server 1, then 2, then 1 ..., each restarted before the next kill."""
    killed = []
    for number in range(1, kills + 1):
        while writers.settled() < writers.total * number / (kills + 1):
            time.sleep(0.05)
        victim = 1 + (number - 1) % 2
        cluster.kill_app(victim)
        killed.append(victim)
        cluster.wait_until_down(victim)
        print(f"killed app server {victim} at {writers.settled()} settled comments; restarting")
        cluster.start_app(victim)
    return killed


def run_on_one_server(arguments):
    with tempfile.TemporaryDirectory(prefix="bench-nothing-lost-") as data_dir:
        peer = FreigabePeer(data_dir, workers=arguments.workers)
        try:
            peer.put_article(
                ARTICLE_ID, "Der Hafen wird ausgebaut", "Die Stadt baut den Hafen für 40 Millionen Euro aus."
            )
            started = time.monotonic()
            writers = Writers(
                peer.url, "bench", ARTICLE_ID, total=arguments.comments, writers=arguments.writers
            )
            killed = []
            outcome = writers.run(
                while_running=lambda running: killed.extend(
                    kill_workers_during(peer.server, running, arguments.kills, arguments.workers)
                )
            )
            seconds = time.monotonic() - started
            rows = stored_comments(peer.environment, "bench", ARTICLE_ID)
            _, _, thread = peer.public_thread(ARTICLE_ID)
        finally:
            peer.stop()
    return outcome, rows, thread, killed, seconds


def report(arguments, outcome, rows, thread, killed, seconds):
    problems = lost_or_doubled(outcome, rows)
    problems += [f"unexpected answer: {answer}" for answer in outcome.unexpected[:10]]
    problems += [f"gave up on {marker}" for marker in sorted(outcome.abandoned)[:10]]
    if thread["count"]:
        problems.append(f"{thread['count']} comments are public without a release")
    what = "app servers" if arguments.cluster else "workers"
    print(
        f"{arguments.comments} comments, {arguments.writers} writers, "
        f"{len(killed)} {what} killed ({killed}), {seconds:.1f} s "
        f"({arguments.comments / seconds:.1f} comments/s)"
    )
    print(
        f"acknowledged 202: {len(outcome.acknowledged)}, answer lost but stored (409 on "
        f"retry): {len(outcome.stored_before)}, dropped connections: "
        f"{outcome.dropped_connections}, 5xx answers: {outcome.server_errors}, "
        f"rows stored: {len(rows)}"
    )
    print("\n".join(problems) if problems else "Nothing lost, nothing doubled, nothing public.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
