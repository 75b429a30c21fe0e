import io
import json
import sqlite3
from pathlib import Path

import pytest
from django.core.management import call_command

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "imports"


def run_command(*args):
    """A management command as `freigabe` runs it; returns (stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_json(*args):
    return json.loads(run_command(*args)[0])


@pytest.fixture
def isso_db(tmp_path):
    """The hand-written Isso schema and rows (isso.sql) as the SQLite file Isso keeps."""
    path = tmp_path / "comments.db"
    with sqlite3.connect(path) as connection:
        connection.executescript((FIXTURES / "isso.sql").read_text(encoding="utf-8"))
    return path


from tests.moderation.conftest import colleague, make_client, senior, site_admin  # noqa: E402,F401
