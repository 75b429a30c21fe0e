"""`freigabe backup` / `restore`: an online copy of SQLite that brings every comment back."""

import json
import sqlite3

import pytest

from tests.load.writers import stored_comments
from tests.processes import Environment, Server, request


@pytest.fixture
def sqlite_environment(tmp_path):
    environment = Environment(tmp_path / "data", FREIGABE_RATE_COMMENTS="1000/60")
    environment.env.pop("DATABASE_URL", None)  # this test is about SQLite, in either suite
    environment.run("migrate", "--verbosity", "0")
    yield environment
    environment.close()


def post_comment(server, body):
    status, _, accepted = request(
        "POST",
        f"{server.url}/api/v1/sites/blatt/articles/kai/comments",
        {"body": body, "author_name": "Leser"},
    )
    assert status == 202
    return accepted["id"]


DELETE_COMMENT = "from freigabe.comments.models import Comment; Comment.objects.filter(pk={}).delete()"


def test_a_backup_taken_while_serving_restores_every_comment(sqlite_environment, tmp_path):
    environment = sqlite_environment
    site = environment.run_json("create-site", "blatt", "--json")
    server = Server(environment, workers=2)
    try:
        request(
            "PUT",
            f"{server.url}/api/v1/sites/blatt/articles/kai",
            {"title": "Die Kaimauer", "body": "Die Kaimauer wird saniert."},
            {"Authorization": f"Bearer {site['api_key']}"},
        )
        kept = {post_comment(server, f"Vor der Sicherung geschrieben ({n}).") for n in range(8)}
        result = environment.run("backup", str(tmp_path / "sicherung.sqlite3"), "--json")
        assert json.loads(result.stdout)["comments"] == 8
        assert "pages" in result.stderr  # progress
        later = post_comment(server, "Nach der Sicherung geschrieben.")
    finally:
        server.stop()
    environment.run("shell", "-c", DELETE_COMMENT.format(min(kept)))
    assert len(stored_comments(environment, "blatt", "kai")) == 8  # 8 - 1 + 1

    restored = environment.run_json("restore", str(tmp_path / "sicherung.sqlite3"), "--noinput", "--json")

    assert restored["comments"] == 8
    rows = stored_comments(environment, "blatt", "kai")
    assert {row[0] for row in rows} == kept and later not in {row[0] for row in rows}
    assert all(row[2] == "pending" for row in rows)


def test_backup_refuses_to_overwrite_and_restore_refuses_a_broken_file(sqlite_environment, tmp_path):
    environment = sqlite_environment
    target = tmp_path / "sicherung.sqlite3"
    environment.run("backup", str(target))
    refused = environment.run("backup", str(target), check=False)
    assert refused.returncode != 0 and "exists" in refused.stderr
    broken = tmp_path / "kaputt.sqlite3"
    broken.write_bytes(b"not a database at all" * 100)
    refused = environment.run("restore", str(broken), "--noinput", check=False)
    assert refused.returncode != 0 and "not a SQLite database" in refused.stderr
    other = tmp_path / "fremd.sqlite3"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    refused = environment.run("restore", str(other), "--noinput", check=False)
    assert refused.returncode != 0 and "not an intact Freigabe database" in refused.stderr


def test_on_postgresql_backup_points_to_pg_dump(tmp_path):
    environment = Environment(tmp_path, DATABASE_URL="postgres://nobody@127.0.0.1:9/none")
    for command in ("backup", "restore"):
        refused = environment.run(
            command, str(tmp_path / "x"), "--noinput" if command == "restore" else "--force", check=False
        )
        assert refused.returncode != 0
        assert "pg_dump" in refused.stderr and "docs/deploy.md" in refused.stderr
