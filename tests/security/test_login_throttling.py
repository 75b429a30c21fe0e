"""Guessing passwords is throttled per account and address; an editor is never locked out
for long, and never from an address that did not fail (freigabe/accounts/throttle.py)."""

import logging

import pytest
from django.test import Client

from freigabe.accounts import throttle
from freigabe.accounts.services import create_moderator

pytestmark = pytest.mark.django_db

PASSWORD = "Sicheres-Passwort-1"


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    # Throttling is under test, not Argon2 (about a second per login on a busy machine).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def editor_account(db):
    user, _, _ = create_moderator("erika", password=PASSWORD)
    return user


def login(password, username="erika", address="198.51.100.7"):
    client = Client(REMOTE_ADDR=address)
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_wrong_passwords_from_one_address_lock_that_address_out(editor_account, caplog):
    for _ in range(throttle.PAIR_FAILURES):
        assert login("falsch").status_code == 200  # the form again, with its error
    with caplog.at_level(logging.WARNING, logger="freigabe.security"):
        refused = login(PASSWORD)  # even the right password: it is not checked now
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= throttle.WINDOW_SECONDS + 1
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in refused.content.decode()
    assert "_auth_user_id" not in refused.wsgi_request.session
    assert any(
        "login refused during lockout" in r.getMessage() and "'erika'" in r.getMessage()
        for r in caplog.records
    )


def test_the_lockout_is_logged_when_it_starts(editor_account, caplog):
    with caplog.at_level(logging.WARNING, logger="freigabe.security"):
        for _ in range(throttle.PAIR_FAILURES):
            login("falsch")
    lockouts = [r.getMessage() for r in caplog.records if "login lockout" in r.getMessage()]
    assert len(lockouts) == 1
    assert "'erika'" in lockouts[0] and "198.51.100.7" not in lockouts[0]  # only a hash prefix


def test_the_editor_still_logs_in_from_another_address(editor_account):
    for _ in range(throttle.PAIR_FAILURES):
        login("falsch", address="203.0.113.66")
    assert login(PASSWORD, address="203.0.113.66").status_code == 429
    office = login(PASSWORD, address="192.0.2.10")
    assert office.status_code == 302 and office["Location"] == "/moderation/"


def test_many_addresses_guessing_one_account_are_each_locked_but_not_the_editor(editor_account):
    # 4 wrong passwords from each of 5 addresses: no pair reaches its limit, the account does.
    attackers = [f"203.0.113.{n}" for n in range(5)]
    for address in attackers:
        for _ in range(throttle.PAIR_FAILURES - 1):
            assert login("falsch", address=address).status_code == 200
    for address in attackers:
        assert login(PASSWORD, address=address).status_code == 429
    assert login(PASSWORD, address="192.0.2.10").status_code == 302


def test_one_address_spraying_many_accounts_is_locked_out(db):
    for number in range(throttle.ADDRESS_FAILURES):
        login("falsch", username=f"konto{number}")
    create_moderator("neu", password=PASSWORD)
    assert login(PASSWORD, username="neu").status_code == 429
    assert login(PASSWORD, username="neu", address="192.0.2.99").status_code == 302


def test_the_account_name_cannot_be_varied_to_get_more_guesses(editor_account):
    for name in ("erika", "Erika", " ERIKA ", "erika", "eRiKa"):
        login("falsch", username=name)
    assert login(PASSWORD).status_code == 429


def test_the_lockout_ends_with_its_window(editor_account, monkeypatch):
    for _ in range(throttle.PAIR_FAILURES):
        login("falsch")
    assert login(PASSWORD).status_code == 429
    later = __import__("time").time() + throttle.WINDOW_SECONDS + 1
    monkeypatch.setattr("freigabe.ratelimit.time.time", lambda: later)
    assert login(PASSWORD).status_code == 302


def test_a_correct_login_is_not_slowed_down(editor_account):
    assert login(PASSWORD).status_code == 302


def test_the_lockout_message_is_translated(editor_account):
    for _ in range(throttle.PAIR_FAILURES):
        login("falsch")
    client = Client(REMOTE_ADDR="198.51.100.7", HTTP_ACCEPT_LANGUAGE="en")
    refused = client.post("/accounts/login/", {"username": "erika", "password": PASSWORD})
    assert refused.status_code == 429
    assert "Too many failed sign-in attempts from here" in refused.content.decode()
