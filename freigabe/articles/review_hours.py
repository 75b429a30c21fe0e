"""When a site's editors check comments: weekly hours, a time zone and exceptions.

Plain Python (no Django), shared by the live estimate and the replay of a history.

    hours = ReviewHours.parse("Mo-Fr 07:00-23:00; Sa,So 09:00-20:00", "Europe/Berlin",
                              exceptions="2026-12-24 09:00-12:00; 2026-12-25 geschlossen")
    hours.is_open(moment); hours.next_open(moment); hours.open_intervals(start, end)

An empty spec means "always": the default, and what a site without settings gets.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DAY_NAMES = {
    # German first, English too; Monday is 0 as in datetime.weekday().
    "mo": 0,
    "di": 1,
    "mi": 2,
    "do": 3,
    "fr": 4,
    "sa": 5,
    "so": 6,
    "mon": 0,
    "tue": 1,
    "wed": 2,
    "thu": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
}
EVERY_DAY = ("täglich", "taeglich", "daily", "mo-so", "mon-sun")
CLOSED_WORDS = ("geschlossen", "closed", "-")
SHORT_DAYS = {
    "de": ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
MINUTES_PER_DAY = 24 * 60
_RANGE = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*[-–]\s*(\d{1,2})(?::(\d{2}))?$")


class HoursError(ValueError):
    """The hours or exceptions cannot be read; the message says where."""


@dataclass(frozen=True)
class ReviewHours:
    weekly: dict = field(default_factory=dict)  # weekday -> ((start_min, end_min), ...)
    exceptions: dict = field(default_factory=dict)  # date -> ((start_min, end_min), ...)
    timezone: str = "Europe/Berlin"
    always: bool = True

    @classmethod
    def parse(cls, spec="", timezone="Europe/Berlin", exceptions=""):
        zone = _zone(timezone)
        spec = (spec or "").strip()
        weekly = _parse_weekly(spec) if spec else {}
        special = _parse_exceptions(exceptions or "")
        return cls(weekly=weekly, exceptions=special, timezone=zone.key, always=not spec and not special)

    @classmethod
    def from_settings(cls, value):
        """The site's stored setting: {"spec", "timezone", "exceptions"} or empty."""
        value = value or {}
        return cls.parse(
            value.get("spec", ""), value.get("timezone") or "Europe/Berlin", value.get("exceptions", "")
        )

    @classmethod
    def of_site(cls, value):
        """Like from_settings, but a stored value that no longer parses counts as always
        (a comment is never refused over a setting)."""
        try:
            return cls.from_settings(value)
        except HoursError:
            return cls()

    @property
    def zone(self):
        return ZoneInfo(self.timezone)

    def ranges_on(self, day):
        """The open minutes of a local calendar day, as (start, end) pairs."""
        if day in self.exceptions:
            return self.exceptions[day]
        if self.always:
            return ((0, MINUTES_PER_DAY),)
        if not self.weekly:  # exceptions only: every other day is an ordinary open day
            return ((0, MINUTES_PER_DAY),)
        return self.weekly.get(day.weekday(), ())

    def open_intervals(self, start, end):
        """The open stretches within [start, end] as aware datetimes, in order."""
        if end <= start:
            return
        zone = self.zone
        day = start.astimezone(zone).date() - timedelta(days=1)  # a range may start before
        last = end.astimezone(zone).date()
        while day <= last:
            for first_minute, last_minute in self.ranges_on(day):
                opens = _local(day, first_minute, zone)
                closes = _local(day, last_minute, zone)
                lower, upper = max(opens, start), min(closes, end)
                if lower < upper:
                    yield lower, upper
            day += timedelta(days=1)

    def is_open(self, moment):
        probe = moment + timedelta(seconds=1)
        return any(True for _ in self.open_intervals(moment, probe))

    def next_open(self, moment, horizon=timedelta(days=14)):
        """The first open moment at or after `moment` (None if closed for the horizon)."""
        for opens, _ in self.open_intervals(moment, moment + horizon):
            return opens
        return None

    def open_seconds(self, start, end):
        return sum((upper - lower).total_seconds() for lower, upper in self.open_intervals(start, end))

    def describe(self, language="de"):
        """The weekly hours as readers read them: "täglich von 7 bis 23 Uhr"."""
        if self.always or not self.weekly:
            return ""
        groups = {}
        for weekday in range(7):
            groups.setdefault(self.weekly.get(weekday, ()), []).append(weekday)
        parts = []
        for ranges, days in groups.items():
            if not ranges:
                continue
            times = ", ".join(_range_text(lower, upper, language) for lower, upper in ranges)
            parts.append(f"{_days_text(days, language)} {times}")
        return ", ".join(parts)


