"""`assess()`: score one comment against every house rule and suggest a decision."""

from collections.abc import Iterable, Mapping
from typing import Any

from freigabe.assessment.features import prepare
from freigabe.assessment.model_store import get_model
from freigabe.assessment.normalise import BIDI_CONTROLS
from freigabe.assessment.policy import SitePolicy, decide
from freigabe.assessment.result import Assessment, Evidence, RuleScore
from freigabe.assessment.rules.advertising import score_advertising
from freigabe.assessment.rules.insinuation import score_insinuation
from freigabe.assessment.rules.off_topic import score_off_topic
from freigabe.assessment.rules.toxicity import score_toxicity

RULES_VERSION = "rules-2"
FALLBACK_VERSION = "lexicon-fallback"


def assess(
    text: str | bytes,
    article: str | bytes | None = None,
    parent: str | bytes | None = None,
    *,
    thresholds: Mapping[str, Any] | None = None,
    site_policy: Mapping[str, Any] | SitePolicy | None = None,
    recent_links: Iterable[str] | None = None,
) -> Assessment:
    """Assess a comment.

    text: the comment as submitted. article: the article's text (title and body) or
    None. parent: the text of the comment this one replies to, or None.
    thresholds: {"review": x, "reject": y, RULE: {...}} overriding the site's.
    site_policy: a site's assessor settings dict (see policy.py) or a SitePolicy.
    recent_links: URLs/domains recently posted on the site, to spot repeated links.
    Returns an Assessment; `.to_dict()` is the contract JSON.
    """
    text = _as_text(text)
    article, parent = _as_text(article) or None, _as_text(parent) or None
    policy = SitePolicy.from_options(site_policy, thresholds)
    model = get_model()
    normalised = prepare(text)

    toxicity = score_toxicity(text, normalised, model)
    rules = {
        "insinuation": _with_model(score_insinuation(text, normalised), toxicity.pop("insinuation", None))
    }
    rules.update(toxicity)
    rules["advertising"] = score_advertising(text, normalised, policy, article, recent_links)
    rules["off_topic"] = score_off_topic(
        text, normalised, article, parent, model.term_weight if model else None
    )
    rules["other"] = _hidden_text_direction(text)
    for rule in rules.values():
        rule.score = min(1.0, max(0.0, float(rule.score)))

    scores = {code: rule.score for code, rule in rules.items()}
    return Assessment(model_version=_version(model), decision=decide(scores, policy), rules=rules)


def _with_model(cues: RuleScore, learnt: RuleScore | None) -> RuleScore:
    """The insinuation cues' score, or the model's where it is higher (the cues name fixed
    phrases; the model learnt from our own insinuations how else they are worded)."""
    if learnt is None:
        return cues
    return RuleScore(max(cues.score, learnt.score), (cues.evidence + learnt.evidence)[:8])


# A right-to-left override shows text reversed ("\u202etoidilloV" reads "Vollidiot"):
# the assessor reads it as shown, and an editor should see that the comment plays tricks.
_OVERRIDES = "\u202d\u202e"
BIDI_REVIEW_SCORE = 0.6


def _hidden_text_direction(text: str) -> RuleScore:
    if not any(char in text for char in _OVERRIDES):
        return RuleScore(0.0)
    evidence = []
    for index, char in enumerate(text):
        if char in _OVERRIDES:
            end = index + 1
            while end < len(text) and text[end] not in BIDI_CONTROLS and text[end] != "\n":
                end += 1
            evidence.append(
                Evidence(index, end, text[index:end], "Bidi-Steuerzeichen: Text wird umgekehrt angezeigt")
            )
    return RuleScore(BIDI_REVIEW_SCORE, evidence[:8])


def _version(model: Any) -> str:
    model_part = model.version if model is not None else FALLBACK_VERSION
    return f"{model_part}+{RULES_VERSION}"


def _as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)
