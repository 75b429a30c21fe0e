"""What open widgets cost the server while they poll for new comments, against a static file.

    .venv/bin/python bench/live_polling.py [--comments 300] [--seconds 10] [--connections 16]

A visible widget asks every N seconds whether the thread changed: a conditional GET of its
first page with `If-None-Match`, answered 304 while nothing was released. This measures,
side by side in one run, Freigabe (`freigabe serve`, gunicorn) and nginx serving the very
same JSON as a static file (the cheapest thing a server can do for such a request), both
with two worker processes on loopback:
- conditional GETs (304) and plain GETs (200, gzip) per second under wrk;
- the CPU time the server processes spent per request (from /proc, all workers summed),
  which does not depend on how much of the machine wrk itself took;
and from the CPU time what 1,000 widgets polling every 10, 30 or 60 seconds cost.
"""

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import freigabe_peer
import load
import machine

ARTICLE_ID = "live-polling"
TITLE = "Die Stadt stellt den Haushalt für 2027 vor"
BODY = "Der Kämmerer legt den Haushalt vor: mehr Geld für Schulen, weniger für Straßen."
TEXT = (
    "Ich finde gut, dass die Schulen mehr Geld bekommen, aber die Straßen in meinem "
    "Viertel sind seit Jahren in schlechtem Zustand. Wer entscheidet das eigentlich?"
)
WIDGETS = 1000
POLL_INTERVALS = (10, 30, 60)
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

NGINX_CONFIG = """\
{user}worker_processes 2;
daemon off;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {root}/tmp; proxy_temp_path {root}/tmp;
    fastcgi_temp_path {root}/tmp; uwsgi_temp_path {root}/tmp; scgi_temp_path {root}/tmp;
    types {{ application/json json; }}
    gzip on; gzip_types application/json; gzip_min_length 1024;
    server {{
        listen 127.0.0.1:{port};
        root {root}/www;
        location / {{ etag on; add_header Cache-Control "public, max-age=10"; }}
    }}
}}
"""


class StaticPeer:
    """nginx with two worker processes serving one JSON file, with ETag and gzip."""

    def __init__(self, directory, body):
        self.root = Path(directory)
        (self.root / "www").mkdir(parents=True)
        (self.root / "tmp").mkdir()
        (self.root / "www" / "thread.json").write_bytes(body)
        port = freigabe_peer.free_port()
        config = self.root / "nginx.conf"
        # As root, nginx's workers would drop to "nobody", who cannot read a private temp dir.
        user = "user root;\n" if os.geteuid() == 0 else ""
        config.write_text(NGINX_CONFIG.format(user=user, root=self.root, port=port))
        self.url = f"http://127.0.0.1:{port}/thread.json"
        self.process = subprocess.Popen(
            [nginx_binary(), "-c", str(config), "-p", str(self.root)], start_new_session=True
        )
        _wait_for(self.url)

    def pids(self):
        return [self.process.pid, *_children(self.process.pid)]

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=20)


def nginx_binary():
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if found is None:
        print("nginx not found; installing Debian's nginx-light package ...", flush=True)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "nginx-light"],
            check=True,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
        found = shutil.which("nginx") or "/usr/sbin/nginx"
    return found


def _children(pid):
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def cpu_seconds(pids):
    """User plus system CPU time the processes have used so far."""
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / CLOCK_TICKS


