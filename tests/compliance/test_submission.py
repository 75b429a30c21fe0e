"""submit-statements against a stand-in of the Transparency Database's API on loopback,
which applies the database's rules and answers as its documentation says."""

import io
import json
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from freigabe.articles.services import create_site, upsert_article
from freigabe.comments.models import Comment
from freigabe.compliance import submission
from freigabe.compliance.models import StatementSubmission
from freigabe.moderation.bans import impose_ban
from freigabe.moderation.decisions import decide, undo
from tests.compliance.dsa_stand_in import StandInDatabase
from tests.processes import Environment, free_port

TOKEN = "X|test-token-nord"


@pytest.fixture
def database(settings, monkeypatch):
    monkeypatch.setattr(submission, "RETRY_DELAYS", (0.01, 0.01, 0.01))
    with StandInDatabase({TOKEN, "X|test-token-sued"}) as stand_in:
        settings.FREIGABE_DSA_API_URL = stand_in.url
        settings.FREIGABE_DSA_API_TOKEN = TOKEN
        settings.FREIGABE_DSA_PROVIDERS = {}
        yield stand_in


def restrict(article, editor, count=1, reasons=("insult",)):
    decisions = []
    for number in range(count):
        comment = Comment.objects.create(
            article=article, author_name="Leserin", body=f"Kommentar {number}", status="pending"
        )
        decisions.append(decide(comment.pk, "reject", actor=editor.user, reasons=reasons))
    past_the_undo_window()
    return decisions


def past_the_undo_window():
    StatementSubmission.objects.update(created_at=timezone.now() - timedelta(minutes=1))


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("submit_statements", "--json", *args, stdout=out, stderr=err)
    return json.loads(out.getvalue()), err.getvalue()


def states():
    return dict(StatementSubmission.objects.values_list("puid", "state"))


@pytest.mark.django_db
def test_pending_statements_go_once_in_batches_of_at_most_100(database, article, editor):
    restrict(article, editor, count=150)
    outcome, _ = run()
    assert (outcome["submitted"], outcome["pending"], outcome["problems"]) == (150, 0, [])
    assert [(len(puids), status) for _, puids, status in database.requests] == [(100, 201), (50, 201)]
    assert all(token == TOKEN for token, _, _ in database.requests)
    assert len(database.stored) == 150
    row = StatementSubmission.objects.first()
    assert row.state == "submitted" and row.database_uuid and row.sent_record["puid"] == row.puid
    again, _ = run()
    assert again["submitted"] == 0 and len(database.requests) == 2  # nothing twice


@pytest.mark.django_db
def test_a_duplicate_puid_counts_as_sent(database, article, editor):
    first, second = restrict(article, editor, count=2)
    # An earlier run reached the database but died before recording the answer.
    database.stored[(TOKEN, f"zeitung-decision-{first.pk}")] = {}
    outcome, _ = run()
    assert (outcome["duplicates"], outcome["submitted"]) == (1, 1)
    assert set(states().values()) == {"submitted"}


@pytest.mark.django_db
def test_a_refused_statement_does_not_block_the_others(database, article, editor):
    restrict(article, editor, count=3, reasons=("insult",))
    [odd] = restrict(article, editor, count=1, reasons=("insinuation",))
    # The database changed its schema and we have not caught up yet.
    database.withdrawn_categories = {"STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS"}
    outcome, err = run()
    assert (outcome["submitted"], outcome["invalid"], outcome["pending"]) == (3, 1, 1)
    assert [status for _, _, status in database.requests] == [422, 201]
    assert states()[f"zeitung-decision-{odd.pk}"] == "pending"
    row = StatementSubmission.objects.get(decision=odd)
    assert row.errors == {"category": ["The selected category is invalid."]}
    assert f"zeitung-decision-{odd.pk}: Refused by the Transparency Database" in err
    database.withdrawn_categories = set()
    later, _ = run()  # sent later, once the database takes it again
    assert later["submitted"] == 1 and set(states().values()) == {"submitted"}


@pytest.mark.django_db
def test_server_errors_are_retried_with_backoff(database, article, editor):
    restrict(article, editor, count=2)
    database.fail_next = 2
    outcome, _ = run()
    assert outcome["submitted"] == 2
    assert [status for _, _, status in database.requests] == [500, 500, 201]


@pytest.mark.django_db
def test_an_unreachable_database_loses_nothing(database, article, editor, settings):
    restrict(article, editor, count=2)
    settings.FREIGABE_DSA_API_URL = f"http://127.0.0.1:{free_port()}"  # nobody listens
    outcome, err = run()
    assert (outcome["submitted"], outcome["failed"], outcome["pending"]) == (0, 2, 2)
    assert "could not be reached" in err
    settings.FREIGABE_DSA_API_URL = database.url
    assert run()[0]["submitted"] == 2


@pytest.mark.django_db
def test_sites_go_with_their_providers_token(database, article, editor, settings):
    other_site, _ = create_site("kurier")
    other_article, _ = upsert_article(other_site, "k-1", title="Hafen", body="Hafen.")
    restrict(article, editor, count=1)
    restrict(other_article, editor, count=1)
    settings.FREIGABE_DSA_PROVIDERS = {
        "verlag-sued": {"sites": ["kurier"], "token": "X|test-token-sued", "url": ""}
    }
    run()
    sent = {puids[0].split("-")[0]: token for token, puids, _ in database.requests}
    assert sent == {"zeitung": TOKEN, "kurier": "X|test-token-sued"}


