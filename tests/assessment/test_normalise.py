import pytest

from freigabe.assessment.normalise import normalise


@pytest.mark.parametrize(
    "written, expected",
    [
        ("Id1ot", "idiot"),
        ("A r s c h", "arsch"),
        ("D.u.m.m", "dumm"),
        ("Idiooooot", "idiot"),
        ("Иdiot", "idiot"),  # Cyrillic И and a Latin rest
        ("Vоllidiot", "vollidiot"),  # Cyrillic о
        ("V3rs4ger", "versager"),
        ("Straße", "strasse"),
        ("Ärger über Öl", "aerger ueber oel"),
        ("Ke\u200bks", "keks"),  # zero-width space
    ],
)
def test_it_undoes_spelling_tricks(written, expected):
    assert normalise(written).text == expected


def test_it_keeps_numbers_and_punctuation_that_are_not_leetspeak():
    assert normalise("covid19, G20 und 1990er!").text == "covid19, g20 und 1990er!"
    assert normalise("Du Idiot!").text == "du idiot!"


def test_every_normalised_character_points_into_the_original():
    original = "Ein A r s c h, Id1ot und Straße\x00 mit Иdiot."
    normalised = normalise(original)
    assert len(normalised.origin) == len(normalised.text)
    assert all(0 <= index < len(original) for index in normalised.origin)
    assert list(normalised.origin) == sorted(normalised.origin)
    start = normalised.text.index("arsch")
    assert normalised.original_span(start, start + 5) == (original.index("A r"), original.index("h,") + 1)


@pytest.mark.parametrize(
    "written, expected, origin",
    [
        # Written down from the implementation before the speed work (regex scans), which the
        # substring pre-checks and class-string scans must reproduce exactly.
        (
            "Iddiooot und V3rs4g3r, 1d10t!! www.sh0p.de",
            "iddiot und versager, 1d10t!! w.shop.de",
            [0, 1, 2, 3, 4, 7, *range(8, 32), *range(34, 42)],
        ),
        (
            "a.b.c d-e-f Schifffahrt 2024 covid19 a$$hole",
            "abc def schifahrt 2024 covid19 asshole",
            [0, 2, 4, 5, 6, 8, 10, 11, 12, 13, 14, 15, 16, *range(19, 44)],
        ),
    ],
)
def test_several_tricks_in_one_text_keep_their_offsets(written, expected, origin):
    normalised = normalise(written)
    assert normalised.text == expected
    assert normalised.origin.tolist() == origin
