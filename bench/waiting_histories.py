"""Write realistic newsroom histories for the waiting-time replay (tests/fixtures/waiting/).

    python bench/waiting_histories.py [--out tests/fixtures/waiting]

A small discrete-event simulation, seeded, so the files are the same on every machine:
- arrivals: a daily rhythm (quiet nights, a midday rise, an evening peak) plus a burst
  after each article's publication that fades over a couple of hours;
- editors: shifts per weekday, each editor taking the next comment in triage order
  (likely-clean first, then review, then likely rule-breakers), a lognormal reading time
  and a short break every couple of hours; nobody works outside the shifts.
Scenarios: an ordinary week; a viral article; nights without editors and no set hours
on the site; a day on which one of two editors is ill; and *newsroom*, the realistic week
the aims are reported on, which combines them (a viral evening, an evening editor ill on
two days) with editors who read at their own speed and doubtful comments that take longer.

`--seed 1` (the default) writes the committed fixtures; the estimator's parameters are
tuned on other seeds (`--seed 101`, `102`, `103` into another folder), never on these.
"""

import argparse
import csv
import heapq
import math
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2026, 11, 2, 0, 0, tzinfo=BERLIN)  # a Monday
# Comments per hour by local hour, before publication bursts.
DAILY_RHYTHM = [6, 4, 3, 2, 2, 4, 10, 22, 30, 34, 36, 38, 42, 40, 36, 34, 36, 44, 60, 72, 76, 66, 40, 16]
SUGGESTIONS = (("release", 0.62), ("review", 0.28), ("reject", 0.10))
WEEKDAY_SHIFTS = [(7, 15), (10, 18), (15, 23), (17, 23)]  # four editors on a weekday
BUSY_WEEKDAY_SHIFTS = [(7, 15), (11, 19), (15, 23)]
WEEKEND_SHIFTS = [(9, 15), (14, 20)]
SCENARIOS = {
    "week": "an ordinary week: four editors on weekdays, two at weekends, hours Mo-Fr 07-23, Sa-So 09-20",
    "busy": "the same comments with three editors on weekdays: queues in the evening",
    "viral": "the same week with one article going viral on Wednesday evening (four times the comments)",
    "night": "nights without editors on a site that set no hours (the estimate must learn the shifts)",
    "editor_ill": "on Wednesday and Thursday one of the two evening editors is ill",
    "newsroom": "a realistic week: a viral evening, an editor ill on two days, editors of different speed",
}
# Newsroom only (the other histories stay as they were): each editor's own reading speed
# (median factor 1, a quarter either way is common) and doubtful comments read longer.
EDITOR_SPEED_SIGMA = 0.25
READING_BY_SUGGESTION = {"release": 1.0, "review": 1.4, "reject": 0.8}
HOURS_SPEC = "Mo-Fr 07:00-23:00; Sa,So 09:00-20:00"


def arrivals(rng, days, viral=False):
    """(submitted_at, suggestion) for every comment, in time order."""
    moments = []
    for day in range(days):
        base = START + timedelta(days=day)
        weekend = base.weekday() >= 5
        for hour, rate in enumerate(DAILY_RHYTHM):
            rate *= 0.7 if weekend else 1.0
            moments += _poisson(rng, base + timedelta(hours=hour), 3600, rate)
        for _ in range(5 if weekend else 9):  # publications between 6:00 and 20:00
            published = base + timedelta(hours=rng.uniform(6, 20))
            moments += _burst(rng, published, size=rng.randint(20, 70), fade_hours=1.5)
        if viral is True and day == 2:
            moments += _burst(rng, base + timedelta(hours=18), size=900, fade_hours=3.0)
        if viral == "newsroom" and day == 2:  # a smaller one, at a time nobody knew before
            moments += _burst(rng, base + timedelta(hours=rng.uniform(16, 20)), size=600, fade_hours=2.5)
    moments.sort()
    return [(moment, _suggestion(rng)) for moment in moments]


def _poisson(rng, start, seconds, rate_per_hour):
    moments, t = [], rng.expovariate(rate_per_hour / 3600)
    while t < seconds:
        moments.append(start + timedelta(seconds=t))
        t += rng.expovariate(rate_per_hour / 3600)
    return moments


def _burst(rng, published, size, fade_hours):
    return [published + timedelta(hours=rng.expovariate(1 / fade_hours)) for _ in range(size)]


