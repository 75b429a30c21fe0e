"""Issue 12 point 7, display side: comments never leave the server with bidi controls."""

import pytest
from django.urls import reverse

from freigabe.comments.display import safe_display_text
from freigabe.comments.models import Comment
from tests.conftest import comments_path

pytestmark = pytest.mark.django_db

TRICK = "Du bist ein \u202etoidilloV\u202c und \u2067mehr"
CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def test_safe_display_text_strips_every_bidi_control():
    assert safe_display_text(TRICK) == "Du bist ein toidilloV und mehr"
    assert safe_display_text("Straße, 😀, \u05e9\u05dc\u05d5\u05dd") == "Straße, 😀, \u05e9\u05dc\u05d5\u05dd"


def test_the_public_thread_shows_no_bidi_controls_but_the_stored_text_is_kept(api, article, submit, release):
    accepted = submit(TRICK)
    release(accepted["id"])
    body = api.get(comments_path(article)).json()["comments"][0]["body"]
    assert not set(CONTROLS) & set(body)
    assert "toidilloV" in body
    assert Comment.objects.get(pk=accepted["id"]).body == TRICK  # nothing lost


def test_the_moderator_page_shows_no_bidi_controls(client, editor, submit):
    accepted = submit(TRICK)
    client.force_login(editor.user)
    page = client.get(reverse("moderation:comment", args=[accepted["id"]])).content.decode()
    assert "toidilloV" in page
    assert not set(CONTROLS) & set(page)


def test_the_assessment_flags_the_override_for_review(submit):
    accepted = submit(TRICK)
    comment = Comment.objects.get(pk=accepted["id"])
    assert comment.assessment["decision"] != "release"
    assert comment.assessment["rules"]["other"]["score"] >= 0.5


def test_webhook_deliveries_carry_no_bidi_controls(article, submit, settings):
    from django.core.management import call_command

    from freigabe.integrations.models import Delivery

    settings.FREIGABE_WEBHOOKS_ALLOW_PRIVATE = True
    call_command(
        "add_webhook", "zeitung", "http://127.0.0.1:9/hook", "--json", stdout=__import__("io").StringIO()
    )
    submit(TRICK)
    payload = Delivery.objects.get(event="comment.submitted").body
    assert "toidilloV" in payload
    assert not set(CONTROLS) & set(payload.encode().decode("unicode_escape"))


def test_the_mail_and_appeal_templates_strip_bidi_controls():
    from django.template import engines

    rendered = (
        engines["django"]
        .from_string("{% load comment_text %}{{ body|display_text|linebreaksbr }}")
        .render({"body": TRICK})
    )
    assert not set(CONTROLS) & set(rendered)
