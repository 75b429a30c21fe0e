"""How long a pending comment will wait: the editors' pace while they work, and their hours.

Plain Python (no Django): the live estimate (comments/waiting.py) and the replay of a
history (comments/replay.py) feed the same `QueueStats` with decisions as they happen and
ask the same `estimate()`.

The quantities:
- *Service time* of a decision: from the moment the editors could have started on the
  comment (the later of its arrival and the previous decision) to the decision. Time with
  an empty queue is never counted, so quiet hours do not make the editors look slow.
- *Recent pace*: a log-space moving average of service times (robust to a coffee break),
  capped so that one night does not poison it.
- *Pace by hour of the week*: decisions per second of non-empty queue in each of the 168
  hours, decayed with a two-week half-life. Hours in which comments waited and nobody
  decided learn a pace near zero: the shifts show up even on a site without set hours.
- The set review hours: no work is expected outside them.
A comment waits for the `ahead` comments before it in triage order and itself; walking
forward through time at the expected pace gives the moment it is reached.
"""

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta

HOURS_PER_WEEK = 168
HALF_LIFE = timedelta(days=14).total_seconds()
SERVICE_CAP = 30 * 60  # longer than this between decisions: a break, not a pace
RECENT_ALPHA = 0.15  # weight of the newest service time in the moving average
RECENT_FOR = 45 * 60  # the recent pace speaks for the editors on duty this long
MIN_RECENT_SAMPLES = 5
MIN_PROFILE_BUSY = 20 * 60  # seconds of non-empty queue before an hour's pace counts
MIN_PROFILE_DECISIONS = 3
HORIZON = timedelta(days=14)
MINIMUM_WAIT_SECONDS = 60  # even an empty queue needs someone to open the comment
RANGE_Z = 1.28  # an 80 % band for the sum of the service times
RATE_UNCERTAINTY = 0.2  # how far the pace itself may be off
PACE_AT_WORK = 1 / 3600  # at least a decision an hour: somebody is at work
# Newcomers of a better triage group take at most this share of the editors' pace: editors
# also work down older doubtful comments, and a small difference between pace and arrivals
# must not turn into a promise of days.
OVERTAKEN_AT_MOST = 0.5


TRIAGE_RANKS = (0, 1, 2)  # comments/triage.py: release, review, reject groups


def _epoch(moment):
    return moment.timestamp()


def _week():
    return [0.0] * HOURS_PER_WEEK


@dataclass
class _Average:
    """A moving average of log seconds: robust to the odd long pause."""

    mean: float | None = None
    var: float = 0.5
    samples: int = 0

    def learn(self, seconds):
        value = math.log(max(1.0, min(seconds, SERVICE_CAP)))
        if self.mean is None:
            self.mean = value
        else:
            deviation = value - self.mean
            self.mean += RECENT_ALPHA * deviation
            self.var = (1 - RECENT_ALPHA) * (self.var + RECENT_ALPHA * deviation**2)
        self.samples += 1

    @property
    def known(self):
        return self.samples >= MIN_RECENT_SAMPLES and self.mean is not None

    def median(self):
        return math.exp(self.mean)

    def average(self):
        return math.exp(self.mean + min(self.var, 1.5) / 2)

    def quantile_factor(self, z):
        return math.exp(z * math.sqrt(min(self.var, 1.5)))


