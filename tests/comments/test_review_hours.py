"""A site's review hours: parsed from what a newsroom writes, told to readers, used by the estimate."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from freigabe.articles.review_hours import HoursError, ReviewHours

BERLIN = ZoneInfo("Europe/Berlin")
NEWSROOM = "Mo-Fr 07:00-23:00; Sa,So 09:00-20:00"


def at(*parts):
    return datetime(*parts, tzinfo=BERLIN)


def test_it_reads_german_and_english_day_names_alike():
    german = ReviewHours.parse("Mo-Fr 07:00-23:00; Sa,So 09:00-20:00")
    english = ReviewHours.parse("Mon-Fri 7-23; Sat,Sun 9-20")
    assert german.weekly == english.weekly
    assert german.weekly[0] == ((7 * 60, 23 * 60),)
    assert german.weekly[6] == ((9 * 60, 20 * 60),)


def test_it_tells_readers_the_hours_in_both_languages():
    assert ReviewHours.parse("täglich 07:00-23:00").describe("de") == "täglich von 7 bis 23 Uhr"
    hours = ReviewHours.parse(NEWSROOM)
    assert hours.describe("de") == "Mo–Fr von 7 bis 23 Uhr, Sa–So von 9 bis 20 Uhr"
    assert hours.describe("en") == "Mon–Fri from 07:00 to 23:00, Sat–Sun from 09:00 to 20:00"
    assert ReviewHours.parse("").describe("de") == ""  # always: nothing to tell


def test_without_hours_it_is_always_open():
    hours = ReviewHours.parse("")
    assert hours.always
    assert hours.is_open(at(2026, 12, 1, 3, 0))


def test_it_knows_when_the_editors_are_back():
    hours = ReviewHours.parse(NEWSROOM, "Europe/Berlin")
    tuesday_late = at(2026, 12, 1, 23, 30)
    assert not hours.is_open(tuesday_late)
    assert hours.next_open(tuesday_late) == at(2026, 12, 2, 7, 0)
    friday_night = at(2026, 12, 4, 23, 30)
    assert hours.next_open(friday_night) == at(2026, 12, 5, 9, 0)  # Saturday opens later


def test_exceptions_close_a_holiday_or_shorten_it():
    hours = ReviewHours.parse(NEWSROOM, exceptions="2026-12-24 09:00-12:00; 2026-12-25 geschlossen")
    assert hours.is_open(at(2026, 12, 24, 10, 0))
    assert not hours.is_open(at(2026, 12, 24, 13, 0))
    assert hours.next_open(at(2026, 12, 24, 13, 0)) == at(2026, 12, 26, 9, 0)


def test_open_seconds_count_only_open_time_across_days():
    hours = ReviewHours.parse("täglich 07:00-23:00")
    assert hours.open_seconds(at(2026, 12, 1, 22, 0), at(2026, 12, 2, 8, 0)) == 2 * 3600


def test_the_time_zone_is_respected():
    hours = ReviewHours.parse("täglich 07:00-23:00", "America/New_York")
    seven_in_new_york = datetime(2026, 12, 1, 12, 0, tzinfo=ZoneInfo("UTC"))
    assert hours.is_open(seven_in_new_york)
    assert not hours.is_open(seven_in_new_york - timedelta(minutes=1))


@pytest.mark.parametrize(
    "spec, message",
    [
        ("Mo-Fx 07:00-23:00", "Unknown day"),
        ("Mo-Fr 7 bis 23", "Cannot read the hours"),
        ("Mo 25:00-26:00", "not a time of day"),
        ("Mo 07:00-07:00", "empty"),
    ],
)
def test_bad_hours_are_refused_with_a_clear_message(spec, message):
    with pytest.raises(HoursError, match=message):
        ReviewHours.parse(spec)


def test_bad_time_zone_and_exception_dates_are_refused():
    with pytest.raises(HoursError, match="Unknown time zone"):
        ReviewHours.parse(NEWSROOM, "Mars/Olympus")
    with pytest.raises(HoursError, match="is not a date"):
        ReviewHours.parse(NEWSROOM, exceptions="24.12. geschlossen")
