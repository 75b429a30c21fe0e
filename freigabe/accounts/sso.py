"""Reader single sign-on: the publisher's page hands the widget a JWT signed with a per-site key.

Claims: `sub` (the publisher's reader id, required), `name` (required), `email`
(optional), `exp` (required; at most a day ahead), `aud` = the site's slug.
"""

from dataclasses import dataclass

import jwt

MAX_LIFETIME_SECONDS = 24 * 3600
LEEWAY_SECONDS = 30


class SsoError(Exception):
    pass


@dataclass(frozen=True)
class Reader:
    external_id: str
    name: str
    email: str


def verify_reader_token(site, token):
    """The reader the token vouches for; raises SsoError with a clear message otherwise."""
    if not site.sso_algorithm or not site.sso_key:
        raise SsoError("This site does not use single sign-on.")
    try:
        claims = jwt.decode(
            token,
            site.sso_key,
            algorithms=[site.sso_algorithm],
            audience=site.slug,
            leeway=LEEWAY_SECONDS,
            options={"require": ["sub", "exp", "aud"]},
        )
    except jwt.ExpiredSignatureError:
        raise SsoError("The sign-in has expired; please reload the page.") from None
    except jwt.InvalidTokenError as exc:
        raise SsoError(f"The sign-in token is not valid ({exc}).") from None
    if claims.get("iat") and claims["exp"] - claims["iat"] > MAX_LIFETIME_SECONDS:
        raise SsoError("The sign-in token is valid for too long (at most one day).")
    name = str(claims.get("name") or "").strip()
    if not name:
        raise SsoError("The sign-in token has no name.")
    return Reader(str(claims["sub"])[:200], name[:80], str(claims.get("email") or "")[:254])
