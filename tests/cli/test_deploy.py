"""Production defaults: `check --deploy` is clean, health endpoint, security headers."""

import json

import pytest

from tests.processes import Environment


@pytest.fixture
def production(tmp_path):
    environment = Environment(tmp_path, FREIGABE_SECURE_COOKIES="1")
    environment.env.pop("FREIGABE_DEBUG", None)
    yield environment
    environment.close()


def test_check_deploy_is_clean_once_production_settings_are_set(production):
    production.env.update(
        FREIGABE_PUBLIC_URL="https://kommentare.zeitung.example",
        FREIGABE_ALLOWED_HOSTS="kommentare.zeitung.example",
        FREIGABE_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
    )
    result = production.run("check", "--deploy", "--fail-level", "WARNING")
    assert "no issues" in result.stdout


def test_check_deploy_names_the_production_settings_still_missing(production):
    result = production.run("check", "--deploy", check=False)
    assert result.returncode != 0
    assert "FREIGABE_PUBLIC_URL" in result.stderr
    assert "EMAIL_BACKEND" in result.stderr


def test_a_secret_key_is_generated_once_into_the_data_dir(tmp_path):
    environment = Environment(tmp_path)
    environment.run("check")
    key = (tmp_path / "secret_key").read_text()
    environment.run("check")
    assert (tmp_path / "secret_key").read_text() == key
    assert len(key) >= 50
    assert oct((tmp_path / "secret_key").stat().st_mode)[-3:] == "600"


@pytest.mark.django_db
def test_the_health_endpoint_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_security_headers_are_set(client):
    response = client.get("/accounts/login/", secure=True)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert "max-age=" in response["Strict-Transport-Security"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_logs_are_json_lines(caplog):
    import logging

    from freigabe.logs import JsonFormatter

    record = logging.LogRecord(
        "freigabe.test", logging.WARNING, __file__, 1, "Kommentar %s abgelehnt", (7,), None
    )
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "Kommentar 7 abgelehnt"
    assert line["level"] == "WARNING"


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    environment = Environment(tmp_path)
    if "DATABASE_URL" in environment.env:
        pytest.skip("this run uses PostgreSQL; the SQLite run checks WAL mode")
    environment.run("migrate", "--verbosity", "0")
    result = environment.run(
        "shell",
        "--no-imports",
        "-c",
        "from django.db import connection\n"
        "cursor = connection.cursor()\n"
        "cursor.execute('PRAGMA journal_mode'); print(cursor.fetchone()[0])\n"
        "cursor.execute('PRAGMA busy_timeout'); print(cursor.fetchone()[0])",
    )
    mode, timeout = result.stdout.split()
    assert mode == "wal"
    assert int(timeout) >= 10_000
