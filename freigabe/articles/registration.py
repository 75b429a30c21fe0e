"""Proof that a page may announce an article: a token the publisher's CMS signs.

An `Origin` header proves nothing (any script outside a browser sends what it likes). The
CMS, which holds the site's API key, puts a token in the embed snippet instead
(`data-article-token`); the widget sends it along when it registers the article:

    token = f"{expires}.{hmac_sha256(key, f'{site}\\n{article_id}\\n{expires}')}"
    key   = sha256_hex(api_key)       # the digest the server keeps instead of the key

`expires` is a Unix time; pages cached for a month can carry a token valid for a month.
The API key itself never appears in a page, and a token is good for one article only.
"""

import hashlib
import hmac
import time

DEFAULT_LIFETIME_SECONDS = 30 * 24 * 3600
# A token that claims to live longer than this was not made by a sensible CMS.
MAX_LIFETIME_SECONDS = 400 * 24 * 3600


def signing_key(api_key):
    """What the CMS signs with: the SHA-256 hex digest of the site's API key."""
    return hashlib.sha256(api_key.encode()).hexdigest()


def article_token(key, site_slug, article_id, expires=None):
    """The token for one article. `key` is signing_key(api_key), i.e. the site's stored
    api_key_hash, so the server (tests, the demo page) can make tokens too."""
    expires = int(expires if expires is not None else time.time() + DEFAULT_LIFETIME_SECONDS)
    return f"{expires}.{_signature(key, site_slug, article_id, expires)}"


def token_is_valid(key, site_slug, article_id, token, now=None):
    """True when `token` was signed with `key` for this site and article and is unexpired."""
    expires_text, _, signature = str(token or "").partition(".")
    if not (expires_text.isascii() and expires_text.isdigit()) or len(expires_text) > 12:
        return False
    expires, now = int(expires_text), now or time.time()
    if not now <= expires <= now + MAX_LIFETIME_SECONDS or not key:
        return False
    return hmac.compare_digest(signature, _signature(key, site_slug, article_id, expires))


def _signature(key, site_slug, article_id, expires):
    message = f"{site_slug}\n{article_id}\n{expires}".encode()
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()