@dataclass
class QueueStats:
    """What the site's decisions so far say about the editors' pace (JSON-serialisable).

    Two quantities: *latency*, how long a comment that found the editors free waited for
    its decision (someone notices it and reads it: this does not shrink with more
    editors), and *gap*, the time between decisions while comments were waiting (the
    team's combined throughput). Busy time and decisions are also kept per hour of the
    week and per hour of the day, so the estimate knows the shifts.
    """

    last_decision_at: float | None = None
    latency: dict = field(default_factory=dict)
    gap: dict = field(default_factory=dict)
    busy: list = field(default_factory=_week)
    done: list = field(default_factory=_week)
    # Comments per triage rank by the hour of the week they arrived in, and the seconds
    # of each hour observed: who will overtake a comment while it waits.
    arrived: list = field(default_factory=lambda: [_week() for _ in TRIAGE_RANKS])
    elapsed: list = field(default_factory=_week)
    # How actual waits compared with what was promised, per (rank, queue size) cell.
    calibration: dict = field(default_factory=dict)
    decayed_at: float | None = None
    # Factors worked out from `calibration`, per cell, until the next outcome (not stored).
    _factors: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, value):
        value = dict(value or {})
        stats = cls(**{key: value[key] for key in _STORED if key in value})
        stats.calibration = {
            key: cell
            for key, cell in stats.calibration.items()
            if isinstance(cell, dict) and "counts" in cell
        }  # cells of an older layout are dropped: the record refills with the next decisions
        shapes = [stats.busy, stats.done, stats.elapsed, *stats.arrived]
        if len(stats.arrived) != len(TRIAGE_RANKS) or any(len(v) != HOURS_PER_WEEK for v in shapes):
            return cls(last_decision_at=stats.last_decision_at)  # an older layout: start afresh
        return stats

    def to_json(self):
        return {key: getattr(self, key) for key in _STORED}

    def average(self, name):
        return _Average(**getattr(self, name))

    def observe(self, submitted_at, decided_at, hours, rank=0):
        """Learn from one editor's decision on a comment submitted at `submitted_at`.

        `rank`: the comment's triage rank (comments/triage.py).
        """
        decided = _epoch(decided_at)
        submitted = min(_epoch(submitted_at), decided)
        previous = self.last_decision_at
        found_editors_free = previous is None or submitted >= previous
        started = submitted if found_editors_free else min(previous, decided)
        self._decay_to(decided)
        zone = hours.zone
        self.arrived[min(max(rank, 0), len(TRIAGE_RANKS) - 1)][_bucket(submitted_at, zone)] += 1.0
        if previous is not None and decided > previous:
            since = datetime.fromtimestamp(previous, tz=decided_at.tzinfo)
            for bucket, seconds in _hour_pieces(max(since, decided_at - HORIZON), decided_at, zone):
                self.elapsed[bucket] += seconds
        worked = 0.0
        start = datetime.fromtimestamp(started, tz=decided_at.tzinfo)
        for lower, upper in hours.open_intervals(start, decided_at):
            for bucket, seconds in _hour_pieces(lower, upper, zone):
                self.busy[bucket] += seconds
                worked += seconds
        self.done[_bucket(decided_at, zone)] += 1.0
        name = "latency" if found_editors_free else "gap"
        average = self.average(name)
        average.learn(worked)
        setattr(self, name, average.__dict__.copy())
        self.last_decision_at = max(decided, previous or 0.0)

    def learn_outcome(self, rank, ahead, promised_seconds, actual_seconds, closed_seconds=None):
        """Compare a decided comment's wait with the (uncalibrated) estimate it was given.

        `closed_seconds`: submitted outside the set hours, this long before they began
        (`closed_for`); only the wait after that is uncertain, and compared.
        """
        if not promised_seconds or promised_seconds <= 0:
            return
        closed = closed_seconds is not None
        idle = min(closed_seconds or 0.0, promised_seconds - 1.0, actual_seconds - 1.0)
        ratio = math.log(max(actual_seconds - idle, 1.0) / max(promised_seconds - idle, 1.0))
        for key in (_calibration_key(rank, ahead or 0, closed), _pooled_key(closed)):
            cell = _Residuals(**self.calibration.get(key, {}))
            cell.learn(ratio)
            self.calibration[key] = cell.to_json()
        # Forget the factors this outcome changes: its own cell's and those borrowed from the pool.
        changed = _calibration_key(rank, ahead or 0, closed)
        self._factors = {k: v for k, v in self._factors.items() if k != changed and v[1] == k}

    def calibration_factors(self, rank, ahead, closed=False):
        """(low, point, high) multipliers for the raw estimate from the site's record."""
        key = _calibration_key(rank, ahead, closed)
        if key not in self._factors:
            for name in (key, _pooled_key(closed)):
                cell = _Residuals(**self.calibration.get(name, {}))
                if cell.weight >= MIN_RESIDUALS:
                    self._factors[key] = (cell.factors(), name)
                    break
            else:
                self._factors[key] = (PRIOR_FACTORS, None)
        return self._factors[key][0]

    def _decay_to(self, now):
        if self.decayed_at is not None and now > self.decayed_at:
            factor = 0.5 ** ((now - self.decayed_at) / HALF_LIFE)
            self.busy = [value * factor for value in self.busy]
            self.done = [value * factor for value in self.done]
            self.elapsed = [value * factor for value in self.elapsed]
            self.arrived = [[value * factor for value in rank] for rank in self.arrived]
        self.decayed_at = max(now, self.decayed_at or now)

    def recent_rate(self, default_rate):
        """Decisions per second while comments wait, from the recent gaps."""
        gap = self.average("gap")
        return 1.0 / gap.average() if gap.known else default_rate

    def profile_rate(self, bucket):
        """Decisions per second of non-empty queue in this hour of the week, or None.

        A week-hour with little history borrows the same hour of the other days.
        """
        for busy, done in ((self.busy[bucket], self.done[bucket]), self._hour_of_day(bucket)):
            if busy >= MIN_PROFILE_BUSY or done >= MIN_PROFILE_DECISIONS:
                return done / max(busy, 1.0)
        return None

    def arrival_rate(self, bucket, ranks):
        """Comments per second arriving in this hour of the week with one of these ranks."""
        hour = bucket % 24
        for elapsed, arrived in (
            (self.elapsed[bucket], [self.arrived[r][bucket] for r in ranks]),
            (sum(self.elapsed[hour::24]), [sum(self.arrived[r][hour::24]) for r in ranks]),
            (sum(self.elapsed), [sum(self.arrived[r]) for r in ranks]),
        ):
            if elapsed >= MIN_PROFILE_BUSY:
                return sum(arrived) / elapsed
        return 0.0

    def _hour_of_day(self, bucket):
        hour = bucket % 24
        return (sum(self.busy[hour::24]), sum(self.done[hour::24]))


