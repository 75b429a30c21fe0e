"""Bans as decisions (Art. 17), the appeal window and reporters' appeals (Art. 20), redress
in the report outcome mail (Art. 16(5)), and site slugs that make valid puids."""

import io
import json
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from freigabe.compliance.deadlines import add_months, window_end
from freigabe.compliance.dsa import puid_prefix
from freigabe.compliance.dsa_schema import validate
from freigabe.compliance.models import AccountRestriction, OutcomeMail
from freigabe.moderation.bans import impose_ban
from freigabe.moderation.decisions import decide
from tests.compliance.conftest import report_payload, reports_path
from tests.compliance.test_notifications import LINK, confirm, mailed  # noqa: F401

BERLIN = ZoneInfo("Europe/Berlin")
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _many_reports(settings):
    settings.FREIGABE_RATE_REPORTS = "1000/60"


def comments_path(article):
    return f"/api/v1/sites/{article.site.slug}/articles/{article.external_id}/comments"


# --- bans and suspensions -----------------------------------------------------------------------


def test_a_banned_author_is_shown_the_statement_at_the_next_attempt(api, submit, editor, senior, article):
    earlier = submit(author_email="wut@example.org")
    decide(earlier["id"], "reject", actor=editor.user, reasons=["insult"])
    impose_ban(
        "email", "wut@example.org", reason="Beleidigt Frau Schmidt wiederholt.", days=7, actor=senior.user
    )
    refused = api.post(
        comments_path(article),
        {"body": "Schon wieder ich.", "author_name": "Wut", "author_email": "WUT@example.org"},
    )
    assert refused.status_code == 403
    body = refused.json()
    assert body["code"] == "author_banned" and "suspended" in body["detail"]
    statement = body["statement_of_reasons"]
    assert statement["decision"] == "suspension"
    assert [ground["code"] for ground in statement["grounds"]] == ["insult"]
    assert statement["ends_at"][:10] == timezone.localdate(timezone.now() + timedelta(days=7)).isoformat()
    assert "Schmidt" not in json.dumps(body)  # the editor's free text is for the mail only
    assert body["appeal_path"] == f"/api/v1/comments/{earlier['id']}/ban-appeal"
    restriction = AccountRestriction.objects.get()
    assert restriction.informed_at is not None  # the appeal window opened now


def test_a_ban_is_mailed_to_a_confirmed_address_and_appealable(
    api, client, submit, editor, senior, mailoutbox, mailed, settings
):  # noqa: F811
    from freigabe.jobs import run_pending

    with mailed():
        comment = submit(author_email="wut@example.org", notify=True)
    confirm(client, mailoutbox[0])
    decide(comment["id"], "reject", actor=editor.user, reasons=["aggression"])
    impose_ban("email", "wut@example.org", reason="Droht anderen.", actor=senior.user)
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.update(run_after=timezone.now() - timedelta(seconds=1))
    run_pending()
    run_pending()
    [ban_mail] = [m for m in mailoutbox if m.subject == "Sperre für Ihre Kommentare"]
    assert "dauerhaft" in ban_mail.body and "Droht anderen." in ban_mail.body
    assert "außergerichtliche Streitbeilegung" in ban_mail.body
    page = LINK.findall(ban_mail.body)[-1]
    assert page.startswith("/compliance/ban-appeal/")
    assert client.get(page).status_code == 200
    filed = client.post(page, {"explanation": "Ich habe niemandem gedroht."})
    assert filed.status_code == 200 and "Ihre Beschwerde ist eingegangen" in filed.content.decode()

    queue = api.get("/api/v1/moderation/appeals", **senior.auth).json()["appeals"]
    assert [(a["kind"], a["decision"]["action"]) for a in queue] == [("ban", "ban")]
    own = api.post(
        f"/api/v1/moderation/appeals/{queue[0]['id']}/decision",
        {"outcome": "reversed", "note": "x"},
        **senior.auth,
    )
    assert own.status_code == 403  # who banned may not decide the appeal
    other = _second_senior()
    with mailed():
        decided = api.post(
            f"/api/v1/moderation/appeals/{queue[0]['id']}/decision",
            {"outcome": "reversed", "note": "Keine Drohung erkennbar."},
            HTTP_AUTHORIZATION=f"Token {other}",
        )
    assert decided.status_code == 200
    assert AccountRestriction.objects.get().ban.lifted_at is not None
    assert mailoutbox[-1].subject == "Ergebnis Ihrer Beschwerde"
    assert "Keine Drohung erkennbar." in mailoutbox[-1].body
    assert "Sie können wieder kommentieren" in mailoutbox[-1].body


