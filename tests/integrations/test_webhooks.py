"""Webhooks: signed deliveries from an outbox, sent by the worker, retried, SSRF-guarded."""

import hashlib
import hmac
import html
import json
import socket
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management.base import CommandError

from freigabe.articles.services import create_site
from freigabe.comments.models import Comment
from freigabe.integrations.models import EVENTS, Delivery, Webhook
from freigabe.integrations.webhooks import attempt_delivery
from freigabe.jobs import run_pending
from freigabe.moderation.decisions import decide, undo
from tests.integrations.conftest import run_command, run_json


class Receiver:
    """A real HTTP endpoint on loopback that checks each delivery's signature as a
    newsroom's receiver would (docs/webhooks.md) and answers 401 to a bad one."""

    def __init__(self):
        self.secret = None
        self.received = []
        self.rejected = 0
        self.answer = 204
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                timestamp = self.headers.get("X-Freigabe-Timestamp", "")
                expected = hmac.new(
                    receiver.secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256
                ).hexdigest()
                if not hmac.compare_digest(expected, self.headers.get("X-Freigabe-Signature", "")):
                    receiver.rejected += 1
                    self.send_response(401)
                else:
                    receiver.received.append((dict(self.headers), json.loads(body)))
                    self.send_response(receiver.answer)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/freigabe-hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    receiver = Receiver()
    yield receiver
    receiver.close()


@pytest.fixture
def hook(article, receiver, settings):
    settings.FREIGABE_WEBHOOKS_ALLOW_PRIVATE = True  # the receiver is on loopback
    result = run_json("add_webhook", "zeitung", receiver.url, "--json")
    receiver.secret = result["secret"]
    return result


def test_add_webhook_prints_id_and_a_secret(hook):
    webhook = Webhook.objects.get(pk=hook["id"])
    assert hook["secret"].startswith("whsec_") and len(hook["secret"]) > 30
    assert webhook.events == [
        "comment.submitted",
        "comment.released",
        "comment.rejected",
        "comment.removed",
        "report.filed",
        "appeal.filed",
        "appeal.decided",
    ]


def test_add_webhook_refuses_plain_http_off_loopback_and_unknown_events(article):
    with pytest.raises(CommandError, match="https"):
        run_command("add_webhook", "zeitung", "http://hooks.example/x")
    with pytest.raises(CommandError, match="Unknown event"):
        run_command(
            "add_webhook",
            "zeitung",
            "https://hooks.example/x",
            "--events",
            "comment.released,comment.exploded",
        )
    result = run_json(
        "add_webhook",
        "zeitung",
        "https://hooks.example/x",
        "--events",
        "comment.released,report.filed",
        "--json",
    )
    assert Webhook.objects.get(pk=result["id"]).events == ["comment.released", "report.filed"]


def test_a_submitted_comment_is_delivered_signed_by_the_worker_not_the_request(hook, receiver, submit):
    created = submit(body="Die Radwege sind eine gute Idee.")
    # The request only wrote the outbox; nothing was sent yet.
    delivery = Delivery.objects.get(event="comment.submitted")
    assert delivery.state == "pending" and receiver.received == []
    assert run_pending() >= 1
    headers, payload = receiver.received[0]
    assert payload["event"] == "comment.submitted" and payload["site"] == "zeitung"
    assert payload["data"]["comment"]["id"] == created["id"]
    assert payload["data"]["comment"]["body"] == "Die Radwege sind eine gute Idee."
    assert headers["X-Freigabe-Event"] == "comment.submitted"
    assert headers["Content-Type"] == "application/json"
    delivery.refresh_from_db()
    assert delivery.state == "delivered" and delivery.attempts == 1
    # A second run of the same job sends nothing again.
    attempt_delivery(delivery.pk)
    assert len(receiver.received) == 1