def _zone(name):
    try:
        return ZoneInfo(str(name or "Europe/Berlin"))
    except (ZoneInfoNotFoundError, ValueError):
        raise HoursError(f"Unknown time zone '{name}' (use a name like Europe/Berlin).") from None


def _local(day, minute, zone):
    if minute >= MINUTES_PER_DAY:
        return datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
    return datetime.combine(day, time(minute // 60, minute % 60), tzinfo=zone)


def _parse_weekly(spec):
    weekly = {}
    for part in filter(None, (piece.strip() for piece in spec.split(";"))):
        days_text, _, ranges_text = part.partition(" ")
        days = _parse_days(days_text)
        ranges = _parse_ranges(ranges_text, part)
        for day in days:
            weekly[day] = _merge(weekly.get(day, ()) + ranges)
    return {day: ranges for day, ranges in weekly.items()}


def _parse_days(text):
    text = text.strip().lower().rstrip(":")
    if text in EVERY_DAY:
        return list(range(7))
    days = []
    for item in text.split(","):
        first, dash, last = item.partition("-")
        if first not in DAY_NAMES or (dash and last not in DAY_NAMES):
            raise HoursError(
                f"Unknown day '{item}': use Mo Di Mi Do Fr Sa So (or Mon … Sun), "
                "ranges like Mo-Fr, lists like Sa,So, or 'täglich'."
            )
        start, end = DAY_NAMES[first], DAY_NAMES[last] if dash else DAY_NAMES[first]
        days.extend(range(start, end + 1) if start <= end else [*range(start, 7), *range(0, end + 1)])
    return days


def _parse_ranges(text, context):
    text = text.strip()
    if text.lower() in CLOSED_WORDS:
        return ()
    ranges = []
    for item in filter(None, (piece.strip() for piece in text.split(","))):
        match = _RANGE.match(item)
        if not match:
            raise HoursError(f"Cannot read the hours '{item}' in '{context}': write 07:00-23:00.")
        start = _minutes(match.group(1), match.group(2), context)
        end = _minutes(match.group(3), match.group(4), context)
        if end == start:
            raise HoursError(f"The hours '{item}' in '{context}' are empty.")
        # 22:00-06:00 crosses midnight: the part after midnight belongs to the next day,
        # which the caller gets as a range ending at 24:00 plus this day's early part.
        ranges.extend([(start, MINUTES_PER_DAY), (0, end)] if end < start else [(start, end)])
    return tuple(ranges)


def _minutes(hours, minutes, context):
    value = int(hours) * 60 + int(minutes or 0)
    if value > MINUTES_PER_DAY or int(minutes or 0) >= 60:
        raise HoursError(f"'{hours}:{minutes or '00'}' in '{context}' is not a time of day.")
    return value


def _merge(ranges):
    merged = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


def _parse_exceptions(text):
    special = {}
    for part in filter(None, (piece.strip() for piece in text.split(";"))):
        day_text, _, ranges_text = part.partition(" ")
        try:
            day = date.fromisoformat(day_text.strip())
        except ValueError:
            raise HoursError(f"'{day_text}' in '{part}' is not a date: write 2026-12-24.") from None
        special[day] = _merge(_parse_ranges(ranges_text or "geschlossen", part))
    return special


def _clock(minute):
    hours, minutes = divmod(minute, 60)
    return f"{hours}" if not minutes else f"{hours}:{minutes:02d}"


def _range_text(lower, upper, language):
    if language == "de":
        return f"von {_clock(lower)} bis {_clock(upper)} Uhr"
    return f"from {lower // 60:02d}:{lower % 60:02d} to {upper // 60:02d}:{upper % 60:02d}"


def _days_text(days, language):
    names = SHORT_DAYS["de" if language == "de" else "en"]
    if days == list(range(7)):
        return "täglich" if language == "de" else "daily"
    runs, run = [], [days[0]]
    for day in days[1:]:
        if day == run[-1] + 1:
            run.append(day)
        else:
            runs.append(run)
            run = [day]
    runs.append(run)
    return ", ".join(names[r[0]] if len(r) == 1 else f"{names[r[0]]}–{names[r[-1]]}" for r in runs)
