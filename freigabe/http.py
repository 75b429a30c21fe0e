"""Who is asking: the client address, honouring X-Forwarded-For only from trusted proxies."""

import hashlib
import hmac
from typing import Annotated

from django.conf import settings
from ninja import Path, Query
from pydantic import Field


def client_ip(request):
    remote = request.META.get("REMOTE_ADDR", "")
    if remote not in settings.TRUSTED_PROXIES:
        return remote
    forwarded = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",")]
    # Walk from the nearest hop back; the first address that is not our own proxy is the client.
    for address in reversed([part for part in forwarded if part]):
        if address not in settings.TRUSTED_PROXIES:
            return address
    return remote


# Languages mails and pages are written in; German first.
LANGUAGES = ("de", "en")


def language_of(requested, accept_language=""):
    """The mail language: the one asked for, else the browser's first choice, else German."""
    if requested in LANGUAGES:
        return requested
    for part in (accept_language or "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return "de"


def ip_hash(address):
    """A salted hash, so abuse can be traced without keeping the address itself."""
    key = hashlib.sha256(("ip-salt:" + settings.SECRET_KEY).encode()).digest()
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()


# --- ids from URLs, query strings and forms ------------------------------------------------

# Row ids are 64-bit signed integers in both databases; anything larger cannot name a row
# (and SQLite raises OverflowError for it instead of finding nothing).
MAX_ID = 2**63 - 1


def parse_id(value):
    """The positive row id `value` spells in ASCII digits, or None for anything else.

    `str.isdigit()` accepts "²", "①" and "٣", which `int()` then refuses or reads as
    another number; huge numbers would overflow the database.
    """
    text = str(value if value is not None else "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(MAX_ID)):
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


# The same rule for the JSON API: a path parameter (`comment_id: ApiId`) or a body field
# (`parent_id: BodyId | None`) outside 1..MAX_ID is refused with 422.
ApiId = Annotated[int, Path(ge=1, le=MAX_ID)]
BodyId = Annotated[int, Field(ge=1, le=MAX_ID)]
QueryId = Annotated[int, Query(ge=1, le=MAX_ID)]


class IdConverter:
    """`<id:pk>` in URL patterns: a row id as parse_id() reads it; anything else is a 404."""

    regex = "[0-9]{1,19}"

    def to_python(self, value):
        number = parse_id(value)
        if number is None:
            raise ValueError(f"not a row id: {value!r}")  # the resolver answers 404
        return number

    def to_url(self, value):
        return str(value)
