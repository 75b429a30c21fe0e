"""Insults and aggression: the trained models, explained by lexicon hits and n-grams.

The trained classifier gives the calibrated probability. Evidence comes from our
lexicon (words, compounds, threat phrases) and from the words that pushed the
linear model's score up most. Without a model file the lexicon alone gives a
cruder fallback score, so the assessor keeps working on a fresh checkout.

Before the model reads the comment, the context analysis (context.py) blanks what
the comment negates or quotes to oppose, and prejudices it rejects ("Polen klauen keine
Autos"); a comment that only speaks well of a group is also read without the group's
name: a model learns group names as signs of hate, but naming a group is none. Explicit detectors add their evidence beside the model's probability:
threats and calls to violence (violence.py) and derogation and slurs (hate.py)
raise `aggression` above `insult`, so an editor sees the violence first; vulgar
words raise `insult`.
"""

import re
from dataclasses import dataclass

from freigabe.assessment.lexicon import AGGRESSION, DEFAULT_LEXICON, INSULT
from freigabe.assessment.policy import DEFAULT_REJECT
from freigabe.assessment.result import RuleScore, evidence_at
from freigabe.assessment.rules.context import (
    analyse,
    negated_group_statements,
    speaks_well_of_group,
    without_identity_terms,
)
from freigabe.assessment.rules.hate import (
    demeaning_spans,
    find_dehumanising,
    find_derogation,
    find_profanity,
    find_slurs,
)
from freigabe.assessment.rules.spelling import find_disguised_insults
from freigabe.assessment.rules.violence import find_violence

INSINUATION = "insinuation"

# Addressing someone directly makes an insulting word an insult, not a topic.
_ADDRESS = re.compile(r"\b(du|dich|dir|ihr|euch|sie sind|bist|seid)\b")
_MAX_EVIDENCE = 6


# A lexicon word this strong is evidence by itself: group names stay in the model's view.
_EXPLICIT_WEIGHT = 0.6
# With violence or hate found, aggression ranks above insult by this much.
_AGGRESSION_FIRST_MARGIN = 0.02


@dataclass(frozen=True)
class _Found:
    """A detector's finding, shaped like a lexicon hit for the evidence list."""

    start: int
    end: int
    weight: float
    why: str


def score_toxicity(text, normalised, model=None):
    """{"insult": RuleScore, "aggression": RuleScore} for one comment, and the model's own
    "insinuation" RuleScore when the model has learnt that rule (assessor.py combines it with
    the insinuation cues)."""
    folded = normalised.text
    hits = DEFAULT_LEXICON.find_all(folded, (INSULT, AGGRESSION))
    hurtful = [(hit.start, hit.end) for found in hits.values() for hit in found] + demeaning_spans(folded)
    context = analyse(folded, hurtful)
    rejected = _rejected_prejudices(context)
    context = context.with_negated(rejected)
    discounted = []
    if context.changed:
        kept = {
            code: [hit for hit in found if not context.is_blanked(hit.start, hit.end)]
            for code, found in hits.items()
        }
        discounted = [hit for code in hits for hit in hits[code] if hit not in kept[code]]
        hits = kept
    findings = _detector_findings(context)
    signals = _signal_vector(context, findings)
    detected = {
        AGGRESSION: [
            _Found(*item)
            for item in findings["violence"]
            + findings["derogation"]
            + findings["slurs"]
            + findings["dehumanising"]
        ],
        INSULT: [
            _Found(*item)
            for item in findings["profanity"]
            + find_disguised_insults(
                context.negated,
                [(hit.start, hit.end) for hit in hits[INSULT]],
                model.idf if model is not None else None,
            )
        ],
    }
    model_text = context.negated
    probabilities, model_spans = _model_scores(text, model_text, hits, model, signals)
    if model_text is not folded:
        probabilities = _shrunk_for_few_words(probabilities, model_text)
    explicit = (
        detected[AGGRESSION]
        or detected[INSULT]
        or any(hit.weight >= _EXPLICIT_WEIGHT for found in hits.values() for hit in found)
    )
    if not explicit and speaks_well_of_group(model_text):
        # Read as if no group were named: what is left says nothing bad of anyone.
        plain, _ = _model_scores(text, without_identity_terms(model_text), hits, model, signals)
        probabilities = {code: min(probability, plain[code]) for code, probability in probabilities.items()}
    if not explicit and context.opposes_hate:
        # What is left of counter-speech is the objection ("ein Fall für die Staatsanwaltschaft"),
        # whose words the model links to the hate it objects to.
        probabilities = {
            code: probability * COUNTER_SPEECH_SHARE for code, probability in probabilities.items()
        }
    for code, found in detected.items():
        probabilities[code] = max([probabilities[code], *(item.weight for item in found)])
    if detected[AGGRESSION] or any(
        hit.weight >= 0.85 and " " in folded[hit.start : hit.end] for hit in hits[AGGRESSION]
    ):
        # Violence or hate (a detector, or one of the lexicon's threat phrases) ranks first.
        probabilities[AGGRESSION] = max(
            probabilities[AGGRESSION], min(1.0, probabilities[INSULT] + _AGGRESSION_FIRST_MARGIN)
        )
        if probabilities[INSULT] >= probabilities[AGGRESSION]:
            probabilities[INSULT] = probabilities[AGGRESSION] - _AGGRESSION_FIRST_MARGIN
    if not (detected[AGGRESSION] or detected[INSULT] or hits[INSULT] or hits[AGGRESSION]):
        # The model alone (no lexicon word, no detector finding) never decides a rejection:
        # it learnt GermEval's polemic ("Lügenpresse") as insult, which is an insinuation.
        probabilities = {
            code: min(probability, MODEL_ONLY_CAP) for code, probability in probabilities.items()
        }
    taken_back = (
        [(hit.start, hit.end) for hit in discounted]
        + [span for span in hurtful if context.changed and context.is_blanked(*span)]
        + rejected
    )
    mitigations = _mitigations(context, taken_back)
    scored = {
        code: RuleScore(
            probabilities[code],
            _evidence(text, normalised, detected[code] + hits[code], model_spans.get(code, []), mitigations),
        )
        for code in (INSULT, AGGRESSION)
    }
    if INSINUATION in probabilities:  # models trained since December 2026 also learn insinuation
        scored[INSINUATION] = RuleScore(
            probabilities[INSINUATION], _evidence(text, normalised, [], model_spans.get(INSINUATION, []))
        )
    return scored


