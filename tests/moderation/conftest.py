"""Workspace fixtures: editors in each role, logged into their own test clients."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from freigabe.accounts.roles import SITE_ADMIN
from freigabe.accounts.services import create_moderator


@pytest.fixture
def make_client():
    def _client(user, enforce_csrf_checks=False):
        client = Client(enforce_csrf_checks=enforce_csrf_checks)
        client.force_login(user)
        return client

    return _client


@pytest.fixture
def senior(db):
    user, _, _ = create_moderator("chefin", password="Sicheres-Passwort-2", senior=True)
    return user


@pytest.fixture
def colleague(db):
    user, _, _ = create_moderator("bernd", password="Sicheres-Passwort-3")
    return user


@pytest.fixture
def site_admin(db):
    user, _, _ = create_moderator("admina", password="Sicheres-Passwort-4")
    user.groups.set([Group.objects.get(name=SITE_ADMIN)])
    return user