_STORED = [name for name in QueueStats.__dataclass_fields__ if not name.startswith("_")]
QUEUE_SIZES = (0, 3, 10, 30, 100)


def closed_for(hours, submitted_at):
    """Seconds from `submitted_at` until the set hours begin; None while they are open."""
    if hours.is_open(submitted_at):
        return None
    opens = hours.next_open(submitted_at)
    return (opens - submitted_at).total_seconds() if opens else 0.0


def _calibration_key(rank, ahead, closed=False):
    size = sum(1 for bound in QUEUE_SIZES if ahead > bound)
    return f"{rank}:{size}:{'c' if closed else 'o'}"


def _pooled_key(closed):
    return f"*:{'c' if closed else 'o'}"


# Residuals r = log(actual / raw estimate) are kept as a histogram over [-R_SPAN, R_SPAN].
R_SPAN = 3.0
R_BIN = 0.1
R_BINS = round(2 * R_SPAN / R_BIN)
RESIDUAL_MEMORY = 300  # residuals a cell remembers, older ones fading (recent promises count)
MIN_RESIDUALS = 25  # below this a cell borrows the site's pooled record, then the prior
# The point estimate maximises the share of waits it hits within this relative error (the
# aim of the replay: median |actual - estimate| / actual <= 0.25). For a skewed spread of
# waits that point is not the median: see docs/waiting-time.md.
POINT_TOLERANCE = 0.25
BAND_LEVEL = 0.93  # share of the recent residuals inside the band
PRIOR_FACTORS = (math.exp(-0.7), 1.0, math.exp(0.7))


