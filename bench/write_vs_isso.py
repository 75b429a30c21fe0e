"""Submitting comments: accepted comments per second, Freigabe against Isso, in one run.

    .venv/bin/python bench/write_vs_isso.py [--seconds 10] [--rounds 5] [--connections 8]

The same wrk load POSTs new, unique comments to each server for a fixed time, in rounds
that alternate between the servers (Isso, Freigabe, Isso, ...), so a change in the
machine's load during the run hits both alike. Freigabe
assesses every comment (house rules, model) and holds it as pending; Isso stores it
(moderation off, its guard off so its per-address limit does not cap the figure).
Freigabe's per-address rate limit is lifted for the run. Afterwards the stored comments
are counted, so an "accepted" figure is never larger than what was really kept. It also
prints the CPU time each server (its process tree; with PostgreSQL, the database server
too) spent per accepted comment, which a busy machine disturbs much less than the rates.
"""

import json
import os
import sys
import tempfile
from pathlib import Path

import freigabe_peer
import isso_peer
import load
import machine

ARTICLE_ID = "hafen-leserbriefe"
ISSO_URI = "/hafen/leserbriefe"
TITLE = "Leserbriefe zum Hafenausbau"
TEXT = (
    "Der Ausbau des Hafens ist richtig, aber die Anwohner brauchen endlich verlässlichen "
    "Lärmschutz, bevor die Bauarbeiten beginnen (Beitrag %s)."
)


def freigabe_template(round_number):
    return json.dumps({"body": numbered(round_number), "author_name": "Leserin"}, ensure_ascii=False)


def isso_template(round_number):
    return json.dumps(
        {"text": numbered(round_number), "author": "Leserin", "title": TITLE}, ensure_ascii=False
    )


def numbered(round_number):
    # wrk numbers its requests from 1 in every run: the round keeps the texts unique.
    return TEXT.replace("%s", f"{round_number}.%s")


def measure(url, template, arguments, server_pid):
    """(wrk's figures, CPU seconds the server used meanwhile, its database server included)."""
    before = machine.process_tree_cpu(server_pid) + machine.postgres_cpu()
    result = load.run_wrk(
        url,
        seconds=max(1, round(arguments.seconds / arguments.rounds)),
        connections=arguments.connections,
        post_template=template,
    )
    return result, machine.process_tree_cpu(server_pid) + machine.postgres_cpu() - before


