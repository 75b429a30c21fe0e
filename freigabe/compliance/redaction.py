"""Personal data out of free text before it leaves for the DSA Transparency Database.

Art. 24(5) DSA: statements submitted to the database must not contain personal data.
Our own texts (house rules, legal grounds) are written without any; what editors type
(notes, ban reasons) may hold anything. `Redactor.redact` replaces what can be recognised:
email addresses, links (a path often names a person), phone numbers, IBANs, @handles,
and the names we know (the author, the reporters, every editor).
"""

import re

EMAIL = re.compile(r"[\w.+%-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# A link ends before the punctuation that follows it in a sentence.
LINK = re.compile(
    r"(?:(?:https?://|www\.)\S*|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/\S*)"
    r"(?<![.,;:!?)\]])",
    re.IGNORECASE,
)
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,3})?\b")
# At least seven digits, starting like a phone number does: +49…, 0049…, 030…, 0171…
PHONE = re.compile(r"(?<![\w§])(?:\+|00|0)\d[\d \t()/.-]{4,}\d(?!\w)")
DATE = re.compile(r"\d{1,2}\.\d{1,2}\.\d{2,4}")
HANDLE = re.compile(r"(?<![\w@])@[\w.-]{2,}")
MIN_NAME_CHARS = 3

EMAIL_MARK, LINK_MARK, PHONE_MARK, NAME_MARK, IBAN_MARK = (
    "[E-Mail]",
    "[Link]",
    "[Telefonnummer]",
    "[Name]",
    "[IBAN]",
)


class Redactor:
    """Replaces personal data in text; built once with the names to look out for."""

    def __init__(self, names=()):
        parts = set()
        for name in names:
            name = " ".join(str(name or "").split())
            if len(name) >= MIN_NAME_CHARS:
                parts.add(name)
                parts.update(part for part in re.split(r"[\s._-]+", name) if len(part) >= MIN_NAME_CHARS)
        # Longest first: "Erika Muster" goes as a whole before "Erika" alone is looked at.
        ordered = sorted(parts, key=len, reverse=True)
        self.names = (
            re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)", re.IGNORECASE)
            if ordered
            else None
        )

    def redact(self, text):
        text = EMAIL.sub(EMAIL_MARK, str(text or ""))
        text = LINK.sub(LINK_MARK, text)
        text = IBAN.sub(IBAN_MARK, text)
        text = PHONE.sub(_phone_or_date, text)
        text = HANDLE.sub(NAME_MARK, text)
        if self.names is not None:
            text = self.names.sub(NAME_MARK, text)
        return text


def _phone_or_date(match):
    found = match.group(0)
    digits = sum(char.isdigit() for char in found)
    if DATE.fullmatch(found.strip()) or digits < 7:
        return found
    return PHONE_MARK


def editor_names():
    """Every editor's user name and real name: a note may name a colleague, too."""
    from django.contrib.auth import get_user_model

    names = []
    for username, first, last in get_user_model().objects.values_list("username", "first_name", "last_name"):
        names.extend((username, first, last, f"{first} {last}"))
    return names