@dataclass
class _Residuals:
    """A fading histogram of log(actual wait / raw estimate): the site's record of its promises.

    The band is the shortest stretch holding BAND_LEVEL of them (a conformal band, per
    triage rank, queue size and whether the editors were at work), so it holds the share
    of waits it is meant to hold whatever the shape of the errors; the point is the factor that would have come
    within POINT_TOLERANCE of the most recent waits.
    """

    counts: dict = field(default_factory=dict)  # bin index (as text) -> weight x boost
    boost: float = 1.0  # the weight of the newest residual: older ones fade relative to it
    weight: float = 0.0  # residuals remembered (faded)

    def learn(self, value):
        self.boost /= 1 - 1 / RESIDUAL_MEMORY
        if self.boost > 1e6:  # keep the numbers small: rescale now and then
            self.counts = {b: w / self.boost for b, w in self.counts.items() if w / self.boost > 1e-4}
            self.boost = 1.0
        index = str(min(R_BINS - 1, max(0, int((value + R_SPAN) / R_BIN))))
        self.counts[index] = self.counts.get(index, 0.0) + self.boost
        self.weight = self.weight * (1 - 1 / RESIDUAL_MEMORY) + 1.0

    def to_json(self):
        return {"counts": self.counts, "boost": self.boost, "weight": self.weight}

    def factors(self):
        """(low, point, high) multipliers of the raw estimate."""
        cumulative = self._cumulative()
        low, high = self._band(cumulative)
        point = self._best_point(cumulative)
        return math.exp(low), math.exp(min(max(point, low), high)), math.exp(high)

    def _cumulative(self):
        masses = [self.counts.get(str(index), 0.0) for index in range(R_BINS)]
        total = sum(masses) or 1.0
        cumulative, running = [0.0], 0.0
        for mass in masses:
            running += mass / total
            cumulative.append(running)
        return cumulative

    @staticmethod
    def _share_below(cumulative, value):
        """The share of residuals below `value` (uniform within a bin)."""
        position = min(max((value + R_SPAN) / R_BIN, 0.0), R_BINS)
        index = min(int(position), R_BINS - 1)
        return cumulative[index] + (position - index) * (cumulative[index + 1] - cumulative[index])

    def _band(self, cumulative):
        """The shortest stretch of log factors holding BAND_LEVEL of the residuals."""
        best = None
        for step in range(41):
            start = (1 - BAND_LEVEL) * step / 40
            low, high = self._quantile(cumulative, start), self._quantile(cumulative, start + BAND_LEVEL)
            if best is None or high - low < best[1] - best[0] - 1e-9:
                best = (low, high)
        return best

    @staticmethod
    def _quantile(cumulative, level):
        for index in range(R_BINS):
            if cumulative[index + 1] >= level:
                inside = cumulative[index + 1] - cumulative[index]
                part = (level - cumulative[index]) / inside if inside else 0.0
                return -R_SPAN + (index + part) * R_BIN
        return R_SPAN

    def _best_point(self, cumulative):
        """log factor c maximising the share of r with |1 - exp(c - r)| <= POINT_TOLERANCE."""
        below, above = math.log(1 + POINT_TOLERANCE), -math.log(1 - POINT_TOLERANCE)
        best, best_share = 0.0, -1.0
        steps = round(2 * R_SPAN / (R_BIN / 2))
        for step in range(steps + 1):
            centre = -R_SPAN + step * R_BIN / 2
            share = self._share_below(cumulative, centre + above) - self._share_below(
                cumulative, centre - below
            )
            if share > best_share + 1e-9 or (abs(share - best_share) <= 1e-9 and abs(centre) < abs(best)):
                best, best_share = centre, share
        return best


@dataclass(frozen=True)
class WaitEstimate:
    seconds: int
    low: int
    high: int
    resumes_at: datetime | None  # set when nobody checks comments now
    raw_seconds: int = 0  # before calibration: what outcomes are compared with

    @property
    def range(self):
        return [self.low, self.high]