# What the detectors and the context analysis found, as features the trained model weighs
# (train.py computes them with detector_signals, inference in score_toxicity): learnt
# weights judge how far each detector is to be trusted on real comments. Whether a group
# is named is deliberately not among them: the model learnt it as a sign of hate (weight
# 1.1 for aggression), and neutral sentences about groups were flagged.
SIGNAL_NAMES = (
    "violence_max",
    "derogation_max",
    "slur_max",
    "dehumanising_max",
    "profanity_max",
    "opposes_hate",
    "negation_blanked",
    "context_changed",
)


def detector_signals(folded):
    """The SIGNAL_NAMES vector of a normalised text, as score_toxicity computes it."""
    hits = DEFAULT_LEXICON.find_all(folded, (INSULT, AGGRESSION))
    hurtful = [(hit.start, hit.end) for found in hits.values() for hit in found] + demeaning_spans(folded)
    context = analyse(folded, hurtful)
    return _signal_vector(context, _detector_findings(context))


def _rejected_prejudices(context):
    """Spans of negated statements about a group that, affirmed, would demean it: "Polen
    klauen keine Autos" rejects what "Polen klauen Autos" says. "Muslime sind keine
    Menschen" is kept: "Muslime sind Menschen" demeans nobody."""
    return [
        (start, end)
        for start, end, affirmed in negated_group_statements(context.quoted)
        if find_derogation(affirmed, affirmed)
    ]


def _detector_findings(context):
    return {
        "violence": find_violence(context.quoted),
        "derogation": find_derogation(context.quoted, context.negated),
        "slurs": find_slurs(context.quoted),
        "dehumanising": find_dehumanising(context.quoted),
        "profanity": find_profanity(context.quoted),
    }


def _signal_vector(context, findings):
    strongest = [
        max((item[2] for item in findings[kind]), default=0.0)
        for kind in ("violence", "derogation", "slurs", "dehumanising", "profanity")
    ]
    return strongest + [
        1.0 if context.opposes_hate else 0.0,
        1.0 if context.negated != context.quoted else 0.0,
        1.0 if context.changed else 0.0,
    ]


# Just below the default reject threshold: with the default thresholds an editor reviews
# what only the model flags (a site that lowers its reject threshold accepts more).
MODEL_ONLY_CAP = DEFAULT_REJECT - 0.01

# With counter-speech recognised and nothing explicit left, the model's score counts this much.
COUNTER_SPEECH_SHARE = 0.75


def _model_scores(text, model_text, hits, model, signals):
    if model is not None:
        return model.score(text, model_text, hits, signals)
    return {code: _fallback_probability(model_text, hits[code]) for code in hits}, {}


_WORD = re.compile(r"[a-z]{2,}")
_FEW_WORDS = 4


def _shrunk_for_few_words(probabilities, model_text):
    """A model reading the two words left after blanking ("… sind …") judges noise (one
    word weighs all in a normalised tf-idf vector): such a score counts in proportion
    to the words there are."""
    words = len(_WORD.findall(model_text))
    if words >= _FEW_WORDS:
        return probabilities
    return {code: probability * words / _FEW_WORDS for code, probability in probabilities.items()}


def _mitigations(context, taken_back):
    """The context spans that took hurtful words or statements (`taken_back`: their (start,
    end)) out of the count, as (start, end, why)."""
    return [
        (start, end, why)
        for start, end, why in context.mitigations
        if any(start <= hurt_start and hurt_end <= end for hurt_start, hurt_end in taken_back)
    ]


def _fallback_probability(normalised_text, hits):
    remaining = 1.0
    for hit in hits:
        remaining *= 1.0 - hit.weight
    probability = 1.0 - remaining
    if hits and _ADDRESS.search(normalised_text):
        probability = min(0.99, probability + 0.1)
    return 0.02 + 0.96 * probability


def _evidence(text, normalised, hits, model_spans, mitigations=()):
    """Lexicon and detector hits first (they name the reason), then the model's strongest
    words, then what lowered the score (negation, counter-speech)."""
    items, covered = [], []
    for hit in sorted(hits, key=lambda item: (not isinstance(item, _Found), -item.weight)):
        _add(items, covered, text, normalised, hit.start, hit.end, hit.why)
    for start, end, why in model_spans:
        _add(items, covered, text, normalised, start, end, why)
    for start, end, why in mitigations:
        _add(items, covered, text, normalised, start, end, why)
    items.sort(key=lambda item: item.start)
    return items[:_MAX_EVIDENCE]


def _add(items, covered, text, normalised, start, end, why):
    if len(items) >= _MAX_EVIDENCE or any(
        start < other_end and end > other_start for other_start, other_end in covered
    ):
        return
    covered.append((start, end))
    orig_start, orig_end = normalised.original_span(start, end)
    items.append(evidence_at(text, orig_start, orig_end, why))
