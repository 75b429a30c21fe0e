import pytest

from freigabe.assessment import assess
from freigabe.assessment.features import prepare
from freigabe.assessment.rules.insinuation import score_insinuation


def insinuation(comment):
    return assess(comment).rules["insinuation"]


def cues(comment):
    return score_insinuation(comment, prepare(comment))


@pytest.mark.parametrize(
    "comment",
    [
        "Gekaufte Presse, mehr muss man dazu nicht sagen.",
        "Typisch Lügenpresse.",
        "Die Systemmedien berichten wieder einseitig.",
        "Die lügen doch alle.",
        "Die Ministerin ist doch nur eine Marionette der Konzerne.",
        "Alles gleichgeschaltet hier.",
        "Bezahlte Trolle überall in den Kommentaren.",
        "Das ist doch von oben gesteuert.",
        "Man darf ja heutzutage nichts mehr sagen.",
        "Die gekauften Journalisten verschweigen das natürlich.",
    ],
)
def test_accusations_of_bad_faith_are_flagged(comment):
    rule = insinuation(comment)
    assert rule.score >= 0.5
    assert all(comment[e.start : e.end] == e.text for e in rule.evidence)


def test_several_cues_reinforce_each_other():
    # The cues alone (the model, which learnt insinuation too, judges "Wem nützt es?" by itself).
    single = cues("Wem nützt es?").score
    combined = cues("Wem nützt es? Zufall? Wohl kaum. Das weiß doch jeder.").score
    assert single < 0.5 < combined


@pytest.mark.parametrize(
    "comment",
    [
        "Die Presse hat hier sauber recherchiert, danke.",
        "Ich habe die Zahlen nachgerechnet, sie stimmen.",
        "Die Regierung sollte die Förderung nicht kürzen.",
        "Der Minister hat im Interview gelogen, das belegt das Protokoll der Sitzung vom 3. Mai.",
    ],
)
def test_ordinary_criticism_is_not_insinuation(comment):
    assert insinuation(comment).score < 0.5