def _wait_for(url, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer")


def fetch(url, headers):
    """(status, ETag, body bytes as sent) of one GET."""
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers.get("ETag"), response.read()
    except urllib.error.HTTPError as answer:
        return answer.code, answer.headers.get("ETag"), b""


def measure(url, pids, arguments, headers):
    """(wrk figures, server CPU ms per request) after a short warm-up."""
    load.run_wrk(url, seconds=2, connections=arguments.connections, headers=headers)
    before = cpu_seconds(pids)
    result = load.run_wrk(url, seconds=arguments.seconds, connections=arguments.connections, headers=headers)
    spent = cpu_seconds(pids) - before
    return result, 1000 * spent / max(1, result.requests)


def comment_text(rng):
    """A comment of about 250 characters: real sentences, shuffled, so gzip meets varied text."""
    words = TEXT.split()
    rng.shuffle(words)
    return " ".join(words)


def seed(peer, comments):
    peer.put_article(ARTICLE_ID, TITLE, BODY)
    rng = random.Random(16)
    for number in range(comments):
        peer.post(ARTICLE_ID, f"{comment_text(rng)} ({number})", f"Leserin {number}")
        if number % 100 == 99:
            print(f"  {number + 1} of {comments} comments sent", flush=True)
    peer.release_pending(ARTICLE_ID)


def print_report(arguments, machine_before, rows, wire):
    print()
    print(f"Machine: {machine_before}")
    print(
        f"Load: wrk {load.wrk_version()}, 1 thread, {arguments.connections} connections, "
        f"{arguments.seconds} s per row; both servers with 2 worker processes; the thread "
        f"holds {arguments.comments} released comments, the widget polls its first page "
        f"(50 threads, {wire['plain']} bytes, {wire['gzip']} gzipped)"
    )
    print()
    print(
        f"{'request':<44} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx/3xx':>11} "
        f"{'server CPU ms/req':>17}"
    )
    for name, (result, cpu_ms) in rows.items():
        print(
            f"{name:<44} {result.per_second:>9.1f} {result.p50_ms:>8.2f} {result.p99_ms:>8.2f} "
            f"{result.non_2xx_3xx:>11} {cpu_ms:>17.3f}"
        )
    ours, theirs = rows["Freigabe: poll, If-None-Match (304)"], rows["nginx static: poll (304)"]
    print()
    print(
        f"Server CPU per poll, Freigabe/nginx: {ours[1] / max(theirs[1], 1e-9):.0f}x; "
        f"polls per second, nginx/Freigabe: "
        f"{load.ratio(theirs[0].per_second, ours[0].per_second)}"
    )
    print()
    print(f"{WIDGETS} open widgets polling every N seconds (from the CPU time per 304):")
    for interval in POLL_INTERVALS:
        rate = WIDGETS / interval
        print(
            f"  every {interval:>2} s: {rate:6.1f} polls/s -> Freigabe "
            f"{rate * ours[1] / 1000:5.3f} CPU cores, nginx {rate * theirs[1] / 1000:5.3f}; "
            f"Freigabe at its measured 304 rate could serve "
            f"{ours[0].per_second * interval:,.0f} widgets"
        )


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--comments", type=int, default=300)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    return parser.parse_args()


def main():
    arguments = parse_arguments()
    machine_before = machine.describe()
    load.ensure_wrk()
    with tempfile.TemporaryDirectory(prefix="bench-live-") as data_dir:
        peer = freigabe_peer.FreigabePeer(Path(data_dir, "freigabe"), workers=2)
        static = None
        try:
            print(f"Seeding {arguments.comments} comments ...", flush=True)
            seed(peer, arguments.comments)
            url = peer.comments_url(ARTICLE_ID)
            _, _, plain = fetch(url, {})
            status, etag, packed = fetch(url, {"Accept-Encoding": "gzip"})
            assert status == 200 and etag, (status, etag)
            static = StaticPeer(Path(data_dir, "nginx"), plain)
            _, static_etag, _ = fetch(static.url, {"Accept-Encoding": "gzip"})
            gzip_header = "Accept-Encoding: gzip"
            assert fetch(url, {"Accept-Encoding": "gzip", "If-None-Match": etag})[0] == 304
            assert fetch(static.url, {"Accept-Encoding": "gzip", "If-None-Match": static_etag})[0] == 304
            ours = [peer.server.process.pid, *peer.server.worker_pids()]
            print("Measuring ...", flush=True)
            rows = {
                "Freigabe: poll, If-None-Match (304)": measure(
                    url, ours, arguments, [gzip_header, f"If-None-Match: {etag}"]
                ),
                "nginx static: poll (304)": measure(
                    static.url, static.pids(), arguments, [gzip_header, f"If-None-Match: {static_etag}"]
                ),
                "Freigabe: first page, gzip (200)": measure(url, ours, arguments, [gzip_header]),
                "nginx static: same JSON, gzip (200)": measure(
                    static.url, static.pids(), arguments, [gzip_header]
                ),
            }
        finally:
            if static is not None:
                static.stop()
            peer.stop()
    print_report(arguments, machine_before, rows, {"plain": len(plain), "gzip": len(packed)})


if __name__ == "__main__":
    sys.exit(main())
