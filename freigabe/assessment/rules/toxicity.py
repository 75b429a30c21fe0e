"""Insults and aggression: the trained models, explained by lexicon hits and n-grams.

The trained classifier gives the calibrated probability. Evidence comes from our
lexicon (words, compounds, threat phrases) and from the words that pushed the
linear model's score up most. Without a model file the lexicon alone gives a
cruder fallback score, so the assessor keeps working on a fresh checkout.
"""

import re

from freigabe.assessment.lexicon import AGGRESSION, DEFAULT_LEXICON, INSULT
from freigabe.assessment.result import RuleScore, evidence_at

# Addressing someone directly makes an insulting word an insult, not a topic.
_ADDRESS = re.compile(r"\b(du|dich|dir|ihr|euch|sie sind|bist|seid)\b")
_MAX_EVIDENCE = 6


def score_toxicity(text, normalised, model=None):
    """{"insult": RuleScore, "aggression": RuleScore} for one comment."""
    hits = DEFAULT_LEXICON.find_all(normalised.text, (INSULT, AGGRESSION))
    if model is not None:
        probabilities, model_spans = model.score(text, normalised.text, hits)
    else:
        probabilities = {code: _fallback_probability(normalised.text, hits[code]) for code in hits}
        model_spans = {}
    return {
        code: RuleScore(probabilities[code], _evidence(text, normalised, hits[code], model_spans.get(code, [])))
        for code in (INSULT, AGGRESSION)
    }


def _fallback_probability(normalised_text, hits):
    remaining = 1.0
    for hit in hits:
        remaining *= 1.0 - hit.weight
    probability = 1.0 - remaining
    if hits and _ADDRESS.search(normalised_text):
        probability = min(0.99, probability + 0.1)
    return 0.02 + 0.96 * probability


def _evidence(text, normalised, hits, model_spans):
    """Lexicon hits first (they name the reason), then the model's strongest words."""
    items, covered = [], []
    for hit in sorted(hits, key=lambda item: -item.weight):
        _add(items, covered, text, normalised, hit.start, hit.end, hit.why)
    for start, end, why in model_spans:
        _add(items, covered, text, normalised, start, end, why)
    items.sort(key=lambda item: item.start)
    return items[:_MAX_EVIDENCE]


def _add(items, covered, text, normalised, start, end, why):
    if len(items) >= _MAX_EVIDENCE or any(start < other_end and end > other_start for other_start, other_end in covered):
        return
    covered.append((start, end))
    orig_start, orig_end = normalised.original_span(start, end)
    items.append(evidence_at(text, orig_start, orig_end, why))
