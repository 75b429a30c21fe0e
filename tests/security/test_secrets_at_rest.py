"""Passwords are hashed with Argon2; API keys and tokens are stored only as hashes
and compared in constant time."""

import hmac
from unittest import mock

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models

from freigabe import tokens
from freigabe.accounts.models import ApiToken
from freigabe.accounts.services import create_moderator
from freigabe.articles.services import create_site

TEXT_FIELDS = (models.CharField, models.TextField)

pytestmark = pytest.mark.django_db


def rows_containing(secret):
    """(model, field) pairs where any stored row holds `secret` in clear text."""
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, TEXT_FIELDS):
                lookup = {f"{field.attname}__contains": secret}
                if model._default_manager.filter(**lookup).exists():
                    found.append(f"{model._meta.label}.{field.name}")
    return found


def test_a_moderator_password_is_stored_as_an_argon2_hash():
    user, password, _ = create_moderator("hanna", password="Ein-langes-Passwort-7")

    stored = get_user_model().objects.get(pk=user.pk).password
    assert stored.startswith("argon2$argon2id$")
    assert password not in stored
    assert user.check_password("Ein-langes-Passwort-7")


def test_an_editor_token_is_stored_only_as_its_hash():
    user, _, token = create_moderator("jonas", with_token=True)

    assert ApiToken.objects.get(user=user).key_hash == tokens.hash_secret(token)
    assert rows_containing(token) == []


def test_a_site_api_key_is_stored_only_as_its_hash():
    site, api_key = create_site("blatt")

    assert site.api_key_hash == tokens.hash_secret(api_key)
    assert rows_containing(api_key) == []


def test_an_author_token_is_stored_only_as_its_hash(submit):
    accepted = submit()

    assert rows_containing(accepted["author_token"]) == []


def test_api_keys_are_compared_in_constant_time():
    site, api_key = create_site("kurier")
    with mock.patch.object(tokens.hmac, "compare_digest", wraps=hmac.compare_digest) as compare:
        assert site.key_matches(api_key)
        assert not site.key_matches(api_key + "x")
    assert compare.call_count == 2


def test_author_tokens_are_compared_in_constant_time(api, submit):
    accepted = submit()
    with mock.patch.object(tokens.hmac, "compare_digest", wraps=hmac.compare_digest) as compare:
        response = api.get(f"/api/v1/comments/{accepted['id']}/status?token={accepted['author_token']}")
    assert response.status_code == 200
    assert compare.called