def test_only_active_webhooks_of_the_site_that_want_the_event_get_it_at_once(article, submit, publisher):
    wanted = Webhook.objects.create(
        site=article.site, url="https://a.example/h", secret="s", events=list(EVENTS)
    )
    Webhook.objects.create(site=article.site, url="https://b.example/h", secret="s", events=["report.filed"])
    switched_off = Webhook.objects.create(
        site=article.site, url="https://c.example/h", secret="s", events=list(EVENTS), active=False
    )
    other_site, _ = create_site("abendblatt")
    Webhook.objects.create(site=other_site, url="https://d.example/h", secret="s", events=list(EVENTS))
    first = submit()
    assert list(
        Delivery.objects.filter(event_key=f"comment.submitted:{first['id']}").values_list(
            "webhook", flat=True
        )
    ) == [wanted.pk]
    # Switched on and off elsewhere (another worker, the CLI): the next comment follows at once.
    Webhook.objects.filter(pk=switched_off.pk).update(active=True)
    Webhook.objects.filter(pk=wanted.pk).update(active=False)
    second = submit()
    assert list(
        Delivery.objects.filter(event_key=f"comment.submitted:{second['id']}").values_list(
            "webhook", flat=True
        )
    ) == [switched_off.pk]


def test_an_event_rolled_back_leaves_nothing_in_the_outbox(hook, article):
    from django.db import transaction

    with pytest.raises(RuntimeError):
        with transaction.atomic():
            Comment.objects.create(article=article, author_name="A", body="B", author_token_hash="x")
            assert Delivery.objects.count() == 1
            raise RuntimeError("the request failed")
    assert Delivery.objects.count() == 0


def test_a_release_waits_for_the_undo_window_and_an_undone_one_is_never_sent(hook, receiver, submit, editor):
    first, second = submit()["id"], submit()["id"]
    run_pending()
    receiver.received.clear()
    released = decide(first, "release", actor=editor.user)
    kept = Delivery.objects.get(event="comment.released", decision_id=released.pk)
    assert attempt_delivery(kept.pk) == "pending"  # still inside the undo window
    assert receiver.received == []
    later = kept.next_attempt_at + timedelta(seconds=1)
    assert attempt_delivery(kept.pk, now=later) == "delivered"
    assert receiver.received[0][1]["data"]["decision"]["action"] == "release"
    slip = decide(second, "reject", actor=editor.user, reasons=["insult"])
    undo(editor.user)
    undone = Delivery.objects.get(event="comment.rejected", decision_id=slip.pk)
    assert attempt_delivery(undone.pk, now=later + timedelta(minutes=1)) == "cancelled"
    assert len(receiver.received) == 1


def test_a_failing_receiver_is_retried_with_backoff_for_a_day_then_failed(hook, receiver, submit):
    receiver.answer = 500
    submit()
    delivery = Delivery.objects.get(event="comment.submitted")
    now = delivery.created_at
    gaps = []
    while True:
        state = attempt_delivery(delivery.pk, now=now)
        delivery.refresh_from_db()
        if state != "pending":
            break
        gaps.append((delivery.next_attempt_at - now).total_seconds())
        now = delivery.next_attempt_at
    assert state == "failed"
    assert gaps[:4] == [30, 60, 120, 240]  # doubling ...
    assert max(gaps) == 3 * 3600  # ... up to three hours
    assert now - delivery.created_at <= timedelta(days=1)
    assert delivery.attempts == len(gaps) + 1 and delivery.last_status == 500
    assert "500" in delivery.last_error


def test_a_wrong_signature_is_refused_by_the_receiver_and_retried(hook, receiver, submit):
    receiver.secret = "not-the-secret"
    submit()
    run_pending()
    delivery = Delivery.objects.get(event="comment.submitted")
    assert receiver.rejected == 1 and receiver.received == []
    assert delivery.state == "pending" and delivery.last_status == 401


def test_private_addresses_are_refused_unless_allowed(hook, receiver, submit, settings):
    settings.FREIGABE_WEBHOOKS_ALLOW_PRIVATE = False
    submit()
    run_pending()
    delivery = Delivery.objects.get(event="comment.submitted")
    assert delivery.state == "failed" and "not a public address" in delivery.last_error
    assert receiver.received == [] and receiver.rejected == 0


def test_a_name_that_resolves_to_a_private_address_at_send_time_is_refused(article, submit, monkeypatch):
    run_json("add_webhook", "zeitung", "https://hooks.example/in", "--json")
    submit()
    real_getaddrinfo = socket.getaddrinfo

    def rebinding(host, *args, **kwargs):
        if host == "hooks.example":  # public when added, the metadata service when sent
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("169.254.169.254", 443))]
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    run_pending()
    delivery = Delivery.objects.get(event="comment.submitted")
    assert delivery.state == "failed" and "169.254.169.254" in delivery.last_error


