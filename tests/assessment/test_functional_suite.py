"""The German functional suite (freigabe/assessment/functional): per functionality >= 0.85.

The suite runs the shipped assessor on every case (about 2,400, a second or two).
"""

import pytest

from freigabe.assessment import assess
from freigabe.assessment.functional import cases, passes, run_suite, wilson_interval

MIN_ACCURACY = 0.85


@pytest.fixture(scope="module")
def report():
    return run_suite()


def test_the_suite_has_enough_cases_and_functionalities():
    built = cases()
    assert len(built) >= 1500
    assert len({case.functionality for case in built}) >= 25
    assert any(case.held_out for case in built) and not all(case.held_out for case in built)
    assert cases() == built  # deterministic


def test_every_functionality_reaches_the_accuracy_floor(report):
    low = {
        name: (round(entry["accuracy"], 3), entry["failures"])
        for name, entry in report["functionalities"].items()
        if entry["accuracy"] < MIN_ACCURACY
    }
    assert not low, low


def test_the_report_has_counts_and_intervals(report):
    for entry in report["functionalities"].values():
        low, high = entry["interval"]
        assert 0 <= low <= entry["accuracy"] <= high <= 1
    assert report["slices"]["tuning"]["n"] + report["slices"]["held_out"]["n"] == report["n"]


def test_a_suite_against_an_assessor_that_releases_everything_fails():
    def release_all(text, **options):
        return {"rules": {"insult": {"score": 0.0}, "aggression": {"score": 0.0}}}

    result = run_suite(release_all)
    assert result["functionalities"]["threat_veiled"]["accuracy"] == 0.0
    assert result["functionalities"]["identity_positive"]["accuracy"] == 1.0


def test_threat_cases_need_aggression_first():
    case = next(case for case in cases() if case.functionality == "threat_direct")
    insult_first = {"rules": {"insult": {"score": 0.95}, "aggression": {"score": 0.9}}}
    assert not passes(case, insult_first)
    assert passes(case, assess(case.text).to_dict())


def test_wilson_interval_matches_a_known_value():
    low, high = wilson_interval(85, 100)
    assert low == pytest.approx(0.7672, abs=1e-3) and high == pytest.approx(0.9069, abs=1e-3)