def combined(results):
    """One LoadResult for several rounds: counts and time summed, the median round's p50
    and the worst round's p99."""
    p50s = sorted(result.p50_ms for result in results)
    return load.LoadResult(
        requests=sum(result.requests for result in results),
        seconds=sum(result.seconds for result in results),
        p50_ms=p50s[len(p50s) // 2],
        p99_ms=max(result.p99_ms for result in results),
        non_2xx_3xx=sum(result.non_2xx_3xx for result in results),
        socket_errors=sum(result.socket_errors for result in results),
    )


def print_row(name, result, stored):
    print(
        f"{name:<28} {result.requests:>8} {result.good_per_second:>12.1f} {result.p50_ms:>9.1f} "
        f"{result.p99_ms:>9.1f} {result.non_2xx_3xx:>7} {result.socket_errors:>7} {stored:>7}"
    )


def using_postgres():
    return os.environ.get("DATABASE_URL", "").startswith("postgres")


def parse_arguments():
    parser = load.side_by_side_arguments(__doc__)
    parser.add_argument(
        "--rounds", type=int, default=5, help="alternate the servers this often; --seconds is split"
    )
    return parser.parse_args()


def main():
    arguments = parse_arguments()
    machine_before = machine.describe()
    load.ensure_wrk()
    isso_peer.ensure_isso()
    versions = {"isso": isso_peer.isso_version(), **freigabe_peer.installed_versions()}
    with tempfile.TemporaryDirectory(prefix="bench-write-") as data_dir:
        isso = isso_peer.IssoServer(
            Path(data_dir, "isso"), freigabe_peer.free_port(), workers=arguments.workers
        )
        peer = freigabe_peer.FreigabePeer(Path(data_dir, "freigabe"), workers=arguments.workers)
        try:
            peer.put_article(ARTICLE_ID, TITLE, "Der Stadtrat hat den Hafenausbau beschlossen.")
            # One comment each first: Isso creates the thread, Freigabe's workers load the model.
            isso.post(ISSO_URI, "Erster Beitrag zum Hafenausbau.", "Leserin", TITLE)
            for number in range(arguments.workers * 2):
                peer.post(ARTICLE_ID, f"Erster Beitrag zum Hafenausbau ({number}).", "Leserin")
            before = (isso.thread_size(ISSO_URI), peer.stored_count(ARTICLE_ID))
            isso_rounds, freigabe_rounds, isso_cpu, freigabe_cpu = [], [], 0.0, 0.0
            for number in range(1, arguments.rounds + 1):
                print(f"Round {number}/{arguments.rounds}: Isso, then Freigabe ...", flush=True)
                result, cpu = measure(
                    f"{isso.url}/new?uri={ISSO_URI}", isso_template(number), arguments, isso.process.pid
                )
                isso_rounds.append(result)
                isso_cpu += cpu
                result, cpu = measure(
                    peer.comments_url(ARTICLE_ID),
                    freigabe_template(number),
                    arguments,
                    peer.server.process.pid,
                )
                freigabe_rounds.append(result)
                freigabe_cpu += cpu
            isso_result, freigabe_result = combined(isso_rounds), combined(freigabe_rounds)
            stored = (isso.thread_size(ISSO_URI) - before[0], peer.stored_count(ARTICLE_ID) - before[1])
        finally:
            peer.stop()
            isso.stop()
    print()
    print(f"Machine: {machine_before}")
    print("Versions: " + ", ".join(f"{name} {value}" for name, value in versions.items()))
    print(
        f"Load: wrk, 1 thread, {arguments.connections} connections, {arguments.seconds} s "
        f"per server in {arguments.rounds} alternating rounds, {arguments.workers} gunicorn "
        f"sync workers each; Freigabe on "
        f"{'PostgreSQL' if using_postgres() else 'SQLite'}"
    )
    print()
    print(
        f"{'POST a comment':<28} {'requests':>8} {'accepted/s':>12} {'p50 ms':>9} {'p99 ms':>9} "
        f"{'refused':>7} {'sockerr':>7} {'stored':>7}"
    )
    print_row(f"Isso {versions['isso']}", isso_result, stored[0])
    print_row("Freigabe (with assessment)", freigabe_result, stored[1])
    print()
    print(
        "Ratio Freigabe/Isso, accepted comments per second: "
        + load.ratio(freigabe_result.good_per_second, isso_result.good_per_second)
    )
    per_round = ", ".join(
        load.ratio(ours.good_per_second, theirs.good_per_second)
        for ours, theirs in zip(freigabe_rounds, isso_rounds)
    )
    print(f"Ratio per round: {per_round}")
    # wrk does not count the requests still open when a round ends (up to one per
    # connection), which weighs more for the slower server; the stored counts include them.
    print(f"Ratio of comments stored: {load.ratio(stored[1], stored[0])}")
    # CPU per comment depends far less on what else runs on the machine than a rate does.
    isso_ms, freigabe_ms = (
        1000 * cpu / max(1, result.requests - result.non_2xx_3xx)
        for cpu, result in ((isso_cpu, isso_result), (freigabe_cpu, freigabe_result))
    )
    database = " (with its PostgreSQL server)" if using_postgres() else ""
    print(
        f"Server CPU per accepted comment: Isso {isso_ms:.2f} ms, Freigabe{database} {freigabe_ms:.2f} ms; "
        f"Isso/Freigabe {load.ratio(isso_ms, freigabe_ms)}"
    )
    accepted = freigabe_result.requests - freigabe_result.non_2xx_3xx
    if stored[1] < accepted:
        print(f"LOST: Freigabe answered {accepted} comments 202 but stored {stored[1]}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