def test_reports_and_appeals_are_events_too(hook, receiver, submit, api, editor, release, senior):
    created = submit()
    release(created["id"])
    response = api.post(
        f"/api/v1/comments/{created['id']}/reports",
        {"reason": "insult", "explanation": "Beleidigt mich.", "good_faith": True},
    )
    assert response.status_code == 202, response.content
    other = submit()
    decide(other["id"], "reject", reasons=["insult"])
    response = api.post(
        f"/api/v1/comments/{other['id']}/appeal?token={other['author_token']}",
        {"explanation": "Das war keine Beleidigung."},
    )
    assert response.status_code == 201, response.content
    from freigabe.compliance.appeals import decide_appeal
    from freigabe.compliance.models import Appeal

    decide_appeal(Appeal.objects.get().pk, "reversed", actor=senior, note="Keine Beleidigung.")
    events = list(Delivery.objects.values_list("event", flat=True))
    assert {
        "comment.submitted",
        "comment.released",
        "comment.rejected",
        "report.filed",
        "appeal.filed",
        "appeal.decided",
    } <= set(events)
    assert events.count("appeal.decided") == 1
    run_pending()
    sent = {payload["event"]: payload for _, payload in receiver.received}
    assert {"report.filed", "appeal.filed", "appeal.decided", "comment.released"} <= set(sent)
    assert sent["appeal.decided"]["data"]["appeal"]["outcome"] == "reversed"
    assert "reporter" not in json.dumps(sent["report.filed"])


def test_imported_history_sends_no_webhooks(hook):
    from tests.integrations.conftest import FIXTURES

    run_json(
        "import_comments", str(FIXTURES / "disqus.xml"), "--site", "zeitung", "--format", "disqus", "--json"
    )
    assert Delivery.objects.count() == 0


def test_senior_editors_see_deliveries_and_manage_webhooks(
    hook, receiver, submit, senior, colleague, site_admin, make_client
):
    receiver.answer = 500
    submit()
    run_pending()
    page = make_client(senior).get("/integrations/webhooks/zeitung/")
    assert page.status_code == 200
    html = page.content.decode()
    assert receiver.url in html and "comment.submitted" in html and "500" in html
    assert make_client(colleague).get("/integrations/webhooks/zeitung/").status_code == 403
    settings_page = make_client(site_admin).get("/moderation/settings/zeitung/")
    assert "/integrations/webhooks/zeitung/" in settings_page.content.decode()
    client = make_client(senior)
    response = client.post(
        "/integrations/webhooks/zeitung/",
        {"url": "https://crm.zeitung.example/hook", "events": ["report.filed"]},
    )
    assert response.status_code == 200
    added = Webhook.objects.get(url="https://crm.zeitung.example/hook", events=["report.filed"])
    assert added.secret in response.content.decode()  # shown once, in this answer
    assert added.secret not in client.get("/integrations/webhooks/zeitung/").content.decode()
    refused = client.post(
        "/integrations/webhooks/zeitung/",
        {"url": "http://crm.zeitung.example/hook", "events": ["report.filed"]},
    )
    assert refused.status_code == 200
    assert "Die Webhook-Adresse muss https verwenden" in html_text(refused)
    in_english = client.post(
        "/integrations/webhooks/zeitung/",
        {"url": "https://user:pw@crm.zeitung.example/hook", "events": ["report.filed"]},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "The webhook address must not contain credentials." in html_text(in_english)
    webhook = Webhook.objects.get(url="https://crm.zeitung.example/hook")
    client.post(f"/integrations/webhooks/zeitung/{webhook.pk}/delete")
    assert not Webhook.objects.filter(pk=webhook.pk).exists()


def test_a_removal_is_sent_at_once(hook, receiver, submit, editor, release):
    created = submit()["id"]
    release(created)
    decide(created, "remove", actor=editor.user, reasons=["insult"])
    run_pending()
    removed = [payload for _, payload in receiver.received if payload["event"] == "comment.removed"]
    assert removed and removed[0]["data"]["comment"]["status"] == "removed"
    assert removed[0]["data"]["decision"]["reasons"] == ["insult"]


def html_text(response):
    return html.unescape(response.content.decode())