def _second_senior():
    from freigabe.accounts.services import create_moderator

    _, _, token = create_moderator("zweite", password="Sicheres-Passwort-3", senior=True, with_token=True)
    return token


def test_a_banned_author_appeals_with_a_comments_token(api, submit, senior, article):
    comment = submit(author_email="wut@example.org")
    impose_ban("email", "wut@example.org", reason="Spam.", days=1, actor=senior.user)
    answer = api.post(
        f"/api/v1/comments/{comment['id']}/ban-appeal?token={comment['author_token']}",
        {"explanation": "Kein Spam."},
    )
    assert answer.status_code == 201 and answer.json()["kind"] == "ban"
    forged = api.post(
        f"/api/v1/comments/{comment['id']}/ban-appeal?token=falsch", {"explanation": "Kein Spam."}
    )
    assert forged.status_code == 403


# --- the appeal window --------------------------------------------------------------------------


def test_six_calendar_months_from_the_day_informed():
    assert add_months(date(2026, 1, 15), 6) == date(2026, 7, 15)
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2027, 8, 31), 6) == date(2028, 2, 29)
    end = window_end(datetime(2026, 1, 15, 0, 30, tzinfo=BERLIN))
    assert timezone.localtime(end).date() == date(2026, 7, 15)
    assert timezone.localtime(end).time().hour == 23  # the whole last day counts


def test_the_window_runs_from_the_outcome_mail_not_the_decision(api, submit, editor):
    comment = submit()
    decision = decide(comment["id"], "reject", actor=editor.user, reasons=["insult"])
    from freigabe.moderation.models import Decision

    long_ago = timezone.now() - timedelta(days=200)
    Decision.objects.filter(pk=decision.pk).update(created_at=long_ago)
    path = f"/api/v1/comments/{comment['id']}/appeal?token={comment['author_token']}"
    # Decided 200 days ago and told then: too late (183 days would also have said so).
    late = api.post(path, {"explanation": "Bitte prüfen."})
    assert late.status_code == 410
    # Told by mail only 20 days ago (the address was confirmed late): still in time.
    OutcomeMail.objects.create(decision_id=decision.pk)
    OutcomeMail.objects.update(sent_at=timezone.now() - timedelta(days=20))
    assert api.post(path, {"explanation": "Bitte prüfen."}).status_code == 201


def test_deciding_an_appeal_needs_a_written_reason_shown_in_the_status(api, submit, editor, senior):
    comment = submit()
    decision = decide(comment["id"], "reject", actor=editor.user, reasons=["insult"])
    from freigabe.moderation.models import Decision

    Decision.objects.filter(pk=decision.pk).update(  # past its undo window: final
        created_at=timezone.now() - timedelta(minutes=1)
    )
    appeal = api.post(
        f"/api/v1/comments/{comment['id']}/appeal?token={comment['author_token']}",
        {"explanation": "Bitte prüfen."},
    ).json()
    path = f"/api/v1/moderation/appeals/{appeal['id']}/decision"
    bare = api.post(path, {"outcome": "upheld"}, **senior.auth)
    assert bare.status_code == 422 and "reason" in bare.json()["detail"]
    api.post(path, {"outcome": "upheld", "note": "Die Beleidigung ist eindeutig."}, **senior.auth)
    status = api.get(f"/api/v1/comments/{comment['id']}/status?token={comment['author_token']}").json()
    assert status["appeal"]["note"] == "Die Beleidigung ist eindeutig."


# --- reporters: redress and appeals ---------------------------------------------------------------


def _kept_report(api, released, editor, mailed, **fields):  # noqa: F811
    comment = released()
    with mailed():
        report = api.post(
            reports_path(comment["id"]), report_payload(reporter_email="melder@example.org", **fields)
        ).json()
        api.post(
            f"/api/v1/moderation/reports/{report['group_id']}/decision",
            {"action": "keep", "note": "Zugespitzt, aber zulässig."},
            **editor.auth,
        )
    return comment, report


