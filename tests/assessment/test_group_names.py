"""Naming a group is not an insult, and saying something good of it is not hate.

The insult rule learns without group names (train.Settings.insult_without_group_names), and a
comment that only speaks well of a group, in one clause and negating nothing, is read as if
no group were named (rules/context.speaks_well_of_group).
"""

import pytest
from sklearn.feature_extraction.text import CountVectorizer

from freigabe.assessment import assess
from freigabe.assessment.features import word_ngrams
from freigabe.assessment.model_store import get_model
from freigabe.assessment.train import _group_name_terms


def test_word_and_character_ngrams_of_group_names_are_found():
    texts = ["der islam und die moschee", "die lampe am islamplatz", "eine lampe und eine lampe"]
    counts = CountVectorizer(analyzer=word_ngrams).fit(texts)
    word_terms = counts.get_feature_names_out()
    char_terms = ["isla", "lamp", "osch", "amp"]
    naming, char_naming = _group_name_terms(word_terms, counts.transform(texts), char_terms)
    named = {term for term, flag in zip(word_terms, naming) if flag}
    assert {"islam", "moschee", "der islam", "islam und", "die moschee", "islamplatz"} <= named
    assert "lampe" not in named and "der" not in named
    # "isla" comes only from group names; "lamp" and "amp" mostly from lamps.
    assert dict(zip(char_terms, char_naming)) == {"isla": True, "lamp": False, "osch": True, "amp": False}


def test_the_shipped_insult_rule_gives_group_names_no_weight_and_aggression_keeps_them():
    model = get_model()
    column = model._word_index["islam"]
    insult, aggression = model.rules.index("insult"), model.rules.index("aggression")
    assert model._weights[column, insult] == 0.0
    assert model._weights[column, aggression] != 0.0
    assert model._weights[model._word_index["idioten"], insult] > 0.0


@pytest.mark.parametrize(
    "comment",
    [
        "Der Koran ist die heilige Schrift im Islam.",
        "Der Islam ist eine Weltreligion.",
        "Juden gehören zu Deutschland.",
        "Ich bin eine schwarze Frau und stolz darauf.",
        "Trans Frauen sind Frauen.",
        "Wir sind eine Gruppe schwuler Männer aus Köln.",
        "Behinderte Menschen bereichern unser Team.",
    ],
)
def test_plain_and_good_words_about_a_group_are_released(comment):
    result = assess(comment)
    assert result.decision == "release", {code: rule.score for code, rule in result.rules.items()}


@pytest.mark.parametrize(
    "comment",
    [
        "Muslime sind toll, solange sie weit weg bleiben.",
        "Schwarze sind toll, als Sklaven.",
        "Ich bin stolz, dass wir die Ausländer rausgeworfen haben.",
        "Frauen gehören zu Hause an den Herd.",
        "Ihr Muslime seid alle Idioten.",
        "Scheiß Türken.",
    ],
)
def test_hate_dressed_in_good_words_is_still_held(comment):
    assert assess(comment).decision != "release"


def test_asking_those_who_shout_a_slogan_to_think_is_counter_speech():
    result = assess("Wer hier „Ausländer raus“ schreibt, sollte mal nachdenken, wen er damit meint.")
    assert result.decision == "release"


@pytest.mark.parametrize(
    "comment, why",
    [
        ("Chinesen sind dreckig und verlogen.", "abwertende Verallgemeinerung über eine Gruppe"),
        ("Pakistaner sind alle Betrüger und Diebe.", "abwertende Verallgemeinerung über eine Gruppe"),
        ("Transsexuelle sind krank.", "abwertende Verallgemeinerung über eine Gruppe"),
        ("In Italien war es schön, aber diese Pastafresser nerven.", "Schimpfwort gegen eine Gruppe"),
        ("Die Nigger sollen zurück nach Afrika.", "Schimpfwort gegen eine Gruppe"),
    ],
)
def test_groups_and_slurs_beyond_the_first_list_are_found_with_evidence(comment, why):
    aggression = assess(comment).rules["aggression"]
    assert aggression.score >= 0.85
    assert why in {item.why for item in aggression.evidence}


@pytest.mark.parametrize(
    "comment",
    [
        "Viele Chinesen feiern im Februar das Neujahrsfest.",
        "Die Italiener in unserer Straße haben ein neues Eiscafé eröffnet.",
        "Gehörlose Menschen können im Rathaus jetzt einen Dolmetscher bestellen.",
    ],
)
def test_naming_the_newly_listed_groups_is_no_hate(comment):
    assert assess(comment).decision == "release"
