"""A bot check without third parties: a honeypot field and a small proof of work.

The widget finds a nonce such that sha256("site:article:timestamp:body-hash:nonce")
starts with DIFFICULTY_BITS zero bits (a few hundred milliseconds in a browser). Binding
the work to the comment's text makes each solution single-use: the same text again is
refused as a duplicate anyway. Nothing is stored, so any server can verify it.
"""

import hashlib
import time

DIFFICULTY_BITS = 16
MAX_AGE_SECONDS = 15 * 60
MAX_FUTURE_SECONDS = 60

# A site's `assessor_settings["bot_check"]`: "off", "flag" (default: comments without a
# valid proof are accepted but marked for the editors) or "require".
DEFAULT_MODE = "flag"


class BotCheckFailed(Exception):
    pass


def challenge_input(site, article_id, timestamp, body, nonce):
    body_hash = hashlib.sha256(body.encode()).hexdigest()
    return f"{site}:{article_id}:{timestamp}:{body_hash}:{nonce}"


def leading_zero_bits(digest):
    bits = 0
    for byte in digest:
        if byte:
            return bits + 8 - byte.bit_length()
        bits += 8
    return bits


def proof_is_valid(site, article_id, body, proof, now=None):
    """True when `proof` ({"timestamp", "nonce"}) is fresh work for exactly this comment."""
    if not isinstance(proof, dict):
        return False
    timestamp, nonce = proof.get("timestamp"), proof.get("nonce")
    if not isinstance(timestamp, int) or not isinstance(nonce, (int, str)):
        return False
    age = (now or time.time()) - timestamp
    if age > MAX_AGE_SECONDS or age < -MAX_FUTURE_SECONDS:
        return False
    digest = hashlib.sha256(challenge_input(site, article_id, timestamp, body, nonce).encode()).digest()
    return leading_zero_bits(digest) >= DIFFICULTY_BITS


def solve(site, article_id, body, timestamp=None):
    """Find a proof the way the widget does; used by tests and API clients in Python."""
    timestamp = int(timestamp or time.time())
    nonce = 0
    while not proof_is_valid(site, article_id, body, {"timestamp": timestamp, "nonce": nonce}, now=timestamp):
        nonce += 1
    return {"timestamp": timestamp, "nonce": nonce}


def check(mode, honeypot, proof_valid):
    """Return whether the comment passed; raise BotCheckFailed when it must be refused."""
    if honeypot:
        raise BotCheckFailed("The comment looks automated and was not accepted.")
    if mode == "require" and not proof_valid:
        raise BotCheckFailed(
            "The browser check did not complete; please send the comment again from the comment form."
        )
    return proof_valid
