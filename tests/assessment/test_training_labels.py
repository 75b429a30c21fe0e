"""How our own sentences become training labels (train.load_augmentation, rule_labels)."""

import numpy as np

from freigabe.assessment.train import EXCLUDED, SETTINGS, Corpus, load_augmentation, rule_labels


def _write(directory, name, text):
    (directory / name).write_text(text, encoding="utf-8")


def test_a_file_without_an_insinuation_column_counts_its_harmless_rows_and_threats_as_negatives(tmp_path):
    _write(
        tmp_path,
        "augment_threats_x.csv",
        "text,insult,aggression,kind\nWir kriegen dich.,,1,threat\nDer Zug kommt um acht.,0,0,harmless\n",
    )
    _write(tmp_path, "augment_groups_x.csv", "text,insult,aggression,kind\nDu Depp.,1,0,insult\n")
    labels = {text: (insinuation, source) for text, _, _, insinuation, source in load_augmentation(tmp_path)}
    assert labels["Wir kriegen dich."] == (0, "threats")
    assert labels["Der Zug kommt um acht."] == (0, "threats")
    assert labels["Du Depp."] == (EXCLUDED, "augment")  # an insult may or may not insinuate


def test_an_empty_insinuation_cell_says_nothing(tmp_path):
    _write(
        tmp_path,
        "augment_hate_x.csv",
        "text,insult,aggression,insinuation,kind\n"
        "Die Muslime am Markt verkaufen gutes Obst.,0,0,,contrast\n"
        "Die sind alle kriminell.,,1,,stereotype\n"
        "Die Zeitung ist gekauft.,,,1,insinuation\n",
    )
    labels = {text: insinuation for text, _, _, insinuation, _ in load_augmentation(tmp_path)}
    assert labels == {
        "Die Muslime am Markt verkaufen gutes Obst.": EXCLUDED,
        "Die sind alle kriminell.": EXCLUDED,
        "Die Zeitung ist gekauft.": 1,
    }


def test_our_insinuations_are_aggression_negatives_unless_labelled_otherwise():
    corpus = Corpus(
        texts=["gekauft", "gekauft und bedroht", "neutral"],
        sources=["augment", "augment", "augment"],
        labels={
            "insult": np.array([EXCLUDED, EXCLUDED, 0]),
            "aggression": np.array([EXCLUDED, 1, 0]),
            "insinuation": np.array([1, 1, 0]),
        },
    )
    assert rule_labels(corpus, "aggression", SETTINGS).tolist() == [0, 1, 0]
