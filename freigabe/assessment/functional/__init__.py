"""A German functional test suite for the assessor (in the spirit of HateCheck).

Cases are built from our own templates (templates.py) and fillers (fillers.py),
deterministically: the same code gives the same cases. Each case is labelled with
the house-rule outcome an editor expects: "break" (some rule is broken; where it
matters, which one) or "none" (release).

    from freigabe.assessment.functional import run_suite
    report = run_suite()            # the shipped assessor
    report["functionalities"]["negation_of_hate"]["accuracy"]

A case passes when:
- expected "none": every rule scores below the review threshold (0.5), so the
  assessor suggests release;
- expected "break" with a rule: that rule scores at least 0.5; for threats and calls
  to violence `aggression` is also the highest-scoring rule (what an editor sees first).

A quarter of the templates (every fourth of each functionality, and the last of
the spelling templates) form the held-out slice, not to be looked at while tuning;
templates.FRESH_HELD_OUT, written after that slice had been looked at, are held out
too. The report gives both slices.
"""

import itertools
import math
import random
from dataclasses import dataclass, field

from freigabe.assessment.functional import fillers
from freigabe.assessment.functional.templates import (
    BREAK,
    FRESH_HELD_OUT,
    FUNCTIONALITIES,
    NONE,
    VARIANT_WORDS,
)
from freigabe.assessment.functional.variants import VARIANTS

REVIEW_THRESHOLD = 0.5
MAX_PER_TEMPLATE = 16
MAX_PER_FUNCTIONALITY = 96
AGGRESSION_FIRST = (
    "threat_direct",
    "threat_conditional",
    "threat_veiled",
    "threat_normative",
    "violence_call",
    "dehumanising_violence",
)

# placeholder -> (filler list, how one item fills its placeholders)
_SLOTS = {
    "G": (fillers.GROUPS, lambda item: {"G": item[0], "Gd": item[1]}),
    "ID": (fillers.IDENTITIES, lambda item: {"ID": item}),
    "IA": (fillers.IDENTITY_ADJECTIVES, lambda item: {"IA": item}),
    "I": (fillers.INSULTS, lambda item: {"I": item}),
    "Ip": (fillers.INSULTS_PLURAL, lambda item: {"Ip": item}),
    "S": (fillers.SLURS, lambda item: {"S": item}),
    "N": (fillers.NON_PROTECTED, lambda item: {"N": item}),
    "P": (fillers.PEOPLE, lambda item: {"P": item}),
    "O": (fillers.OBJECTS, lambda item: {"O": item[0], "Oa": item[1]}),
    "X": (fillers.PROFANITY, lambda item: {"X": item}),
    "Xa": (fillers.PROFANE_ADJECTIVES, lambda item: {"Xa": item}),
    "E": (fillers.EDITORS, lambda item: {"E": item}),
    "PR": (fillers.PRODUCTS, lambda item: {"PR": item[0], "D": item[1]}),
    "SRC": (fillers.SOURCES, lambda item: {"SRC": item}),
}
_ALIASES = {"Gd": "G", "Oa": "O", "D": "PR"}


@dataclass(frozen=True)
class Case:
    functionality: str
    text: str
    expected: str  # BREAK or NONE
    rule: str | None
    template: int
    held_out: bool
    options: dict = field(default_factory=dict, hash=False, compare=False)  # extra assess() arguments


def cases():
    """Every case of the suite, in a fixed order."""
    built = []
    for name, expected, rule, templates in FUNCTIONALITIES:
        built.extend(_functionality_cases(name, expected, rule, templates))
    return built


def _functionality_cases(name, expected, rule, templates):
    found = []
    fresh = FRESH_HELD_OUT.get(name, [])
    for number, template in enumerate([*templates, *fresh]):
        if number >= len(templates):
            held_out = True  # the second held-out slice
        else:
            held_out = number == len(templates) - 1 if name.startswith("spelling_") else number % 4 == 3
        for text in _fill(name, template):
            options = {"site_policy": fillers.SITE_POLICY} if "{SRC}" in template else {}
            found.append(Case(name, text, expected, rule, number, held_out, options))
    if len(found) > MAX_PER_FUNCTIONALITY:
        found = sorted(
            random.Random(name).sample(found, MAX_PER_FUNCTIONALITY),
            key=lambda case: (case.template, case.text),
        )
    return found


