"""Helpers for the compliance tests: released comments, a senior editor, report payloads."""

import pytest

from freigabe.accounts.services import create_moderator
from tests.conftest import Editor


@pytest.fixture
def senior(db):
    user, _, token = create_moderator("chefin", password="Sicheres-Passwort-2", senior=True, with_token=True)
    return Editor(user, token)


@pytest.fixture
def released(submit, release):
    """Submit and release a comment; returns the submission's JSON (id, author_token)."""

    def _released(**fields):
        accepted = submit(**fields)
        release(accepted["id"])
        return accepted

    return _released


def report_payload(**fields):
    payload = {"reason": "insult", "explanation": "Beleidigt eine andere Leserin.", "good_faith": True}
    payload.update(fields)
    return payload


def reports_path(comment_id):
    return f"/api/v1/comments/{comment_id}/reports"
