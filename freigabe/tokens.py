"""Secrets we hand out (API keys, author tokens) are stored only as hashes."""

import hashlib
import hmac
import secrets


def new_secret(prefix=""):
    return prefix + secrets.token_urlsafe(32)


def hash_secret(secret):
    # The secrets are 256 random bits, so a fast hash is safe; no salt or stretching needed.
    return hashlib.sha256(secret.encode()).hexdigest()


def secret_matches(secret, stored_hash):
    if not secret or not stored_hash:
        return False
    return hmac.compare_digest(hash_secret(secret), stored_hash)
