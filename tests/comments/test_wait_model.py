"""The waiting-time model: the editors' pace while they work, the shifts, and the range."""

import math
import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from freigabe.articles.review_hours import ReviewHours
from freigabe.comments.wait_model import QueueStats, closed_for, estimate, old_estimate

BERLIN = ZoneInfo("Europe/Berlin")
ALWAYS = ReviewHours.parse("")
DAYTIME = ReviewHours.parse("täglich 07:00-23:00")


def at(hour, minute=0, day=1):
    return datetime(2026, 12, day, hour, minute, tzinfo=BERLIN)


def worked_through_a_queue(start, count, gap_seconds, hours=ALWAYS):
    """Stats after editors cleared `count` comments that were all waiting at `start`."""
    stats = QueueStats()
    for number in range(1, count + 1):
        stats.observe(start, start + timedelta(seconds=gap_seconds * number), hours)
    return stats


def test_a_quiet_day_does_not_make_the_editors_look_slow():
    # A comment every hour, each decided two minutes after it came in: the hours between
    # are an empty queue, not slow editors.
    stats = QueueStats()
    for hour in range(8, 20):
        stats.observe(at(hour), at(hour, 2), ALWAYS)
    wait = estimate(stats, at(20, 30), ahead=0, hours=ALWAYS)
    assert 60 <= wait.seconds <= 5 * 60
    assert wait.low <= wait.seconds <= wait.high


def test_comments_ahead_are_cleared_at_the_teams_pace():
    stats = worked_through_a_queue(at(9), count=40, gap_seconds=30)
    wait = estimate(stats, at(9, 21), ahead=30, hours=ALWAYS)
    # 30 comments at about one per 30 s: a quarter of an hour, give or take.
    assert 10 * 60 <= wait.seconds <= 25 * 60
    assert wait.low < wait.seconds < wait.high


def test_a_team_half_as_fast_promises_about_twice_as_long():
    usual = worked_through_a_queue(at(9), count=40, gap_seconds=30)
    one_ill = worked_through_a_queue(at(9), count=40, gap_seconds=60)
    quick = estimate(usual, at(9, 21), ahead=30, hours=ALWAYS).seconds
    slow = estimate(one_ill, at(9, 41), ahead=30, hours=ALWAYS).seconds
    assert 1.6 <= slow / quick <= 2.4


def test_outside_the_hours_the_wait_starts_when_the_editors_are_back():
    stats = worked_through_a_queue(at(21), count=40, gap_seconds=30, hours=DAYTIME)
    wait = estimate(stats, at(23, 30), ahead=3, hours=DAYTIME)
    assert wait.resumes_at == at(7, 0, day=2)
    assert wait.low >= 7.5 * 3600  # not "a few minutes" at half past eleven


def test_without_set_hours_the_shifts_are_learnt_from_the_nights():
    # Three days: editors from 7 to 23; comments that come at night wait for the morning.
    stats = QueueStats()
    for day in (1, 2, 3):
        night_comment = at(23, 40, day=day)
        stats.observe(night_comment, at(7, 5, day=day + 1), ALWAYS)
        for minute in range(0, 16 * 60, 6):
            moment = at(7, 5, day=day + 1) + timedelta(minutes=minute)
            stats.observe(moment - timedelta(minutes=2), moment, ALWAYS)
    wait = estimate(stats, at(23, 45, day=4), ahead=2, hours=ALWAYS)
    assert wait.seconds >= 6 * 3600
    assert wait.resumes_at is not None and wait.resumes_at.hour in (6, 7)


def test_comments_suggested_for_rejection_wait_for_likely_clean_newcomers():
    # Triage checks likely-clean comments first: new ones overtake a rejection candidate.
    stats = QueueStats()
    start = at(9)
    for number in range(1, 121):
        rank = 0 if number % 10 else 2
        stats.observe(
            start + timedelta(seconds=25 * number - 20), start + timedelta(seconds=30 * number), ALWAYS, rank
        )
    clean = estimate(stats, at(10), ahead=10, hours=ALWAYS, rank=0)
    doubtful = estimate(stats, at(10), ahead=10, hours=ALWAYS, rank=2)
    assert doubtful.seconds > clean.seconds


