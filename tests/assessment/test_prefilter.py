"""The literal pre-checks never skip a pattern that would match.

`required_literals` lets the detectors skip a regex scan when the text lacks the
literals every match must contain. If it derived a literal wrongly, a cue would
silently stop firing; so for every cue pattern of the assessor, texts generated to
match the pattern (hypothesis' from_regex) must pass the pre-check.
"""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from freigabe import assessment
from freigabe.assessment.lexicon import DEFAULT_LEXICON
from freigabe.assessment.prefilter import GuardedPattern, may_match, required_literals
from freigabe.assessment.rules import advertising, insinuation, off_topic

CUES = (
    [guarded for guarded, *_ in insinuation._COMPILED]
    + [guarded for guarded, *_ in advertising._PROMO]
    + [guarded for phrases in DEFAULT_LEXICON._phrases.values() for guarded, *_ in phrases]
    + [off_topic._ABOUT_THE_ARTICLE, assessment.features._PLURAL_TARGET]
)


@pytest.mark.parametrize("cue", CUES, ids=lambda cue: cue.pattern.pattern[:40])
def test_texts_that_match_a_cue_pass_its_pre_check(cue):
    pattern = cue.pattern

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.from_regex(pattern), st.text(alphabet="ab .", max_size=5), st.text(alphabet="ab .", max_size=5))
    def check(match, before, after):
        text = f"{before} {match} {after}"
        if pattern.search(text):  # from_regex may ignore a lookaround or \b
            assert cue.search(text), text

    check()


@pytest.mark.parametrize(
    "pattern, text",
    [
        (r"\b(die|alle) (luegen|betruegen) (doch|nur)\b", "ach, alle luegen nur"),
        (r"\bjetzt (kaufen|bestellen)", "jetzt bestellen!"),
        (r"\b(ge|er)kauft\w* (presse|medien)", "gekaufte medien"),
    ],
)
def test_joined_fixed_strings_are_required_literals(pattern, text):
    groups = required_literals(pattern)
    assert groups is not None
    assert re.search(pattern, text)
    assert may_match(groups, text)
    # Joined across adjacent elements: the pieces alone, out of order, no longer pass.
    assert not may_match(groups, " ".join(reversed(text.split())))


def test_a_string_containing_another_of_its_group_is_left_out():
    assert required_literals(r"(www\.)?shop\.(de|com)") == (("shop.com", "shop.de"),)


def test_a_pattern_that_needs_no_literal_gets_none():
    assert required_literals(r"\w+@\w+|\d{3}") is None
    assert required_literals(re.compile("abc", re.IGNORECASE)) is None


def test_a_guarded_pattern_skips_only_texts_without_its_literals():
    cue = GuardedPattern(r"\bjetzt (kaufen|bestellen)")
    assert cue.search("Jetzt bestellen".lower()).group(0) == "jetzt bestellen"
    assert [match.group(0) for match in cue.finditer("jetzt kaufen, jetzt bestellen")] == [
        "jetzt kaufen",
        "jetzt bestellen",
    ]
    assert cue.search("jetzt nicht") is None and list(cue.finditer("kaufen")) == []
