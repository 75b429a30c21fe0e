from django.conf import settings
from django.db import models

from freigabe.tokens import hash_secret, new_secret


class ApiToken(models.Model):
    """An editor's token for the moderation API; only its hash is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    @classmethod
    def issue(cls, user):
        key = new_secret("fgt_")
        cls.objects.create(user=user, key_hash=hash_secret(key))
        return key
