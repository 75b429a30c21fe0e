"""Dates as news pages print them, German first: "4. November 2021", "04.11.2021, 13:05 Uhr"."""

import re
from dataclasses import dataclass
from datetime import date, datetime

GERMAN_MONTHS = {
    "januar": 1,
    "jänner": 1,
    "jan": 1,
    "februar": 2,
    "feb": 2,
    "märz": 3,
    "maerz": 3,
    "mär": 3,
    "april": 4,
    "apr": 4,
    "mai": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "dezember": 12,
    "dez": 12,
}
ENGLISH_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}


def _alternatives(names):
    return "|".join(sorted(names, key=len, reverse=True))


# No \b before the day: dumps glue outlet and date together ("Epoch Times4. November 2021").
_GERMAN_LONG = re.compile(
    rf"(?<!\d)(\d{{1,2}})\.\s*({_alternatives(GERMAN_MONTHS)})\.?\s+(\d{{4}})", re.IGNORECASE
)
_NUMERIC = re.compile(r"(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})(?![\d])")
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?")
_ENGLISH_MONTH_FIRST = re.compile(
    rf"\b({_alternatives(ENGLISH_MONTHS)})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})",
    re.IGNORECASE,
)
_ENGLISH_DAY_FIRST = re.compile(
    rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th)?\s+({_alternatives(ENGLISH_MONTHS)})\.?,?\s+(\d{{4}})",
    re.IGNORECASE,
)
_TIME = re.compile(
    r"(?<![\d.:])([01]?\d|2[0-3])[:.]([0-5]\d)(?![\d])(?:\s*Uhr|\s*([ap])\.?m\.?\b)?", re.IGNORECASE
)


@dataclass
class FoundDate:
    start: int
    end: int
    day: date
    hour: int | None = None
    minute: int | None = None

    def iso(self):
        if self.hour is None:
            return self.day.isoformat()
        return datetime(self.day.year, self.day.month, self.day.day, self.hour, self.minute or 0).isoformat()


def _year(text):
    year = int(text)
    return year + 2000 if year < 100 else year


def _candidates(text):
    for match in _GERMAN_LONG.finditer(text):
        yield match, int(match[1]), GERMAN_MONTHS[match[2].lower()], _year(match[3])
    for match in _NUMERIC.finditer(text):
        yield match, int(match[1]), int(match[2]), _year(match[3])
    for match in _ENGLISH_MONTH_FIRST.finditer(text):
        yield match, int(match[2]), ENGLISH_MONTHS[match[1].lower()], int(match[3])
    for match in _ENGLISH_DAY_FIRST.finditer(text):
        yield match, int(match[1]), ENGLISH_MONTHS[match[2].lower()], int(match[3])


def find_date(text):
    """The first plausible date in `text`, with a time of day if one stands beside it."""
    iso = _ISO.search(text)
    if iso:
        found = _checked(iso, int(iso[3]), int(iso[2]), int(iso[1]))
        if found and iso[4]:
            found.hour, found.minute = int(iso[4]), int(iso[5])
        if found:
            return found
    found_dates = [found for found in (_checked(*candidate) for candidate in _candidates(text)) if found]
    if not found_dates:
        return None
    first = min(found_dates, key=lambda found: found.start)
    _attach_time(first, text)
    return first


def _checked(match, day, month, year):
    if not 1990 <= year <= 2100:
        return None
    try:
        return FoundDate(match.start(), match.end(), date(year, month, day))
    except ValueError:
        return None


def _attach_time(found, text):
    """Take a time printed right after (or just before) the date: "04.11.2021, 13:05 Uhr"."""
    after = _TIME.search(text, found.end)
    if after and after.start() - found.end <= 8:
        found.hour, found.minute = _hour_and_minute(after)
        found.end = after.end()
        return
    before = [m for m in _TIME.finditer(text, 0, found.start) if found.start - m.end() <= 8]
    if before:
        found.hour, found.minute = _hour_and_minute(before[-1])
        found.start = before[-1].start()


def _hour_and_minute(match):
    hour, minute, half = int(match[1]), int(match[2]), (match[3] or "").lower()
    if half == "p" and hour < 12:
        hour += 12
    elif half == "a" and hour == 12:
        hour = 0
    return hour, minute


def is_time_only(text):
    """A ticker time stamp on its own line: "13:05 Uhr", "13.05"."""
    match = _TIME.fullmatch(text.strip())
    return bool(match)


def parse_iso(value):
    """Accept what metadata carries ("2021-11-04", "2021-11-04T13:05:00+01:00") and normalise."""
    if not value:
        return None
    value = str(value).strip()
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        found = find_date(value)
        return found.iso() if found else None
    if len(value) <= 10:
        return parsed.date().isoformat()
    return parsed.isoformat()
