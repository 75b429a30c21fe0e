"""A prejudice the comment rejects is not hate; the same prejudice asserted still is.

Forms the context analysis learnt in December 2026: "es stimmt (einfach) nicht, dass ...",
"nicht alle X sind Y", and a rejection after the claim ("X, das ist ein Vorurteil"); then a
group that does not do or is not what a prejudice says ("Polen klauen keine Autos", judged by
what the sentence says without its negation), and any claim about a group the comment
rejects, unless the claim grants the group something ("Es ist falsch, dass Muslime hier
Rechte haben" denies them that).
"""

import pytest

from freigabe.assessment import assess


@pytest.mark.parametrize(
    "comment",
    [
        "Es stimmt einfach nicht, dass Roma stehlen.",
        "Nicht alle Muslime sind Terroristen, das ist Unsinn.",
        "Juden kontrollieren nicht die Banken, das ist ein antisemitischer Mythos.",
        "Dass Ausländer faul seien, ist ein Vorurteil, das ich nicht teile.",
        "Roma stehlen, das ist ein Vorurteil.",
        "Rumänen klauen keine Fahrräder.",
        "Araber sind nicht gewalttätiger als Deutsche.",
        "Obdachlose sind keine Säufer, viele haben einfach ihre Wohnung verloren.",
        "Muslime sind keine Gefahr für unsere Demokratie.",
        "Frauen sind nicht zu emotional für Führungspositionen.",
        "Ist doch Unsinn, dass Juden alle reich sind.",
        "Es ist einfach nicht wahr, dass Schwule nur an Sex denken.",
    ],
)
def test_a_rejected_prejudice_is_released(comment):
    result = assess(comment)
    assert result.rules["aggression"].score < 0.5
    assert result.decision == "release"


@pytest.mark.parametrize(
    "comment",
    [
        "Roma stehlen, das ist die Wahrheit.",
        "Muslime sind Terroristen, das ist kein Vorurteil.",
        "Alle Muslime sind Terroristen.",
        "Roma stehlen. Das ist so.",
        "Rumänen klauen Fahrräder.",
        "Araber sind gewalttätiger als Deutsche.",
        "Frauen sind zu emotional für Führungspositionen.",
        # negations that deny a group something good are hate themselves
        "Muslime sind keine Menschen.",
        "Frauen sind keine vollwertigen Menschen.",
        "Es ist falsch, dass Muslime hier Rechte haben.",
        "Türken sind nicht kriminell, sondern faul.",
        # prejudice as shorthand, exclusion and loaded questions
        "Rumänen = Taschendiebe.",
        "Afghanen sollte man sofort ausweisen.",
        "Warum sind fast alle Vergewaltiger Afghanen?",
        "Trans Frauen sind in Wahrheit verkleidete Männer.",
        "Muslime sollten keine öffentlichen Ämter bekleiden dürfen.",
        "Ossis sind nun mal geistig zurückgeblieben.",
    ],
)
def test_the_same_prejudice_asserted_is_flagged_as_aggression(comment):
    result = assess(comment)
    assert result.rules["aggression"].score >= 0.5
    assert result.decision != "release"


@pytest.mark.parametrize(
    "comment, claim",
    [
        ("Roma stehlen, das ist ein Vorurteil.", "Roma stehlen"),
        ("Rumänen klauen keine Fahrräder.", "Rumänen klauen"),
    ],
)
def test_the_rejected_claim_is_shown_to_the_editor_as_not_counted(comment, claim):
    result = assess(comment)
    mitigations = [item for item in result.rules["aggression"].evidence if "nicht gewertet" in item.why]
    assert any(claim in item.text for item in mitigations)


@pytest.mark.parametrize(
    "comment, code",
    [
        ("Die Umvolkung läuft doch längst, man sieht es an jeder Schule.", "Umvolkung"),
        ("Unsere Goldstücke haben wieder zugeschlagen.", "Goldstücke"),
        ("Remigration jetzt!", "Remigration"),
        ("Wer von Umvolkung redet, hat recht.", "Umvolkung"),
    ],
)
def test_code_words_of_far_right_hate_go_to_review_with_the_reason(comment, code):
    result = assess(comment)
    assert result.rules["aggression"].score >= 0.5
    assert result.decision != "release"
    reasons = {item.text: item.why for item in result.rules["aggression"].evidence}
    assert reasons.get(code) == "Codewort rechter Hetze"


@pytest.mark.parametrize(
    "comment",
    [
        "Der Begriff Remigration ist ein rechtsextremer Euphemismus.",
        "Wer von Umvolkung redet, verbreitet einen rassistischen Mythos.",
        "Unsere Tochter ist ein Goldstück.",
    ],
)
def test_code_words_named_to_oppose_them_and_endearments_are_no_aggression(comment):
    result = assess(comment)
    assert result.rules["aggression"].score < 0.5
    assert "Codewort rechter Hetze" not in [item.why for item in result.rules["aggression"].evidence]