@pytest.mark.django_db
def test_a_site_without_a_provider_token_stays_pending(database, article, editor, settings):
    restrict(article, editor, count=1)
    settings.FREIGABE_DSA_PROVIDERS = {"verlag-nord": {"sites": ["zeitung"], "token": "", "url": ""}}
    outcome, err = run()
    assert (outcome["failed"], outcome["pending"]) == (1, 1)
    assert "set FREIGABE_DSA_API_TOKEN_VERLAG_NORD" in err
    assert database.requests == []


@pytest.mark.django_db
def test_an_unknown_category_in_an_old_record_stays_pending(database, article, editor, publisher):
    site = publisher.site
    site.house_rules = {
        **site.house_rules,
        "other": {**site.house_rules["other"], "dsa_category": "STATEMENT_CATEGORY_PORNOGRAPHY"},
    }
    site.save()
    [old] = restrict(article, editor, reasons=("other",))
    restrict(article, editor, reasons=("insult",))
    outcome, err = run()
    assert (outcome["submitted"], outcome["invalid"]) == (1, 1)
    assert "STATEMENT_CATEGORY_PORNOGRAPHY" in err
    assert StatementSubmission.objects.get(decision=old).state == "pending"


@pytest.mark.django_db
def test_dry_run_validates_and_sends_nothing(database, article, editor):
    restrict(article, editor, count=2)
    outcome, _ = run("--dry-run")
    assert outcome["dry_run"] and outcome["checked"] == 2 and outcome["problems"] == []
    assert database.requests == [] and set(states().values()) == {"pending"}


@pytest.mark.django_db
def test_site_and_since_select_what_is_sent(database, article, editor):
    restrict(article, editor, count=1)
    with pytest.raises(CommandError, match="Unknown site"):
        run("--site", "gibt-es-nicht")
    assert run("--since", "2999-01-01")[0]["checked"] == 0
    assert run("--site", "zeitung", "--since", timezone.localdate().isoformat())[0]["submitted"] == 1


@pytest.mark.django_db
def test_an_undone_rejection_is_withdrawn_not_sent(database, article, editor):
    comment = Comment.objects.create(article=article, author_name="Leserin", body="Ups", status="pending")
    decide(comment.pk, "reject", actor=editor.user, reasons=["insult"])
    undo(editor.user)
    past_the_undo_window()
    outcome, _ = run()
    assert (outcome["withdrawn"], outcome["submitted"]) == (1, 0)
    assert database.requests == []


@pytest.mark.django_db
def test_a_decision_still_in_its_undo_window_waits(database, article, editor):
    comment = Comment.objects.create(article=article, author_name="Leserin", body="Neu", status="pending")
    decide(comment.pk, "reject", actor=editor.user, reasons=["insult"])
    assert run()[0]["checked"] == 0


@pytest.mark.django_db
def test_bans_are_submitted_with_their_end_date(database, article, editor, senior):
    Comment.objects.create(
        article=article, author_name="Wut", author_email="wut@example.org", body="Frech", status="rejected"
    )
    impose_ban("email", "wut@example.org", reason="Wiederholt.", days=30, actor=senior.user)
    past_the_undo_window()
    assert run()[0]["submitted"] == 1
    [stored] = database.stored.values()
    assert stored["puid"].startswith("zeitung-ban-")
    assert stored["decision_provision"] == "DECISION_PROVISION_TOTAL_SUSPENSION"
    assert (
        stored["end_date_service_restriction"]
        == timezone.localdate(timezone.now() + timedelta(days=30)).isoformat()
    )


@pytest.mark.django_db
def test_the_worker_runs_the_submission_as_a_job(database, article, editor):
    from django_tasks_db.models import DBTaskResult

    from freigabe.jobs import run_pending

    restrict(article, editor, count=2)
    waiting = DBTaskResult.objects.filter(task_path__endswith="submit_statements_job")
    assert waiting.count() == 1  # one job for both, after the undo window
    waiting.update(run_after=timezone.now())
    assert run_pending() == 1
    assert set(states().values()) == {"submitted"}
    assert waiting.filter(status="READY").count() == 1  # and the next run is scheduled


def test_the_command_from_the_console(tmp_path):
    with StandInDatabase({TOKEN}) as stand_in:
        cli = Environment(tmp_path, FREIGABE_DSA_API_URL=stand_in.url, FREIGABE_DSA_API_TOKEN=TOKEN)
        try:
            cli.run("migrate", "--verbosity", "0")
            cli.run("load_demo")
            cli.run(
                "shell",
                "-c",
                (
                    "from datetime import timedelta; from django.utils import timezone;"
                    "from freigabe.compliance.models import StatementSubmission as S;"
                    "S.objects.update(created_at=timezone.now() - timedelta(minutes=1))"
                ),
            )
            dry = cli.run_json("submit-statements", "--dry-run", "--json")
            assert dry["checked"] >= 1 and dry["problems"] == [] and stand_in.requests == []
            sent = cli.run_json("submit-statements", "--json")
            assert sent["submitted"] == dry["checked"] and sent["pending"] == 0
            assert len(stand_in.stored) == sent["submitted"]
            bad = cli.run("submit-statements", "--since", "gestern", check=False)
            assert bad.returncode != 0 and "YYYY-MM-DD" in bad.stderr
        finally:
            cli.close()
