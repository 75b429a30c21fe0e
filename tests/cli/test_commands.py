"""The `freigabe` console script, run as a user would."""

import json

import pytest

from tests.processes import Environment


@pytest.fixture
def cli(tmp_path):
    environment = Environment(tmp_path)
    environment.run("migrate", "--verbosity", "0")
    yield environment
    environment.close()


def test_create_site_prints_the_site_and_a_key(cli):
    result = cli.run_json(
        "create-site",
        "tagesblatt",
        "--name",
        "Tagesblatt",
        "--origin",
        "https://www.tagesblatt.example",
        "--json",
    )
    assert result["site"] == "tagesblatt"
    assert result["api_key"].startswith("fg_") and len(result["api_key"]) > 30


def test_create_site_twice_fails_clearly(cli):
    cli.run("create-site", "tagesblatt", "--json")
    again = cli.run("create-site", "tagesblatt", "--json", check=False)
    assert again.returncode != 0
    assert "already exists" in again.stderr


def test_create_site_refuses_an_origin_without_scheme(cli):
    result = cli.run("create-site", "x", "--origin", "www.x.example", check=False)
    assert result.returncode != 0
    assert "http" in result.stderr


def test_create_moderator_with_a_token(cli):
    result = cli.run_json(
        "create-moderator", "max", "--password", "Ein-Langes-Passwort-9", "--token", "--json"
    )
    assert result["user"] == "max"
    assert result["token"].startswith("fgt_")
    assert "password" not in result


def test_create_moderator_generates_a_password_when_none_is_given(cli):
    result = cli.run_json("create-moderator", "eva", "--senior", "--json")
    assert len(result["password"]) >= 12


def test_load_demo_creates_every_status_and_prints_the_password_once(cli):
    first = cli.run("load_demo")
    assert "redaktion" in first.stdout and "password" in first.stdout
    assert "'chefredaktion'" in first.stdout  # the senior editor, for every page
    assert "freigabe changepassword" in first.stdout
    second = cli.run("load_demo")
    assert "already loaded" in second.stdout and "freigabe changepassword" in second.stdout
    counts = cli.run(
        "shell",
        "--no-imports",
        "-c",
        "from freigabe.comments.models import Comment;"
        "import collections, json;"
        "print(json.dumps(collections.Counter("
        "Comment.objects.values_list('status', flat=True))))",
    )
    statuses = json.loads(counts.stdout)
    assert set(statuses) == {"pending", "released", "rejected", "removed"}


def test_django_commands_work_through_the_same_script(cli):
    assert "No changes detected" in cli.run("makemigrations", "--check", "--dry-run").stdout
