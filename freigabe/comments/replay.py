"""Replay a site's history and measure how well the waiting time would have been promised.

Plain Python (no Django). For every comment, the estimate uses only what was known when it
was submitted: the decisions made before, and the comments pending at that moment.

History: CSV with `comment_id,submitted_at,decided_at` (ISO 8601, `decided_at` empty while
pending) and, optionally, `suggestion` (release/review/reject) for the triage order.
"""

import csv
import heapq
import statistics
from collections import Counter, deque
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from freigabe.comments.triage import suggestion_rank
from freigabe.comments.wait_model import QueueStats, closed_for, estimate, old_estimate

REQUIRED_COLUMNS = ("comment_id", "submitted_at", "decided_at")
OLD_WINDOW = timedelta(hours=2)


class HistoryError(ValueError):
    """The history file cannot be read; the message names the line."""


@dataclass(frozen=True)
class Entry:
    comment_id: str
    submitted_at: datetime
    decided_at: datetime | None
    rank: int


def read_history(path):
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [name for name in REQUIRED_COLUMNS if name not in (reader.fieldnames or ())]
        if missing:
            raise HistoryError(
                f"{path}: missing column(s) {', '.join(missing)}; expected {','.join(REQUIRED_COLUMNS)}."
            )
        entries = [_entry(row, line) for line, row in enumerate(reader, start=2)]
    return sorted(entries, key=lambda entry: entry.submitted_at)


def _entry(row, line):
    submitted = _moment(row["submitted_at"], line, "submitted_at")
    decided = _moment(row["decided_at"], line, "decided_at") if (row["decided_at"] or "").strip() else None
    if decided is not None and decided < submitted:
        raise HistoryError(f"line {line}: decided_at is before submitted_at.")
    return Entry(row["comment_id"], submitted, decided, suggestion_rank(row.get("suggestion") or ""))


def _moment(text, line, column):
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise HistoryError(f"line {line}: {column} '{text}' is not an ISO 8601 time.") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def replay(entries, hours, default_per_hour=60.0):
    """Estimate every comment's wait as it would have been shown; return the figures."""
    stats = QueueStats()
    decisions = []  # heap of (decided_at, submitted_at, rank, ahead, raw, id) to learn
    pending = Counter()  # triage rank -> comments pending now
    recent = deque()  # decision times in the last two hours (the old estimate)
    rows = []
    for entry in entries:
        now = entry.submitted_at
        while decisions and decisions[0][0] <= now:
            decided, submitted, rank, ahead_then, raw, _ = heapq.heappop(decisions)
            stats.observe(submitted, decided, hours, rank)
            stats.learn_outcome(
                rank, ahead_then, raw, (decided - submitted).total_seconds(), closed_for(hours, submitted)
            )
            pending[rank] -= 1
            recent.append(decided)
        while recent and recent[0] < now - OLD_WINDOW:
            recent.popleft()
        ahead = sum(count for rank, count in pending.items() if rank <= entry.rank)
        new = estimate(stats, now, ahead, hours, default_per_hour, rank=entry.rank)
        old = old_estimate(sum(pending.values()), len(recent), default_per_hour)
        if entry.decided_at is not None:
            actual = max(1.0, (entry.decided_at - now).total_seconds())
            rows.append((now.astimezone(hours.zone).hour, actual, new, old, ahead, entry.rank, now))
            heapq.heappush(
                decisions, (entry.decided_at, now, entry.rank, ahead, new.raw_seconds, entry.comment_id)
            )
        pending[entry.rank] += 1
    return summarise(rows, still_pending=len(entries) - len(rows))


QUEUE_CLASSES = (("0", 0, 0), ("1-5", 1, 5), ("6-30", 6, 30), ("31+", 31, None))


def summarise(rows, still_pending=0):
    """rows: (local hour of submission, actual seconds, WaitEstimate, old estimate, ahead, rank, submitted)."""

    def figures(selected):
        if not selected:
            return {"n": 0, "within_range": None, "median_abs_error_ratio": None}
        within = sum(1 for row in selected if row[2].low <= row[1] <= row[2].high)
        return {
            "n": len(selected),
            "within_range": round(within / len(selected), 3),
            "median_abs_error_ratio": round(
                statistics.median(abs(row[1] - row[2].seconds) / row[1] for row in selected), 3
            ),
            # The share whose point estimate came within 25 % (the median error is <= 0.25
            # exactly when this is at least half).
            "within_quarter": round(
                sum(1 for row in selected if abs(row[1] - row[2].seconds) <= 0.25 * row[1]) / len(selected), 3
            ),
            "median_actual_seconds": round(statistics.median(row[1] for row in selected)),
            "median_width_ratio": round(
                statistics.median(row[2].high / max(row[2].low, 1) for row in selected), 2
            ),
        }

    result = figures(rows)
    result["still_pending"] = still_pending
    result["by_hour"] = {
        str(hour): figures([row for row in rows if row[0] == hour])
        for hour in range(24)
        if any(row[0] == hour for row in rows)
    }
    result["by_queue"] = {
        name: figures([row for row in rows if low <= row[4] and (high is None or row[4] <= high)])
        for name, low, high in QUEUE_CLASSES
    }
    result["old_estimate"] = {
        "median_abs_error_ratio": round(statistics.median(abs(row[1] - row[3]) / row[1] for row in rows), 3)
        if rows
        else None,
        "within_range": None,  # round one gave a single number, no range
    }
    return result
