"""The real `freigabe` commands, each with its own database."""

import json
from datetime import datetime

import pytest

from tests.learning.newsroom import newsroom_comments, write_csv
from tests.processes import Environment


@pytest.fixture
def cli(tmp_path):
    environment = Environment(tmp_path)
    environment.run("migrate", "--verbosity", "0")
    environment.run("create-site", "zeitung", "--json")
    yield environment
    environment.close()


def test_a_site_learns_from_its_history_and_evaluates_with_its_model(cli, tmp_path):
    history = write_csv(tmp_path / "history.csv", newsroom_comments(300), time_from=datetime(2025, 3, 1))
    labelled = write_csv(tmp_path / "new.csv", newsroom_comments(120, seed=99))

    learned = cli.run(
        "learn-from-decisions",
        "--site",
        "zeitung",
        "--import",
        str(history),
        "--time-column",
        "decided_at",
        "--json",
    )
    summary = json.loads(learned.stdout)
    general = cli.run_json("evaluate-assessor", str(labelled), "--format", "csv", "--json")
    with_site = cli.run_json(
        "evaluate-assessor", str(labelled), "--format", "csv", "--site", "zeitung", "--json"
    )

    assert {"site", "n_train", "n_test", "macro_f1_new", "macro_f1_current", "activated"} <= set(summary)
    assert summary["activated"] is True and summary["n_test"] == 60
    assert "held back" in learned.stderr  # progress goes to stderr, the JSON alone to stdout
    assert with_site["site_model"] == "site:zeitung:v1"
    assert with_site["macro_f1"] > general["macro_f1"] + 0.3


def test_a_bad_import_exits_non_zero_and_stores_nothing(cli, tmp_path):
    not_csv = tmp_path / "history.json"
    not_csv.write_text('{"comments": [1, 2, 3]}', encoding="utf-8")

    result = cli.run(
        "learn-from-decisions", "--site", "zeitung", "--import", str(not_csv), "--json", check=False
    )
    rollback = cli.run("rollback-site-model", "--site", "zeitung", check=False)

    assert result.returncode != 0 and "column" in result.stderr and result.stdout == ""
    assert rollback.returncode != 0 and "no earlier model version" in rollback.stderr
