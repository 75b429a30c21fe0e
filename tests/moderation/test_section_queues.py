"""Queues per section: filter by section, editors' own sections as their default queue,
groups of critical stories as one queue; triage order and counts follow the filter."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from freigabe.articles.services import upsert_article
from freigabe.comments.models import Comment
from freigabe.comments.services import submit_comment
from freigabe.moderation.models import AuditEntry, EditorSection, StoryGroup
from freigabe.moderation.sections import assign_sections, save_story_group

pytestmark = pytest.mark.django_db


def shown_ids(html):
    return [int(found) for found in re.findall(r'<li class="card[^"]*" id="comment-(\d+)"', html)]


def heading_count(html):
    found = re.search(r"<h1>[^<]*Wartende Kommentare.*?\((?:<span[^>]*>)?(\d+)", html, re.S)
    return int(found.group(1))


@pytest.fixture
def newsroom(publisher):
    """Two articles in Politik, one in Sport, one without a section; comments on each."""
    articles = {}
    for external_id, section in (("p-1", "Politik"), ("p-2", "Politik"), ("s-1", "Sport"), ("x-1", "")):
        articles[external_id], _ = upsert_article(
            publisher.site,
            external_id,
            title=f"Artikel {external_id}",
            section=section,
            body="Der Stadtrat hat neue Radwege beschlossen.",
        )
    comments = {}
    for external_id, article in articles.items():
        for number in (1, 2):
            comments[(external_id, number)] = submit_comment(
                article, body=f"Kommentar {number} zu {external_id}.", author_name="Leser"
            ).comment
    # Triage order by the suggestion set here, not by what the assessor made of the texts.
    Comment.objects.update(suggestion="review")
    return articles, comments


def suggest(comment, suggestion):
    Comment.objects.filter(pk=comment.pk).update(suggestion=suggestion)


def queue(client, **params):
    response = client.get("/moderation/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_an_editor_filters_the_queue_by_section_in_triage_order(make_client, editor, newsroom):
    _articles, comments = newsroom
    suggest(comments[("p-2", 1)], "release")  # clean ones first in triage order
    suggest(comments[("p-1", 1)], "reject")
    html = queue(make_client(editor.user), section="Politik")
    expected = [
        comments[("p-2", 1)].pk,
        comments[("p-1", 2)].pk,
        comments[("p-2", 2)].pk,
        comments[("p-1", 1)].pk,
    ]
    assert shown_ids(html) == expected
    assert heading_count(html) == 4
    sport = queue(make_client(editor.user), section="Sport")
    assert sorted(shown_ids(sport)) == sorted(c.pk for k, c in comments.items() if k[0] == "s-1")
    assert heading_count(sport) == 2


def test_assigned_sections_are_the_default_queue_with_a_way_to_see_all(make_client, editor, senior, newsroom):
    _articles, comments = newsroom
    assign_sections(editor.user, ["Sport"], actor=senior)
    client = make_client(editor.user)
    mine = queue(client)
    assert sorted(shown_ids(mine)) == sorted(c.pk for k, c in comments.items() if k[0] == "s-1")
    assert heading_count(mine) == 2
    assert "meine Ressorts (Sport)" in mine
    everything = queue(client, section="")
    assert len(shown_ids(everything)) == 8 and heading_count(everything) == 8
    # Another editor without sections sees everything by default.
    other = queue(make_client(senior))
    assert len(shown_ids(other)) == 8


def test_a_group_of_critical_stories_is_worked_as_one_queue(make_client, editor, senior, newsroom):
    articles, comments = newsroom
    group = save_story_group("Wahlabend", [articles["p-1"].pk, articles["s-1"].pk], actor=senior)
    html = queue(make_client(editor.user), section="", group=group.pk)
    wanted = {c.pk for k, c in comments.items() if k[0] in ("p-1", "s-1")}
    assert set(shown_ids(html)) == wanted and heading_count(html) == 4
    assert "Wahlabend (4)" in html


def test_the_moderation_api_queue_filters_by_section_and_group(api, editor, newsroom, senior):
    articles, comments = newsroom
    response = api.get("/api/v1/moderation/queue?section=Politik", **editor.auth)
    assert response.status_code == 200
    assert response.json()["count"] == 4
    assert {c["article_id"] for c in response.json()["comments"]} == {"p-1", "p-2"}
    group = save_story_group("Eilmeldungen", [articles["x-1"].pk], actor=senior)
    grouped = api.get(f"/api/v1/moderation/queue?group={group.pk}", **editor.auth)
    assert grouped.json()["count"] == 2
    # A group id no database can hold is refused, not a server error (the fuzz test found it).
    for hostile in (10**25, 0, -1):
        refused = api.get(f"/api/v1/moderation/queue?group={hostile}", **editor.auth)
        assert refused.status_code == 422, (hostile, refused.status_code)


def test_a_senior_editor_assigns_sections_and_marks_critical_stories_audited(
    make_client, senior, editor, newsroom
):
    articles, _comments = newsroom
    client = make_client(senior)
    page = client.get("/moderation/sections/")
    assert page.status_code == 200 and "erika" in page.content.decode()
    response = client.post(
        "/moderation/sections/",
        {"action": "assign", "editor": editor.user.pk, "sections": "Sport, Politik ,,"},
    )
    assert response.status_code == 302
    assert sorted(EditorSection.objects.filter(editor=editor.user).values_list("section", flat=True)) == [
        "Politik",
        "Sport",
    ]
    client.post(
        "/moderation/sections/",
        {"action": "group", "name": "Wahlabend", "articles": [articles["p-1"].pk, articles["p-2"].pk]},
    )
    group = StoryGroup.objects.get()
    assert sorted(group.articles.values_list("external_id", flat=True)) == ["p-1", "p-2"]
    client.post("/moderation/sections/", {"action": "delete_group", "group": group.pk})
    assert not StoryGroup.objects.exists()
    assert [e.action for e in AuditEntry.objects.order_by("pk")] == [
        "sections.assign",
        "stories.save",
        "stories.delete",
    ]
    assert AuditEntry.objects.filter(actor=senior).count() == 3


def test_plain_editors_may_filter_but_not_assign_sections(make_client, editor, newsroom):
    client = make_client(editor.user)
    assert client.get("/moderation/sections/").status_code == 403
    refused = client.post(
        "/moderation/sections/", {"action": "assign", "editor": editor.user.pk, "sections": "Sport"}
    )
    assert refused.status_code == 403
    assert not EditorSection.objects.exists()
    assert 'id="tab-sections"' not in queue(client)


def test_the_sections_page_needs_csrf_and_escapes_names(make_client, senior, editor, newsroom):
    strict = make_client(senior, enforce_csrf_checks=True)
    assert (
        strict.post("/moderation/sections/", {"action": "group", "name": "x", "articles": []}).status_code
        == 403
    )
    client = make_client(senior)
    client.post("/moderation/sections/", {"action": "group", "name": "<b>Eil</b>", "articles": []})
    html = client.get("/moderation/sections/").content.decode()
    assert "<b>Eil</b>" not in html and "&lt;b&gt;Eil&lt;/b&gt;" in html
    duplicate = client.post("/moderation/sections/", {"action": "group", "name": "<b>Eil</b>"}, follow=True)
    assert "Eine Gruppe dieses Namens gibt es schon." in duplicate.content.decode()
    assert StoryGroup.objects.count() == 1


def test_the_filter_survives_a_bulk_decision(make_client, editor, newsroom):
    _articles, comments = newsroom
    client = make_client(editor.user)
    response = client.post(
        "/moderation/bulk",
        {"action": "release", "ids": [comments[("s-1", 1)].pk], "query": "section=Sport&group=&order=triage"},
    )
    assert response.status_code == 302 and "section=Sport" in response["Location"]
    html = queue(client, section="Sport")
    assert shown_ids(html) == [comments[("s-1", 2)].pk] and heading_count(html) == 1


def test_the_article_menu_lists_only_the_chosen_sections_articles(make_client, editor, newsroom):
    client = make_client(editor.user)
    politics = queue(client, section="Politik")
    menu = re.search(r'<select name="article">(.*?)</select>', politics, re.S).group(1)
    assert "Artikel p-1 (2)" in menu and "Artikel p-2 (2)" in menu
    assert "Artikel s-1" not in menu and "Artikel x-1" not in menu
    everything = re.search(r'<select name="article">(.*?)</select>', queue(client, section=""), re.S).group(1)
    assert "Artikel s-1 (2)" in everything and "Artikel x-1 (2)" in everything


def outlook_of(html):
    """(time to clear, oldest waiting, promises broken) as the queue page states them."""
    clear, oldest = re.search(
        r"in etwa (.+?) abgearbeitet.*?wartet seit (.+?)\.(?:\s|<)", html, re.S
    ).groups()
    broken = re.search(r"(\d+) Kommentare? warte", html)
    return clear, oldest, int(broken.group(1)) if broken else 0


def test_the_outlook_follows_the_section_and_the_group_of_stories(make_client, editor, senior, newsroom):
    """Time to clear, the oldest comment and broken promises count the queue being worked."""
    articles, comments = newsroom
    for _ in range(40):  # a long Sport queue, hours old, its promises broken
        submit_comment(articles["s-1"], body="Noch ein Kommentar zum Spiel.", author_name="Fan")
    sport = Comment.objects.filter(article=articles["s-1"])
    sport.update(
        created_at=timezone.now() - timedelta(hours=3),
        wait_promised_until=timezone.now() - timedelta(hours=1),
    )
    client = make_client(editor.user)
    everything, politics = outlook_of(queue(client)), outlook_of(queue(client, section="Politik"))
    assert everything[1] == "3.0 h" and everything[2] == sport.count()
    assert politics[1] != "3.0 h" and politics[2] == 0
    assert everything[0] != politics[0]  # 48 comments take longer than 4
    group = save_story_group("Spieltag", [articles["s-1"].pk], actor=senior)
    stories = outlook_of(queue(client, group=group.pk))
    assert stories[1:] == ("3.0 h", sport.count())
    assert stories[0] not in (everything[0], politics[0])  # 42 of the 48 comments