def test_the_report_outcome_mail_tells_of_redress(api, released, editor, mailoutbox, mailed):  # noqa: F811
    _kept_report(api, released, editor, mailed)
    outcome = mailoutbox[-1]
    assert outcome.subject == "Ergebnis Ihrer Meldung"
    assert "Beschwerde" in outcome.body and "sechs Monaten" in outcome.body
    assert "außergerichtliche Streitbeilegung (Art. 21 DSA)" in outcome.body
    assert "/compliance/report-appeal/" in outcome.body


def test_a_reporter_appeals_keeping_the_comment_and_it_is_removed(
    api, client, released, editor, senior, mailoutbox, mailed
):  # noqa: F811
    comment, report = _kept_report(api, released, editor, mailed)
    path = f"/api/v1/reports/{report['id']}/appeal?token={report['reporter_token']}"
    assert (
        api.post(f"/api/v1/reports/{report['id']}/appeal?token=falsch", {"explanation": "x"}).status_code
        == 403
    )
    appeal = api.post(path, {"explanation": "Das ist eine Beleidigung."})
    assert appeal.status_code == 201 and appeal.json()["kind"] == "report"
    assert api.post(path, {"explanation": "Nochmal."}).status_code == 409
    with mailed():
        decided = api.post(
            f"/api/v1/moderation/appeals/{appeal.json()['id']}/decision",
            {"outcome": "reversed", "note": "Doch eine Beleidigung."},
            **senior.auth,
        )
    assert decided.status_code == 200 and decided.json()["comment_status"] == "removed"
    assert "Doch eine Beleidigung." in mailoutbox[-1].body
    assert mailoutbox[-1].to == ["melder@example.org"]
    status = api.get(f"/api/v1/reports/{report['id']}/status?token={report['reporter_token']}").json()
    assert status["outcome"] == "removed" and status["appeal"]["outcome"] == "reversed"
    out = io.StringIO()
    call_command(
        "export_statements", "--since", timezone.localdate().isoformat(), stdout=out, stderr=io.StringIO()
    )
    [line] = [json.loads(x) for x in out.getvalue().splitlines()]
    assert line["source_type"] == "SOURCE_TYPE_OTHER_NOTIFICATION" and validate(line) == {}


def test_a_reporter_cannot_appeal_a_removal(api, released, editor):
    comment = released()
    report = api.post(reports_path(comment["id"]), report_payload()).json()
    api.post(
        f"/api/v1/moderation/reports/{report['group_id']}/decision",
        {"action": "remove", "reasons": ["insult"]},
        **editor.auth,
    )
    answer = api.post(
        f"/api/v1/reports/{report['id']}/appeal?token={report['reporter_token']}", {"explanation": "?"}
    )
    assert answer.status_code == 409


# --- slugs and puids ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "slug", ["zeitung.de", "Zeitung", "zeitung_de", "zeitung-", "zei tung", "zeitüng", ""]
)
def test_create_site_refuses_slugs_outside_a_z_0_9_and_hyphens(slug):
    with pytest.raises(CommandError, match="lower-case letters"):
        call_command("create_site", slug, "--json", stdout=io.StringIO())


def test_create_site_accepts_a_good_slug():
    out = io.StringIO()
    call_command("create_site", "zeitung-de", "--json", stdout=out)
    assert json.loads(out.getvalue())["site"] == "zeitung-de"


def test_older_slugs_map_to_valid_stable_puids(submit, editor, publisher):
    assert puid_prefix("zeitung") == "zeitung"
    assert puid_prefix("zeitung.de") == "zeitung_2ede"
    assert puid_prefix("Blatt_1") == "Blatt_5f1"
    assert puid_prefix("zeitung_2ede") != puid_prefix("zeitung.de")  # one-to-one
    assert re.fullmatch(r"[a-zA-Z0-9_-]+", puid_prefix("zeitüng.de"))
    from freigabe.articles.models import Site

    comment = submit()
    Site.objects.filter(pk=publisher.site.pk).update(slug="zeitung.de")  # made before the rule
    decision = decide(comment["id"], "reject", actor=editor.user, reasons=["insult"])
    Site.objects.filter(pk=publisher.site.pk).update(slug="zeitung-de")  # renamed since
    out = io.StringIO()
    call_command(
        "export_statements", "--since", timezone.localdate().isoformat(), stdout=out, stderr=io.StringIO()
    )
    [line] = [json.loads(x) for x in out.getvalue().splitlines()]
    assert line["puid"] == f"zeitung_2ede-decision-{decision.pk}" and validate(line) == {}
