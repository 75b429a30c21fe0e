import pytest

from freigabe.assessment import assess

ARTICLE = (
    "Wärmepumpen: Förderung sinkt ab Januar\n\n"
    "Wer eine alte Gasheizung durch eine Wärmepumpe ersetzt, bekommt ab Januar weniger Zuschuss. "
    "Die Grundförderung sinkt von 30 auf 25 Prozent. Handwerksbetriebe berichten von stornierten Aufträgen. "
    "Anträge sollten noch vor dem Jahreswechsel bei der KfW gestellt werden."
)


def off_topic(comment, article=ARTICLE, parent=None):
    return assess(comment, article=article, parent=parent).rules["off_topic"]


@pytest.mark.parametrize(
    "comment",
    [
        "Die Kürzung der Förderung für Wärmepumpen kommt zur falschen Zeit.",
        "25 Prozent sind immer noch ordentlich, ich stelle meinen Antrag noch im Dezember.",
        "Unser Heizungsbauer hat auch zwei stornierte Aufträge.",
    ],
)
def test_a_comment_on_the_article_is_on_topic(comment):
    assert off_topic(comment).score < 0.3


@pytest.mark.parametrize(
    "comment",
    [
        "Mein Hund hat heute im Garten einen Maulwurf gefangen und danach stolz herumgetragen.",
        "Hat jemand ein gutes Rezept für Zwetschgenkuchen? Meiner wird immer zu matschig.",
        "Die Nationalmannschaft spielt seit Jahren schlecht, der Trainer muss endlich weg.",
    ],
)
def test_a_comment_about_something_else_is_off_topic(comment):
    rule = off_topic(comment)
    assert rule.score >= 0.5
    assert "Inhaltswörtern" in rule.evidence[0].why


@pytest.mark.parametrize("reply", ["Sehe ich genauso.", "Danke für den Hinweis!", "Volle Zustimmung."])
def test_short_conversational_replies_are_not_off_topic(reply):
    assert off_topic(reply, parent="Die KfW-Anträge dauern ewig.").score < 0.2


def test_a_reply_is_judged_against_its_parent_too():
    parent = "Kennt jemand einen guten Schornsteinfeger im Landkreis?"
    reply = "Unser Schornsteinfeger aus dem Landkreis ist sehr zuverlässig und günstig."
    assert off_topic(reply, parent=parent).score < 0.3
    assert off_topic(reply).score > off_topic(reply, parent=parent).score


def test_without_an_article_the_rule_stays_low():
    assert off_topic("Mein Hund hat heute einen Maulwurf gefangen.", article=None).score < 0.1


def test_compound_words_count_as_a_reference():
    assert off_topic("Diese Wärmepumpenförderung ist viel zu kompliziert geregelt.").score < 0.5
