"""Our labelled threat/insinuation/advertising comments on nine articles we wrote.

`house_rules_threats_insinuation.csv` (100 comments, six articles) was used while
writing the detectors; `..._heldout.csv` (60 comments, three more articles) was
written afterwards and scored once. The floors below are what they gave, a little
lower, so a regression fails.
"""

import csv
import json
from pathlib import Path

import pytest

from freigabe.assessment import assess

DATA = Path(__file__).resolve().parents[2] / "freigabe" / "assessment" / "data"
ARTICLES = json.loads((DATA / "articles.json").read_text(encoding="utf-8"))


def _scored(name):
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    scored = []
    for row in rows:
        article = ARTICLES[row["article_id"]]
        scored.append(
            (row, assess(row["text"], article=f"{article['title']}\n\n{article['body']}").to_dict())
        )
    return scored


def _recall_and_false_positives(scored, rule):
    hits = [assessment["rules"][rule]["score"] >= 0.5 for row, assessment in scored if row[rule] == "1"]
    false = [assessment["rules"][rule]["score"] >= 0.5 for row, assessment in scored if row[rule] == "0"]
    return sum(hits) / len(hits), sum(false)


@pytest.mark.parametrize(
    "name, floors",
    [
        ("house_rules_threats_insinuation.csv", {"insinuation": 0.9, "aggression": 0.9, "advertising": 0.8}),
        (
            "house_rules_threats_insinuation_heldout.csv",
            {"insinuation": 0.6, "aggression": 0.7, "advertising": 0.75},
        ),
    ],
)
def test_threats_insinuations_and_ads_are_found_with_few_false_alarms(name, floors):
    scored = _scored(name)
    for rule, floor in floors.items():
        recall, false_positives = _recall_and_false_positives(scored, rule)
        assert recall >= floor, (rule, recall)
        assert false_positives <= 2, (rule, false_positives)
    violent = [assessment for row, assessment in scored if row["aggression"] == "1"]
    first = [
        max(item["rules"], key=lambda code: item["rules"][code]["score"]) == "aggression" for item in violent
    ]
    assert sum(first) / len(first) >= 0.75


# Fresh sets, each written by one of us who had read neither the detectors nor the tests:
# data/violence_fresh.csv (181 threats, direct, conditional and veiled, calls to violence,
# and hard look-alikes) and data/insinuation_fresh.csv (164 insinuations and legitimate
# criticism). The odd ids were looked at while the detectors and our training sentences were
# improved; the even ids' texts were not (docs/benchmarks.md, session five, says how far
# they were held out). The *_fresh2.csv sets, by two more writers, were
# written after that and scored once ("all": nobody looked at them while improving).
# data/hate_fresh.csv (240 comments: group-directed hate, explicit, implicit, dehumanising,
# exclusion, coded and behind a disclaimer, and comments naming the same groups that break no
# rule) was written by one more writer in December 2026 and scored once, after the hate
# training sentences (data/augment_hate_*.csv, by seven others) were final.
# data/identity_fresh.csv (300 comments about minorities: 200 publishable, 100 hate) and
# data/talkshow_fresh.csv (320 comments in another domain, as under a talk show's Facebook
# posts: 144 break a house rule, 176 do not) were written by two more writers later that
# month. Of identity_fresh the odd ids' failures were read while the negation handling was
# improved; talkshow_fresh was only counted (bench/fresh_sets_vs_reference.py compares both
# with the plain reference).
# Floors: what they gave, a little lower. (caught, look-alikes released) per half.
FRESH_FLOORS = {
    "violence_fresh.csv": {"odd": (0.7, 0.9), "even": (0.63, 0.85)},
    "insinuation_fresh.csv": {"odd": (0.78, 0.85), "even": (0.8, 0.88)},
    "violence_fresh2.csv": {"all": (0.65, 0.88)},
    "insinuation_fresh2.csv": {"all": (0.85, 0.96)},
    "hate_fresh.csv": {"all": (0.75, 0.82)},
    "identity_fresh.csv": {"odd": (0.82, 0.92), "even": (0.82, 0.88)},
    "talkshow_fresh.csv": {"all": (0.82, 0.88)},
}


def _violence_passes(expected, scores):
    if expected == "break":  # aggression, and first: what the editor sees
        return scores["aggression"] >= 0.5 and scores["aggression"] >= max(scores.values())
    return all(score < 0.5 for score in scores.values())


def _hate_passes(expected, scores):
    if expected == "break":
        return scores["aggression"] >= 0.5
    return all(score < 0.5 for score in scores.values())


def _any_rule_passes(expected, scores):
    """Held for review under some rule, or under none."""
    return (max(scores.values()) >= 0.5) == (expected == "break")


def _insinuation_passes(expected, scores):
    return (scores["insinuation"] >= 0.5) == (expected == "break")


def _fresh_outcomes(name, passes):
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    outcomes = {half: {"break": [], "none": []} for half in ("odd", "even", "all")}
    for row in rows:
        rules = assess(row["text"]).to_dict()["rules"]
        scores = {code: rule["score"] for code, rule in rules.items()}
        passed = passes(row["expected"], scores)
        half = "odd" if int(row["id"][2:]) % 2 else "even"
        outcomes[half][row["expected"]].append(passed)
        outcomes["all"][row["expected"]].append(passed)
    return outcomes


@pytest.mark.parametrize(
    "name, passes",
    [
        ("violence_fresh.csv", _violence_passes),
        ("insinuation_fresh.csv", _insinuation_passes),
        ("violence_fresh2.csv", _violence_passes),
        ("insinuation_fresh2.csv", _insinuation_passes),
        ("hate_fresh.csv", _hate_passes),
        ("identity_fresh.csv", _hate_passes),
        ("talkshow_fresh.csv", _any_rule_passes),
    ],
)
def test_comments_written_by_someone_else_are_caught_and_look_alikes_released(name, passes):
    outcomes = _fresh_outcomes(name, passes)
    for half, (caught_floor, released_floor) in FRESH_FLOORS[name].items():
        caught = sum(outcomes[half]["break"]) / len(outcomes[half]["break"])
        released = sum(outcomes[half]["none"]) / len(outcomes[half]["none"])
        assert caught >= caught_floor, (half, caught)
        assert released >= released_floor, (half, released)
