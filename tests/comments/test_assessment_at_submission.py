"""Every comment is assessed when it arrives; editors see the scores and the evidence."""

import re

import pytest

from freigabe.comments.models import Comment
from tests.conftest import comments_path

pytestmark = pytest.mark.django_db

RULES = {"insinuation", "insult", "aggression", "advertising", "off_topic"}


def test_the_assessment_is_stored_with_its_model_version(submit):
    accepted = submit("Du bist ein dummer Idiot, halt die Klappe!")
    comment = Comment.objects.get(pk=accepted["id"])
    assert RULES <= set(comment.assessment["rules"])
    assert comment.model_version and comment.model_version == comment.assessment["model_version"]
    assert comment.assessment["rules"]["insult"]["score"] > 0.5
    assert comment.suggestion in {"review", "reject"}


def test_a_clean_comment_on_the_article_is_suggested_for_release(submit):
    accepted = submit("Die Radwege auf der Lindenallee finde ich gut, auch wenn 230 Parkplätze wegfallen.")
    comment = Comment.objects.get(pk=accepted["id"])
    assert comment.assessment["rules"]["insult"]["score"] < 0.5
    assert comment.suggestion == "release"


def test_the_queue_highlights_the_evidence(client, editor, submit):
    submit("Der Stadtrat ist ein Haufen Idioten, diese Radwege sind Unsinn.")
    client.force_login(editor.user)
    html = client.get("/moderation/").content.decode()
    assert re.search(r'<mark class="rule-insult[^"]*"[^>]*>Idioten\b', html)


def test_the_same_shop_link_posted_again_and_again_scores_as_advertising(api, article, settings):
    settings.FREIGABE_RATE_COMMENTS = "100/60"
    scores = []
    for number in range(4):
        response = api.post(
            comments_path(article),
            {
                "body": f"Zu den Radwegen auf der Lindenallee: siehe www.radshop24.de/angebot ({number})",
                "author_name": f"L{number}",
            },
            REMOTE_ADDR=f"198.51.100.{number}",
        )
        comment = Comment.objects.get(pk=response.json()["id"])
        scores.append(comment.assessment["rules"]["advertising"]["score"])
    assert scores[-1] > scores[0]


def test_a_link_to_the_publishers_own_site_is_not_advertising(submit):
    accepted = submit(
        "Zu den Radwegen auf der Lindenallee steht mehr unter https://www.zeitung.example/radwege-hintergrund"
    )
    comment = Comment.objects.get(pk=accepted["id"])
    assert comment.assessment["rules"]["advertising"]["score"] < 0.5