def _suggestion(rng):
    pick, total = rng.random(), 0.0
    for name, share in SUGGESTIONS:
        total += share
        if pick < total:
            return name
    return SUGGESTIONS[-1][0]


def shifts(days, scenario):
    """(start, end) working stretches per editor, each with breaks cut out."""
    stretches = []
    for day in range(days):
        base = START + timedelta(days=day)
        weekend = base.weekday() >= 5
        weekday_shifts = BUSY_WEEKDAY_SHIFTS if scenario == "busy" else WEEKDAY_SHIFTS
        for editor, (first, last) in enumerate(WEEKEND_SHIFTS if weekend else weekday_shifts):
            if scenario == "editor_ill" and day in (2, 3) and editor == 3:
                continue
            if scenario == "newsroom" and day in (3, 4) and editor == 2:
                continue
            stretches.append((editor, base + timedelta(hours=first), base + timedelta(hours=last)))
    return stretches


def simulate(scenario, seed, days=7):
    # "busy" is the ordinary week's comments with fewer editors: the same arrivals.
    rng = random.Random(f"{'week' if scenario == 'busy' else scenario}-{seed}")
    viral = {"viral": True, "newsroom": "newsroom"}.get(scenario, False)
    comments = arrivals(rng, days, viral=viral)
    work = _with_breaks(rng, shifts(days, scenario))
    speed, by_suggestion = _reading_factors(scenario, seed, work)
    decided = {}
    pending = []  # heap of (triage rank, submitted_at, index)
    rank = {"release": 0, "review": 1, "reject": 2}
    next_arrival = 0
    # Editors take turns by when each is next free.
    free = [(start, editor, end) for editor, start, end in work]
    heapq.heapify(free)
    while free:
        now, editor, end = heapq.heappop(free)
        while next_arrival < len(comments) and comments[next_arrival][0] <= now:
            moment, suggestion = comments[next_arrival]
            heapq.heappush(pending, (rank[suggestion], moment, next_arrival))
            next_arrival += 1
        if not pending:
            if next_arrival >= len(comments):
                continue
            wake = comments[next_arrival][0] + timedelta(seconds=rng.uniform(20, 120))
            if wake < end:  # an editor notices a new comment within a minute or two
                heapq.heappush(free, (wake, editor, end))
            continue
        _, _, index = heapq.heappop(pending)
        factor = speed.get(editor, 1.0) * by_suggestion.get(comments[index][1], 1.0)
        reading = timedelta(seconds=factor * rng.lognormvariate(math.log(60), 0.6))
        done = now + reading
        decided[index] = done
        if done < end:
            heapq.heappush(free, (done, editor, end))
    return [
        (f"c{index}", moment, decided.get(index), suggestion)
        for index, (moment, suggestion) in enumerate(comments)
    ]


def _reading_factors(scenario, seed, work):
    """(speed per editor, factor per suggestion): only the newsroom week has them.

    Drawn from their own random stream, so the other histories stay as they were.
    """
    if scenario != "newsroom":
        return {}, {}
    rng = random.Random(f"{scenario}-speed-{seed}")
    editors = sorted({editor for editor, _, _ in work})
    return {editor: rng.lognormvariate(0, EDITOR_SPEED_SIGMA) for editor in editors}, READING_BY_SUGGESTION


def _with_breaks(rng, stretches):
    """Cut a 10–20 minute break into every two to three hours of a shift."""
    pieces = []
    for editor, start, end in stretches:
        cursor = start
        while cursor < end:
            stop = min(end, cursor + timedelta(hours=rng.uniform(2, 3)))
            pieces.append((editor, cursor, stop))
            cursor = stop + timedelta(minutes=rng.uniform(10, 20))
    return pieces


def write(rows, path):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["comment_id", "submitted_at", "decided_at", "suggestion"])
        for comment_id, submitted, decided, suggestion in rows:
            writer.writerow([comment_id, _iso(submitted), _iso(decided) if decided else "", suggestion])


def _iso(moment):
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="tests/fixtures/waiting")
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    out = Path(options.out)
    out.mkdir(parents=True, exist_ok=True)
    for scenario, description in SCENARIOS.items():
        rows = simulate(scenario, options.seed)
        write(rows, out / f"{scenario}.csv")
        waiting = sum(1 for row in rows if row[2] is None)
        print(f"{scenario}: {len(rows)} comments ({waiting} still pending) — {description}")


if __name__ == "__main__":
    main()
