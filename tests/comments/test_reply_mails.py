"""Reply mails: opt-in, double opt-in, one mail per thread an hour, one-click unsubscribe."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from freigabe.compliance.models import ReplySubscription
from freigabe.compliance.reply_mails import deliver
from freigabe.jobs import run_pending
from freigabe.moderation.decisions import decide

pytestmark = pytest.mark.django_db

AUTHOR = "autorin@example.org"
LINK = re.compile(r"http://\S+(/compliance/\S+)")


@pytest.fixture
def mailed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def subscriber(submit, release, mailoutbox, mailed):
    """A released comment whose author opted in to reply mails and confirmed the address."""
    with mailed():
        accepted = submit(author_name="Autorin", author_email=AUTHOR, notify_replies=True)
    release(accepted["id"])
    assert len(mailoutbox) == 1 and "confirm-email" in mailoutbox[0].body
    link = LINK.search(mailoutbox[0].body).group(1)
    with mailed():
        assert Client().post(link).status_code == 200
    mailoutbox.clear()
    return accepted["id"]


def released_reply(submit, parent_id, body, **fields):
    reply = submit(body, parent_id=parent_id, **fields)
    decide(reply["id"], "release")  # automated: final at once
    return reply["id"]


def reply_mails(mailoutbox):
    return [mail for mail in mailoutbox if "List-Unsubscribe" in mail.extra_headers]


def test_a_released_reply_is_mailed_once_by_the_job(submit, subscriber, mailoutbox):
    released_reply(submit, subscriber, "Da stimme ich Ihnen zu, die Radwege fehlen.")
    assert run_pending() >= 1
    mails = reply_mails(mailoutbox)
    assert len(mails) == 1
    assert mails[0].to == [AUTHOR]
    assert mails[0].subject == "Neue Antwort auf Ihren Kommentar"
    assert "Da stimme ich Ihnen zu, die Radwege fehlen." in mails[0].body
    assert "#freigabe-comment-" in mails[0].body
    run_pending()
    assert deliver(ReplySubscription.objects.get().pk) == 0  # idempotent: nothing twice
    assert len(reply_mails(mailoutbox)) == 1


def test_later_replies_wait_an_hour_and_come_summarised(submit, subscriber, mailoutbox):
    released_reply(submit, subscriber, "Erste Antwort zu den Radwegen.")
    run_pending()
    released_reply(submit, subscriber, "Zweite Antwort zu den Radwegen.")
    released_reply(submit, subscriber, "Dritte Antwort zu den Radwegen.")
    run_pending()
    assert len(reply_mails(mailoutbox)) == 1  # not within the hour
    subscription = ReplySubscription.objects.get()
    assert deliver(subscription.pk, now=timezone.now() + timedelta(minutes=30)) == 0
    assert deliver(subscription.pk, now=timezone.now() + timedelta(minutes=61)) == 2
    summary = reply_mails(mailoutbox)[1]
    assert summary.subject == "Neue Antworten auf Ihre Kommentare"
    assert "2 neue Antworten" in summary.body
    assert "Zweite Antwort" in summary.body and "Dritte Antwort" in summary.body


def test_the_mail_has_one_click_unsubscribe_that_works_without_csrf(submit, subscriber, mailoutbox):
    released_reply(submit, subscriber, "Eine Antwort zu den Radwegen.")
    run_pending()
    mail = reply_mails(mailoutbox)[0]
    header = mail.extra_headers["List-Unsubscribe"]
    assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    path = re.search(r"<http://[^/]+(/compliance/replies/unsubscribe/[^>]+)>", header).group(1)
    assert path in mail.body
    client = Client(enforce_csrf_checks=True)
    assert client.get(path).status_code == 200  # a page with a button; nothing changes yet
    assert ReplySubscription.objects.get().unsubscribed_at is None
    response = client.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert ReplySubscription.objects.get().unsubscribed_at is not None
    released_reply(submit, subscriber, "Noch eine Antwort zu den Radwegen.")
    run_pending()
    assert deliver(ReplySubscription.objects.get().pk, now=timezone.now() + timedelta(hours=2)) == 0
    assert len(reply_mails(mailoutbox)) == 1


def test_a_forged_unsubscribe_token_is_refused(client):
    assert client.post("/compliance/replies/unsubscribe/forged").status_code == 404


def test_nothing_is_mailed_before_the_address_is_confirmed(submit, release, mailoutbox, mailed):
    with mailed():
        parent = submit(author_email=AUTHOR, notify_replies=True)
    release(parent["id"])
    released_reply(submit, parent["id"], "Antwort an eine unbestätigte Adresse.")
    run_pending()
    assert reply_mails(mailoutbox) == []
    link = LINK.search(mailoutbox[0].body).group(1)
    with mailed():
        Client().post(link)
    run_pending()
    assert len(reply_mails(mailoutbox)) == 1


def test_without_the_opt_in_no_reply_mail(submit, release, mailoutbox):
    parent = submit(author_email=AUTHOR)
    release(parent["id"])
    released_reply(submit, parent["id"], "Antwort ohne Abo.")
    run_pending()
    assert reply_mails(mailoutbox) == []
    assert not ReplySubscription.objects.exists()


def test_an_editors_release_waits_for_the_undo_window(submit, subscriber, mailoutbox, editor):
    reply = submit("Antwort, von Hand freigegeben.", parent_id=subscriber)
    decide(reply["id"], "release", actor=editor.user)
    run_pending()  # its job is not due before the undo window closed
    assert reply_mails(mailoutbox) == []
    later = timezone.now() + timedelta(seconds=12)
    assert deliver(ReplySubscription.objects.get().pk, now=later) == 1


def test_an_undone_release_is_never_mailed(submit, subscriber, mailoutbox, editor):
    from freigabe.moderation.decisions import undo

    reply = submit("Antwort, dann zurückgenommen.", parent_id=subscriber)
    decide(reply["id"], "release", actor=editor.user)
    undo(editor.user)
    assert deliver(ReplySubscription.objects.get().pk, now=timezone.now() + timedelta(seconds=12)) == 0
    assert reply_mails(mailoutbox) == []


def test_english_mail_for_an_english_reader(submit, release, mailoutbox, mailed):
    with mailed():
        parent = submit(author_email=AUTHOR, notify_replies=True, language="en")
    release(parent["id"])
    assert mailoutbox[0].subject == "Please confirm your email address"
    with mailed():
        Client().post(LINK.search(mailoutbox[0].body).group(1))
    released_reply(submit, parent["id"], "An answer in the thread.")
    run_pending()
    mail = reply_mails(mailoutbox)[0]
    assert mail.subject == "New reply to your comment"
    assert "No more mails about replies" in mail.body


def test_the_newsroom_reply_is_mailed_with_its_badge(api, submit, subscriber, mailoutbox, editor):
    api.post(
        f"/api/v1/moderation/comments/{subscriber}/reply", {"body": "Danke für den Hinweis."}, **editor.auth
    )
    assert deliver(ReplySubscription.objects.get().pk, now=timezone.now() + timedelta(seconds=12)) == 1
    assert "(Redaktion)" in reply_mails(mailoutbox)[0].body


def test_ones_own_reply_is_not_mailed(submit, subscriber, mailoutbox):
    released_reply(submit, subscriber, "Nachtrag von mir selbst.", author_email=AUTHOR)
    run_pending()
    assert reply_mails(mailoutbox) == []


def test_the_unsubscribe_page_speaks_german_and_english(submit, subscriber, mailoutbox):
    released_reply(submit, subscriber, "Eine Antwort zu den Radwegen.")
    run_pending()
    path = LINK.search(reply_mails(mailoutbox)[0].body[-400:]).group(1)
    german = Client().get(path, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    english = Client().get(path, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Keine E-Mails mehr über Antworten?" in german
    assert "No more emails about replies?" in english and "Unsubscribe" in english


def test_the_authors_data_shows_and_erasure_ends_the_subscription(submit, subscriber):
    from freigabe.compliance.privacy import author_data, erase_author

    comment = author_data(AUTHOR)["comments"][0]
    assert comment["reply_mails"]["language"] == "de"
    assert comment["reply_mails"]["unsubscribed_at"] is None
    erase_author(AUTHOR, mode="anonymise")
    assert not ReplySubscription.objects.exists()
