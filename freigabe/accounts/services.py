"""Editor accounts."""

import secrets

from django.contrib.auth import get_user_model
from django.db import transaction

from freigabe.accounts.models import ApiToken
from freigabe.accounts.roles import EDITOR, SENIOR_EDITOR, ensure_roles


class UserExists(Exception):
    pass


def create_moderator(username, password=None, senior=False, with_token=False):
    """Create an editor; return (user, password, token). Generates a password when none given."""
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        raise UserExists(f"User '{username}' already exists.")
    password = password or secrets.token_urlsafe(12)
    with transaction.atomic():
        groups = ensure_roles()
        user = User.objects.create_user(username=username, password=password)
        user.groups.add(groups[SENIOR_EDITOR if senior else EDITOR])
        token = ApiToken.issue(user) if with_token else None
    return user, password, token
