import json
import subprocess
import sys

import pytest

from freigabe.assessment import RULE_CODES, assess

ARTICLE = (
    "Stadtrat beschließt neue Radwege in der Innenstadt\n\n"
    "Der Stadtrat hat am Montag beschlossen, bis 2028 insgesamt 12 Kilometer geschützte Radwege "
    "in der Innenstadt zu bauen. Dafür fallen rund 400 Parkplätze weg. Der Einzelhandel befürchtet "
    "weniger Kundschaft, der Fahrradclub lobt den Beschluss."
)


def test_the_dict_has_exactly_the_contract_shape():
    result = assess(
        "Die Radwege sind überfällig, 400 Parkplätze sind verkraftbar.", article=ARTICLE
    ).to_dict()
    assert set(result) == {"model_version", "decision", "rules"}
    assert result["decision"] in ("release", "review", "reject")
    assert set(RULE_CODES) <= set(result["rules"])
    for rule in result["rules"].values():
        assert set(rule) == {"score", "evidence"}
        assert 0.0 <= rule["score"] <= 1.0
    json.dumps(result)  # serialisable as is


def test_a_plain_relevant_comment_is_released():
    result = assess("Die Radwege sind überfällig, 400 Parkplätze weniger sind verkraftbar.", article=ARTICLE)
    assert result.decision == "release"
    assert max(rule.score for rule in result.rules.values()) < 0.5


@pytest.mark.parametrize(
    "comment",
    [
        "Du bist ein A r s c h l o c h und ein Id1ot!",
        "Gekaufte Lügenpresse, die wollen doch nur ablenken. Zufall? Wohl kaum.",
        "Jetzt kaufen: www.billig-uhren-shop.de mit 50 % Rabatt, klick hier!",
        "Die gehören alle an die Wand gestellt, dieses Pack.",
    ],
)
def test_evidence_offsets_index_the_original_text(comment):
    result = assess(comment, article=ARTICLE).to_dict()
    spans = [item for rule in result["rules"].values() for item in rule["evidence"]]
    assert spans, "a rule-breaking comment must come with evidence"
    for item in spans:
        assert 0 <= item["start"] < item["end"] <= len(comment)
        assert comment[item["start"] : item["end"]] == item["text"]
        assert item["why"]


def test_thresholds_change_the_decision():
    # A comment in between (scores of 0.2-0.5). "Das ist doch alles Propaganda." was one until
    # the model of 1 Dec 2026, whose moved operating point scores it insult 0.55 (model card);
    # "Das ist doch alles nur Gerede." until the model learnt insinuation (0.48 now).
    comment = "So ein Unsinn, ehrlich."
    default = assess(comment)
    strict = assess(comment, thresholds={"review": 0.2, "reject": 0.95})
    assert default.decision == "release"
    assert strict.decision == "review"


def test_insinuation_alone_is_never_rejected_automatically():
    result = assess(
        "Lügenpresse! Gleichgeschaltete Systemmedien, gekaufte Journalisten, alles von oben gesteuert."
    )
    assert result.rules["insinuation"].score > 0.9
    assert result.decision == "review"


def test_the_package_does_not_import_django():
    code = "import sys, freigabe.assessment as a; a.assess('Hallo'); print('django' in sys.modules)"
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert output.stdout.strip() == "False"


@pytest.mark.parametrize(
    "comment",
    [
        "",
        "   \n\t ",
        "😀😀😀🔥🔥",
        "Это обычный комментарий на русском языке.",
        "This is a perfectly normal English comment about bike lanes.",
        "\x00\x01\x02 Kontroll\x7fzeichen \u202e umgedreht \ufeff",
        "Иdiot und Vоllidiot",
        "x" * 5000,
        ("Ein ganz normaler Satz über Radwege in der Innenstadt. " * 2000)[:100_000],
        "\ud800 halbe Surrogate",
    ],
)
def test_odd_input_never_crashes(comment):
    result = assess(comment, article=ARTICLE, parent="Und was ist mit den Parkplätzen?").to_dict()
    assert result["decision"] in ("release", "review", "reject")
    for rule in result["rules"].values():
        assert 0.0 <= rule["score"] <= 1.0
        for item in rule["evidence"]:
            assert comment[item["start"] : item["end"]] == item["text"]


def test_empty_and_emoji_comments_are_harmless():
    for comment in ("", "😀👍"):
        result = assess(comment, article=ARTICLE)
        assert result.decision == "release"


def test_none_article_and_bytes_are_accepted():
    assert assess(b"Danke f\xc3\xbcr den Artikel", article=None, parent=None).decision == "release"


def test_a_lookalike_insult_is_caught():
    assert assess("Du bist ein Иdiot").rules["insult"].score >= 0.5
