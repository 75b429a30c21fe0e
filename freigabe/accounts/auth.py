"""Authentication for the moderation API: `Authorization: Token <token>` or a staff session.

Who is authenticated; what they may do is decided in accounts/access.py.
"""

from django.utils import timezone
from ninja.security import APIKeyHeader, SessionAuth

from freigabe.accounts.models import ApiToken
from freigabe.tokens import hash_secret


class EditorToken(APIKeyHeader):
    param_name = "Authorization"

    def authenticate(self, request, key):
        scheme, _, token = (key or "").partition(" ")
        if scheme.lower() != "token" or not token:
            return None
        # Looking the hash up through a unique index leaks nothing usable by timing:
        # an attacker would have to guess a preimage of a SHA-256 hash.
        api_token = (
            ApiToken.objects.select_related("user").filter(key_hash=hash_secret(token.strip())).first()
        )
        if api_token is None or not api_token.user.is_active:
            return None
        ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=timezone.now())
        request.user = api_token.user
        return api_token.user


class EditorSession(SessionAuth):
    """A logged-in editor's session; django-ninja checks its CSRF token on writes.

    Without a session there is nothing to protect from cross-site requests: the request
    is simply unauthenticated and answered 401, not refused as a failed CSRF check.
    """

    def _get_key(self, request):
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)


editor_auth = [EditorToken(), EditorSession()]