def test_the_band_learns_from_how_earlier_promises_turned_out():
    stats = worked_through_a_queue(at(9), count=40, gap_seconds=30)
    before = estimate(stats, at(9, 21), ahead=5, hours=ALWAYS)
    for _ in range(60):  # every such comment took twice as long as the raw estimate
        stats.learn_outcome(0, 5, before.raw_seconds, 2 * before.raw_seconds)
    after = estimate(stats, at(9, 21), ahead=5, hours=ALWAYS)
    assert after.raw_seconds == before.raw_seconds
    assert 1.6 * before.seconds <= after.seconds <= 2.4 * before.seconds


def test_the_point_is_the_one_closest_to_most_waits_not_their_median():
    # Of the waits like this one, 45 % took 1.0x the raw estimate, the rest spread evenly
    # from 1.5x to 4x. Their median, 1.73x, is within 25 % of under a fifth of them;
    # 1.25x is within 25 % of all the 1.0x waits and of those up to 1.67x: almost half.
    stats = worked_through_a_queue(at(9), count=40, gap_seconds=30)
    raw = estimate(stats, at(9, 21), ahead=5, hours=ALWAYS).raw_seconds
    rng = random.Random(3)
    for _ in range(400):
        factor = 1.0 if rng.random() < 0.45 else rng.uniform(1.5, 4.0)
        stats.learn_outcome(0, 5, raw, factor * raw)
    wait = estimate(stats, at(9, 21), ahead=5, hours=ALWAYS)
    assert 1.1 * raw <= wait.seconds <= 1.3 * raw


def test_the_band_holds_the_share_of_recent_waits_it_is_meant_to():
    stats = worked_through_a_queue(at(9), count=40, gap_seconds=30)
    raw = estimate(stats, at(9, 21), ahead=12, hours=ALWAYS).raw_seconds
    rng = random.Random(5)
    for _ in range(600):  # a skewed spread: mostly a little late, sometimes much later
        stats.learn_outcome(0, 12, raw, raw * math.exp(rng.gauss(0.1, 0.3) + rng.expovariate(3.0)))
    wait = estimate(stats, at(9, 21), ahead=12, hours=ALWAYS)
    later = [raw * math.exp(rng.gauss(0.1, 0.3) + rng.expovariate(3.0)) for _ in range(2000)]
    inside = sum(wait.low <= actual <= wait.high for actual in later) / len(later)
    assert 0.88 <= inside <= 0.97  # the band's level is 93 %


def test_a_comment_submitted_at_night_learns_only_from_the_wait_after_opening():
    stats = worked_through_a_queue(at(21), count=40, gap_seconds=30, hours=DAYTIME)
    night = at(23, 30)
    closed = closed_for(DAYTIME, night)
    assert closed == 7.5 * 3600 and closed_for(DAYTIME, at(9)) is None
    before = estimate(stats, night, ahead=3, hours=DAYTIME)
    work = before.raw_seconds - closed
    for _ in range(60):  # the morning's work on them took twice as long as promised
        stats.learn_outcome(0, 3, before.raw_seconds, closed + 2 * work, closed)
    after = estimate(stats, night, ahead=3, hours=DAYTIME)
    assert after.low <= closed + 2 * work <= after.high
    assert after.seconds - closed >= 1.6 * work  # the night is not mistaken for the editors' pace


def test_the_record_survives_a_round_trip_through_json():
    stats = worked_through_a_queue(at(9), count=12, gap_seconds=30)
    again = QueueStats.from_json(stats.to_json())
    assert estimate(again, at(9, 10), ahead=4, hours=ALWAYS) == estimate(
        stats, at(9, 10), ahead=4, hours=ALWAYS
    )
    assert QueueStats.from_json({"busy": [1.0]}).busy == [0.0] * 168  # an old layout starts afresh
    stats.learn_outcome(0, 4, 600, 900)
    older = {**stats.to_json(), "calibration": {"0:1": {"low": -0.7, "middle": 0.0, "high": 0.7}}}
    assert QueueStats.from_json(older).calibration == {}  # older calibration cells refill
    assert QueueStats.from_json(stats.to_json()).calibration == stats.calibration


def test_round_ones_estimate_is_kept_for_comparison():
    assert old_estimate(8, 5) == round(9 / 2.5 * 3600)  # the "etwa 3 Stunden" of the demo
    assert old_estimate(0, 0) == 60
