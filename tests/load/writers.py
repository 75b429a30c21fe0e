"""Concurrent comment writers against a real server, and the check that nothing was lost.

A client whose connection drops cannot know whether its comment was stored, so the
writers count only what the server acknowledged (202) and retry everything else.
Every body carries a unique marker, so the database can be checked comment by comment.
"""

import http.client
import json
import os
import re
import signal
import threading
import time
import uuid
from dataclasses import dataclass, field

MARKER = re.compile(r"\[(nl-[0-9a-f]+-\d+-\d+)\]")
# Connection resets, refused connections and timeouts are all OSErrors.
RETRYABLE_ERRORS = (OSError, http.client.HTTPException)


@dataclass
class Outcome:
    """What the writers learned from the server's answers."""

    acknowledged: dict = field(default_factory=dict)  # marker -> (comment id, body)
    stored_before: set = field(default_factory=set)  # 409 on a retry: an earlier try was kept
    abandoned: set = field(default_factory=set)  # retries exhausted
    unexpected: list = field(default_factory=list)  # (marker, status, body) never expected
    dropped_connections: int = 0
    server_errors: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


class Writers:
    """`writers` threads submitting `total` comments to one article of a running server."""

    def __init__(self, server_url, site, article_id, *, total, writers, attempts=10, timeout=60):
        self.host, self.port = server_url.removeprefix("http://").split(":")
        self.path = f"/api/v1/sites/{site}/articles/{article_id}/comments"
        self.total, self.writers = total, writers
        self.attempts, self.timeout = attempts, timeout
        self.run_id = uuid.uuid4().hex[:8]
        self.outcome = Outcome()

    def run(self, while_running=None):
        """Submit everything; `while_running(writers)` runs alongside in this thread."""
        threads = [
            threading.Thread(target=self._write_share, args=(number,), daemon=True)
            for number in range(self.writers)
        ]
        for thread in threads:
            thread.start()
        if while_running:
            while_running(self)
        for thread in threads:
            thread.join()
        return self.outcome

    def settled(self):
        """How many comments have a final answer so far."""
        outcome = self.outcome
        return len(outcome.acknowledged) + len(outcome.stored_before) + len(outcome.abandoned)

    def _write_share(self, writer):
        for number in range(writer, self.total, self.writers):
            marker = f"nl-{self.run_id}-{writer}-{number}"
            body = f"Der Hafenausbau kostet die Stadt zu viel, meint Leser {number}. [{marker}]"
            self._submit(marker, body)

    def _submit(self, marker, body):
        payload = json.dumps({"body": body, "author_name": f"Leser {marker[-4:]}"})
        outcome = self.outcome
        for attempt in range(self.attempts):
            try:
                status, answer = self._post(payload)
            except RETRYABLE_ERRORS:
                with outcome.lock:
                    outcome.dropped_connections += 1
                time.sleep(0.05 * (attempt + 1))
                continue
            with outcome.lock:
                if status == 202:
                    outcome.acknowledged[marker] = (answer["id"], body)
                    return
                if status == 409 and attempt > 0:
                    # The duplicate guard found our own earlier try: stored, answer lost.
                    outcome.stored_before.add(marker)
                    return
                if status >= 500:
                    outcome.server_errors += 1
                    continue
                outcome.unexpected.append((marker, status, answer))
                return
        with outcome.lock:
            outcome.abandoned.add(marker)

    def _post(self, payload):
        connection = http.client.HTTPConnection(self.host, int(self.port), timeout=self.timeout)
        try:
            connection.request("POST", self.path, payload, {"Content-Type": "application/json"})
            response = connection.getresponse()
            raw = response.read()
        finally:
            connection.close()
        try:
            return response.status, json.loads(raw)
        except ValueError:
            return response.status, raw


def kill_workers_during(server, writers, kills, workers):
    """SIGKILL a gunicorn worker `kills` times, evenly spread over the run; return the pids.

    Each kill waits until gunicorn has replaced the previous victim, so the server is
    never left without workers by the test itself.
    """
    killed = []
    for number in range(1, kills + 1):
        _wait_until_settled(writers, writers.total * number / (kills + 1))
        victim = server.worker_pids()[0]
        os.kill(victim, signal.SIGKILL)
        killed.append(victim)
        wait_for_replacement(server, victim, workers)
    return killed


def _wait_until_settled(writers, count, seconds=300):
    deadline = time.monotonic() + seconds
    while writers.settled() < count and time.monotonic() < deadline:
        time.sleep(0.05)


def wait_for_replacement(server, killed_pid, workers, seconds=60):
    """Wait until gunicorn has `workers` workers again, none of them the killed one."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        pids = server.worker_pids()
        if len(pids) == workers and killed_pid not in pids:
            return pids
        time.sleep(0.2)
    raise AssertionError(f"gunicorn did not replace worker {killed_pid}: {server.worker_pids()}")


STORED_COMMENTS = """
import json
from freigabe.comments.models import Comment
rows = Comment.objects.filter(article__site__slug={site!r}, article__external_id={article!r})
print(json.dumps(list(rows.values_list("id", "body", "status"))))
"""


def stored_comments(environment, site, article_id):
    """Every comment of the article as [id, body, status], read by `freigabe shell`."""
    result = environment.run("shell", "-c", STORED_COMMENTS.format(site=site, article=article_id))
    return json.loads(result.stdout.strip().splitlines()[-1])


def lost_or_doubled(outcome, rows):
    """Problems found when comparing the writers' outcome with the stored rows."""
    by_marker = {}
    problems = []
    for comment_id, body, status in rows:
        found = MARKER.search(body)
        if not found:
            problems.append(f"comment {comment_id} carries no marker: {body!r}")
            continue
        by_marker.setdefault(found.group(1), []).append((comment_id, body, status))
    for marker, copies in by_marker.items():
        if len(copies) > 1:
            problems.append(f"{marker} stored {len(copies)} times")
    for marker, (comment_id, body) in outcome.acknowledged.items():
        copies = by_marker.get(marker, [])
        if [copy[:2] for copy in copies] != [(comment_id, body)]:
            problems.append(f"acknowledged {marker} (id {comment_id}) stored as {copies}")
    for marker in outcome.stored_before:
        if len(by_marker.get(marker, [])) != 1:
            problems.append(f"{marker} answered 409 on retry but is not stored once")
    not_pending = [row for copies in by_marker.values() for row in copies if row[2] != "pending"]
    if not_pending:
        problems.append(f"{len(not_pending)} comments changed status without a decision: {not_pending[:3]}")
    return problems
