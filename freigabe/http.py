"""Who is asking: the client address, honouring X-Forwarded-For only from trusted proxies."""

import hashlib
import hmac

from django.conf import settings


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


def ip_hash(address):
    """A salted hash, so abuse can be traced without keeping the address itself."""
    key = hashlib.sha256(("ip-salt:" + settings.SECRET_KEY).encode()).digest()
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()