def estimate(stats, now, ahead, hours, default_per_hour=60.0, rank=0):
    """The wait of a comment with `ahead` comments before it in the queue, from `now`.

    `rank`: its triage rank; comments of a better rank arriving meanwhile go first.
    The walk through the editors' pace gives a raw estimate; the site's record of how
    such estimates turned out (same rank, similar queue) corrects it and sets the band.
    """
    default_rate = max(default_per_hour, 1.0) / 3600.0
    pace = _Pace(stats, now, hours, default_rate, overtaking_ranks=range(min(rank, len(TRIAGE_RANKS))))
    latency = stats.average("latency")
    own = latency.median() if latency.known else 1.0 / default_rate
    # The median of a sum of `ahead` gaps sits about a third of one gap below the mean.
    raw = max(1, _reached_after(pace, now, hours, max(0.0, ahead - 1 / 3), own))
    resumes = None if hours.is_open(now) and pace.at(now) > 0 else _work_resumes(pace, now, hours)
    # Until the editors are back nothing is uncertain; the band spreads the work after that.
    idle = min(raw, round((resumes - now).total_seconds())) if resumes else 0
    work = raw - idle
    low_factor, middle_factor, high_factor = stats.calibration_factors(rank, ahead, not hours.is_open(now))
    point = max(MINIMUM_WAIT_SECONDS, idle + round(work * middle_factor))
    low = max(MINIMUM_WAIT_SECONDS // 2, min(point, idle + round(work * low_factor)))
    high = max(point, idle + round(work * high_factor))
    return WaitEstimate(seconds=point, low=low, high=high, resumes_at=resumes, raw_seconds=raw)


class _Pace:
    """Expected decisions per second at a moment: recent pace near now, the profile later."""

    def __init__(self, stats, now, hours, default_rate, overtaking_ranks=()):
        self.stats, self.zone = stats, hours.zone
        self.overtaking_ranks = list(overtaking_ranks)
        self.recent = stats.recent_rate(default_rate)
        self.default_rate = default_rate
        self.known = stats.average("gap").known
        on_duty = stats.last_decision_at is not None and _epoch(now) - stats.last_decision_at < RECENT_FOR
        self.recent_until = _epoch(now) + RECENT_FOR if on_duty else _epoch(now)
        usual_now = stats.profile_rate(_bucket(now, self.zone))
        # Today's team compared with the usual one (one editor ill, an extra shift), shrunk
        # towards "as usual" and applied to the rest of the day only.
        ratio = self.recent / usual_now if on_duty and usual_now else 1.0
        self.today_factor = min(2.0, max(0.5, 1 + 0.5 * (ratio - 1)))
        self.today = now.astimezone(self.zone).date()

    def at(self, moment):
        usual = self.stats.profile_rate(_bucket(moment, self.zone))
        if _epoch(moment) < self.recent_until:
            return self.recent if usual is None else 0.7 * self.recent + 0.3 * usual
        if usual is None:
            return self.recent if self.known else self.default_rate
        if moment.astimezone(self.zone).date() == self.today:
            return usual * self.today_factor
        return usual

    def overtaking(self, moment):
        """Comments per second that arrive now and will be checked before ours."""
        if not self.overtaking_ranks:
            return 0.0
        return self.stats.arrival_rate(_bucket(moment, self.zone), self.overtaking_ranks)


def _reached_after(pace, now, hours, ahead, own_seconds):
    """Seconds from `now` until the `ahead` decisions are made and then this one.

    The comments ahead are cleared at the team's pace; the comment's own reading takes
    `own_seconds` of a working hour (one with a pace above zero).
    """
    remaining, cursor = ahead, now
    for lower, upper in hours.open_intervals(now, now + HORIZON):
        remaining += pace.overtaking(cursor) * (lower - cursor).total_seconds()  # while closed
        cursor = lower
        while cursor < upper:
            step_end = min(upper, _next_hour(cursor))
            rate = pace.at(cursor)
            progress = rate - min(pace.overtaking(cursor), OVERTAKEN_AT_MOST * rate)
            seconds = (step_end - cursor).total_seconds()
            if progress > 0 and progress * seconds >= remaining:
                reached = cursor + timedelta(seconds=remaining / progress + own_seconds)
                return round((reached - now).total_seconds())
            remaining -= progress * seconds
            cursor = step_end
    return round(HORIZON.total_seconds())


def _work_resumes(pace, now, hours):
    """When the editors are expected at work again (they are not now)."""
    for lower, upper in hours.open_intervals(now, now + HORIZON):
        cursor = lower
        while cursor < upper:
            if pace.at(cursor) > PACE_AT_WORK:
                return cursor
            cursor = min(upper, _next_hour(cursor))
    return None


def _next_hour(moment):
    return moment.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)


def _bucket(moment, zone):
    local = moment.astimezone(zone)
    return local.weekday() * 24 + local.hour


def _hour_pieces(lower, upper, zone):
    """(hour-of-week bucket, seconds) for each clock hour that [lower, upper] touches."""
    cursor = lower
    while cursor < upper:
        step_end = min(upper, _next_hour(cursor))
        yield _bucket(cursor, zone), (step_end - cursor).total_seconds()
        cursor = step_end


def old_estimate(pending_ahead, decisions_last_two_hours, default_per_hour=60.0):
    """The estimate of round one, kept to compare against: queue ÷ recent decision rate."""
    rate = default_per_hour if decisions_last_two_hours < 5 else decisions_last_two_hours / 2
    return max(MINIMUM_WAIT_SECONDS, round((pending_ahead + 1) / max(rate, 1.0) * 3600))