def _fill(name, template):
    if "{W}" in template:
        variant = VARIANTS[name]
        texts = [template.replace("{W}", spelled) for word in VARIANT_WORDS for spelled in variant(word)]
        return [_capitalised(text) for text in texts]
    slots = [slot for slot in _SLOTS if "{" + slot + "}" in template]
    slots += [
        _ALIASES[alias]
        for alias in _ALIASES
        if "{" + alias + "}" in template and _ALIASES[alias] not in slots
    ]
    if not slots:
        return [_capitalised(template)]
    combinations = list(itertools.product(*(_SLOTS[slot][0] for slot in slots)))
    if len(combinations) > MAX_PER_TEMPLATE:
        combinations = random.Random(f"{name}:{template}").sample(combinations, MAX_PER_TEMPLATE)
    texts = []
    for combination in combinations:
        values = {}
        for slot, item in zip(slots, combination):
            values.update(_SLOTS[slot][1](item))
        texts.append(_capitalised(_format(template, values)))
    return texts


def _format(template, values):
    text = template
    for key in sorted(values, key=len, reverse=True):  # {Gd} before {G}
        text = text.replace("{" + key + "}", values[key])
    return text


def _capitalised(text):
    for index, char in enumerate(text):
        if char.isalpha():
            return text[:index] + char.upper() + text[index + 1 :]
    return text


def passes(case, assessment):
    """Whether an assessment dict (the contract JSON) meets the case's label."""
    scores = {code: rule["score"] for code, rule in assessment["rules"].items()}
    if case.expected == NONE:
        return all(score < REVIEW_THRESHOLD for score in scores.values())
    if case.rule is None:
        return any(score >= REVIEW_THRESHOLD for score in scores.values())
    if scores.get(case.rule, 0.0) < REVIEW_THRESHOLD:
        return False
    if case.functionality in AGGRESSION_FIRST:
        return scores[case.rule] >= max(scores.values())
    return True


def wilson_interval(successes, n, z=1.959963984540054):
    """The Wilson score interval (95 %) of a proportion."""
    if n == 0:
        return (0.0, 1.0)
    share = successes / n
    centre = (share + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(share * (1 - share) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == n else min(1.0, centre + half)
    return (low, high)


def run_suite(assess_fn=None, slice=None, failures_shown=3):
    """Run every case through `assess_fn(text, **options)` (default: the assessor).

    slice: None (all cases), "tuning" or "held_out". Returns {"n", "correct",
    "accuracy", "interval", "functionalities": {name: {"n", "correct", "accuracy",
    "interval", "expected", "rule", "failures"}}, "slices": {"tuning": {...},
    "held_out": {...}}}; accuracies with their Wilson 95 % interval.
    """
    if assess_fn is None:
        from freigabe.assessment import assess as assess_fn
    selected = [case for case in cases() if slice is None or (slice == "held_out") == case.held_out]
    by_name, by_slice = {}, {"tuning": [0, 0], "held_out": [0, 0]}
    for case in selected:
        result = assess_fn(case.text, **case.options)
        ok = passes(case, result.to_dict() if hasattr(result, "to_dict") else result)
        entry = by_name.setdefault(
            case.functionality,
            {"n": 0, "correct": 0, "expected": case.expected, "rule": case.rule, "failures": []},
        )
        entry["n"] += 1
        entry["correct"] += ok
        if not ok and len(entry["failures"]) < failures_shown:
            entry["failures"].append(case.text)
        counts = by_slice["held_out" if case.held_out else "tuning"]
        counts[0] += 1
        counts[1] += ok
    for entry in by_name.values():
        entry["accuracy"] = entry["correct"] / entry["n"]
        entry["interval"] = wilson_interval(entry["correct"], entry["n"])
    total = sum(entry["n"] for entry in by_name.values())
    correct = sum(entry["correct"] for entry in by_name.values())
    return {
        "n": total,
        "correct": correct,
        "accuracy": correct / total if total else 0.0,
        "interval": wilson_interval(correct, total),
        "functionalities": by_name,
        "slices": {
            name: {
                "n": n,
                "correct": ok,
                "accuracy": ok / n if n else 0.0,
                "interval": wilson_interval(ok, n),
            }
            for name, (n, ok) in by_slice.items()
        },
    }


__all__ = ["BREAK", "NONE", "Case", "cases", "passes", "run_suite", "wilson_interval"]
