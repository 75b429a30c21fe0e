"""Issue 12 points 5-8: threats rank as aggression, insinuations, obfuscation, advertising."""

import pytest

from freigabe.assessment import assess


def _top_rule(assessment):
    return max(assessment.rules, key=lambda code: assessment.rules[code].score)


@pytest.mark.parametrize(
    "comment, why",
    [
        ("Wir kommen und regeln das mit euch.", "Drohung"),
        ("Ihr werdet schon sehen, was passiert.", "Drohung"),
        ("Man weiß, wo du wohnst.", "Drohung"),
        ("Ich bringe dich um, du Idiot.", "Drohung"),
        ("Solche Leute gehören an die Wand gestellt, diese Idioten.", "Gewaltaufruf"),
        ("Schlagt die Idioten tot!", "Gewaltaufruf"),
    ],
)
def test_threats_and_calls_to_violence_rank_aggression_first(comment, why):
    result = assess(comment)
    assert _top_rule(result) == "aggression"
    assert result.decision != "release"
    assert why in [item.why for item in result.rules["aggression"].evidence]


@pytest.mark.parametrize(
    "comment, why",
    [
        ("Ich schlag dir den Schädel ein, du Wurm.", "Drohung"),
        ("Dem Autor polier ich persönlich die Nase, wenn ich ihn sehe.", "Drohung"),
        ("Ich zünde euer Asylheim an.", "Drohung"),
        ("Eines Tages stehen wir vor deiner Tür.", "Drohung"),
        ("Wir wissen, wann deine Kinder aus der Schule kommen.", "Drohung"),
        ("Noch so ein Artikel und es knallt.", "Drohung"),
        ("Du wirst dir noch wünschen, das nie geschrieben zu haben.", "Drohung"),
        ("Bald brennt eure Moschee.", "Drohung"),
        ("Schlagt die Journalisten, wo ihr sie trefft.", "Gewaltaufruf"),
        ("Am besten erschießt man die gleich an der Grenze.", "Gewaltaufruf"),
        ("Ich wünsche dem Minister einen qualvollen Tod.", "Gewaltaufruf"),
        ("Zündet die Unterkunft an!", "Gewaltaufruf"),
    ],
)
def test_threats_in_other_words_and_word_orders(comment, why):
    result = assess(comment)
    assert _top_rule(result) == "aggression"
    assert why in [item.why for item in result.rules["aggression"].evidence]


@pytest.mark.parametrize(
    "comment",
    [
        "Schlagt die Sahne steif und gebt dann den Zucker dazu.",
        "Wir stehen mit Blumen vor deiner Tür, mach auf!",
        "Ich warte vor dem Rathaus auf die Ergebnisse.",
        "Unbekannte zündeten in der Nacht die leere Unterkunft an, berichtet die Polizei.",
        "Ich würde nie jemandem den Schädel einschlagen, auch wenn ich wütend bin.",
        "Beim Training habe ich mir den Finger gebrochen, ärgerlich vor dem Derby.",
        "Ich wünsche niemandem den Tod, auch diesem Minister nicht.",
    ],
)
def test_violent_words_without_a_threat_stay_below_review(comment):
    assert assess(comment).rules["aggression"].score < 0.5


def test_a_negated_threat_is_no_threat():
    result = assess("Niemand sollte einen anderen Menschen umbringen.")
    assert result.rules["aggression"].score < 0.5


@pytest.mark.parametrize(
    "comment",
    [
        "Die Redaktion wird das sowieso löschen, weil sie kontrolliert wird.",
        "Die wollen doch nur von ihrem eigenen Versagen ablenken.",
        "Jeder weiß, dass das nur ein Vorwand ist.",
        "Hier schreiben doch nur bezahlte Trolle.",
    ],
)
def test_insinuations_are_caught_with_evidence(comment):
    rule = assess(comment).rules["insinuation"]
    assert rule.score >= 0.5 and rule.evidence


def test_a_bidi_reversed_insult_is_read_as_shown_and_flagged():
    comment = "Du bist ein \u202etoidilloV\u202c"
    result = assess(comment)
    assert result.rules["insult"].score >= 0.5
    assert result.decision != "release"
    other = result.rules["other"]
    assert other.score >= 0.5 and "Bidi" in other.evidence[0].why
    evidence = [item for item in result.rules["insult"].evidence if item.text]
    assert all(comment[item.start : item.end] == item.text for item in evidence)


@pytest.mark.parametrize(
    "comment",
    [
        "I\u0336d\u0336i\u0336o\u0336t\u0336 bist du.",
        "Du bist ein Id\u200biot.",
        "Du bist ein Vо\u0301llidiot.",
    ],
)
def test_combining_marks_and_zero_width_characters_do_not_hide_insults(comment):
    assert assess(comment).rules["insult"].score >= 0.5


@pytest.mark.parametrize(
    "article", [None, "Stadt plant neue Straßenbahn\n\nDie Linie 4 soll verlängert werden."]
)
def test_a_comment_that_is_mostly_a_commercial_link_is_advertising(article):
    result = assess("Billige Uhren hier: www.uhren-billig.example", article=article)
    assert result.rules["advertising"].score >= 0.5


def test_the_publishers_own_domain_stays_exempt():
    result = assess(
        "Mehr dazu: https://www.zeitung.example/lokales/123",
        site_policy={"site_domains": ["zeitung.example"]},
    )
    assert result.rules["advertising"].score < 0.1
