"""Standing in for Google's Perspective API (`comments:analyze`, `comments:suggestscore`).

Perspective's attributes are answered from our house-rule scores (docs/perspective.md):
several attributes share one rule, since our rules are what our models are trained for.
Plain functions; the views in perspective_views.py only parse and answer.
"""

import re

from freigabe.articles.site_models import active_scorer, site_assessor_settings
from freigabe.assessment import assess
from freigabe.assessment.site_learning import Example
from freigabe.assessment.site_model import combine
from freigabe.integrations.models import AssessorKey, SuggestedLabel
from freigabe.tokens import hash_secret, new_secret

# Perspective attribute -> the rule scores it is made of (the highest counts).
ATTRIBUTE_RULES = {
    "TOXICITY": ("insult", "aggression"),
    "SEVERE_TOXICITY": ("aggression",),
    "INSULT": ("insult",),
    "PROFANITY": ("insult",),
    "THREAT": ("aggression",),
    "IDENTITY_ATTACK": ("aggression",),
    "FREIGABE_INSINUATION": ("insinuation",),
    "FREIGABE_INSULT": ("insult",),
    "FREIGABE_AGGRESSION": ("aggression",),
    "FREIGABE_ADVERTISING": ("advertising",),
    "FREIGABE_OFF_TOPIC": ("off_topic",),
}
# Perspective's own limit on a comment: 20 KB of text.
MAX_TEXT_BYTES = 20480
_TAGS = re.compile(r"<[^>]+>")


class PerspectiveError(Exception):
    """Answered in Perspective's error shape."""

    STATUS_NAMES = {
        400: "INVALID_ARGUMENT",
        403: "PERMISSION_DENIED",
        404: "NOT_FOUND",
        405: "INVALID_ARGUMENT",
        413: "INVALID_ARGUMENT",
        429: "RESOURCE_EXHAUSTED",
        500: "INTERNAL",
    }

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message

    def to_dict(self):
        return {
            "error": {
                "code": self.code,
                "message": self.message,
                "status": self.STATUS_NAMES.get(self.code, "UNKNOWN"),
            }
        }


# --- keys -------------------------------------------------------------------------------------


def create_assessor_key(site):
    """A new key for the site; returned once, stored only as a hash."""
    key = new_secret("fgp_")
    AssessorKey.objects.create(site=site, key_hash=hash_secret(key))
    return key


def site_for_key(key):
    if not key:
        raise PerspectiveError(403, "The request is missing a valid API key.")
    row = AssessorKey.objects.select_related("site").filter(key_hash=hash_secret(key)).first()
    if row is None:
        raise PerspectiveError(403, "API key not valid. Please pass a valid API key.")
    return row.site


# --- analyze ----------------------------------------------------------------------------------


def comment_text(request):
    comment = request.get("comment")
    if not isinstance(comment, dict) or not isinstance(comment.get("text"), str):
        raise PerspectiveError(400, "comment.text is required.")
    text = comment["text"]
    if comment.get("type") == "HTML":
        text = _TAGS.sub(" ", text)
    if len(text.encode("utf-8")) > MAX_TEXT_BYTES:
        raise PerspectiveError(400, f"Comment text too long: more than {MAX_TEXT_BYTES} bytes.")
    if not text.strip():
        raise PerspectiveError(400, "Comment text was empty.")
    return text


def requested_attributes(request):
    requested = request.get("requestedAttributes")
    if not isinstance(requested, dict) or not requested:
        raise PerspectiveError(400, "requestedAttributes must name at least one attribute.")
    unknown = [name for name in requested if name not in ATTRIBUTE_RULES]
    if unknown:
        raise PerspectiveError(
            400,
            f"Unknown attribute(s): {', '.join(map(str, unknown))}. Supported: {', '.join(ATTRIBUTE_RULES)}.",
        )
    return list(requested)


def languages(request):
    asked = request.get("languages")
    if asked is None:
        return ["de"]
    if not isinstance(asked, list) or not all(isinstance(code, str) for code in asked):
        raise PerspectiveError(400, "languages must be a list of language codes.")
    return asked or ["de"]


def analyze(site, request):
    """Perspective's AnalyzeCommentResponse for an AnalyzeCommentRequest dict."""
    text = comment_text(request)
    attributes = requested_attributes(request)
    asked_languages = languages(request)
    with_spans = request.get("spanAnnotations") is True
    assessment = assess_for_site(site, text)
    scores = {}
    for name in attributes:
        rules = [assessment["rules"][code] for code in ATTRIBUTE_RULES[name] if code in assessment["rules"]]
        value = max((rule["score"] for rule in rules), default=0.0)
        if value < _threshold(request["requestedAttributes"][name]):
            continue  # as Perspective: scores under the asked-for threshold are left out
        entry = {"summaryScore": {"value": value, "type": "PROBABILITY"}}
        if with_spans:
            entry["spanScores"] = span_scores(rules)
        scores[name] = entry
    return {"attributeScores": scores, "languages": asked_languages, "detectedLanguages": ["de"]}


def _threshold(options):
    threshold = (options or {}).get("scoreThreshold", 0) if isinstance(options, dict) else 0
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)):
        raise PerspectiveError(400, "scoreThreshold must be a number between 0 and 1.")
    return threshold


def span_scores(rules):
    """Our evidence as Perspective's spans: each passage with the score of its rule."""
    spans = {}
    for rule in rules:
        for item in rule["evidence"]:
            key = (item["start"], item["end"])
            spans[key] = max(spans.get(key, 0.0), rule["score"])
    return [
        {"begin": begin, "end": end, "score": {"value": value, "type": "PROBABILITY"}}
        for (begin, end), value in sorted(spans.items())
    ]


def assess_for_site(site, text, article=None):
    """The general assessor with the site's settings (and its own model when it has one);
    `article` is the article's text, for the off-topic rule."""
    policy = site_assessor_settings(site)
    result = assess(text, article=article, site_policy=policy)
    scorer = active_scorer(site)
    if scorer is not None:
        result = combine(result, scorer, text, policy)
    return result.to_dict()


# --- suggestscore -----------------------------------------------------------------------------


def suggest_score(site, request):
    """Keep a moderator's label for the site's learning; answer like Perspective."""
    text = comment_text(request)
    scores = request.get("attributeScores")
    if not isinstance(scores, dict) or not scores:
        raise PerspectiveError(400, "attributeScores must name at least one attribute.")
    labels = {}
    for name, entry in scores.items():
        if name not in ATTRIBUTE_RULES:
            raise PerspectiveError(400, f"Unknown attribute: {name}.")
        value = ((entry or {}).get("summaryScore") or {}).get("value")
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise PerspectiveError(400, f"attributeScores.{name}.summaryScore.value must be between 0 and 1.")
        labels[name] = float(value)
    client_token = str(request.get("clientToken") or "")[:200]
    if request.get("doNotStore") is True:
        return {"clientToken": client_token}
    token = client_token or "text:" + hash_secret(text)
    for name, value in labels.items():
        SuggestedLabel.objects.update_or_create(
            site=site,
            client_token=token,
            attribute=name,
            defaults={
                "text": text,
                "value": value,
                "community_id": str(request.get("communityId") or "")[:300],
            },
        )
    return {"clientToken": client_token}


def suggested_examples(site):
    """The labels sent for the site, as site-learning Examples (one per comment).

    A comment counts as rejected when any attribute was labelled 0.5 or more; the
    FREIGABE_* attributes name the house rule it broke.
    """
    by_comment = {}
    rows = (
        SuggestedLabel.objects.filter(site=site)
        .order_by("client_token", "pk")
        .values_list("client_token", "attribute", "value", "text", "created_at")
    )
    for token, attribute, value, text, created_at in rows.iterator(chunk_size=2000):
        entry = by_comment.setdefault(
            token, {"text": text, "when": created_at, "reasons": [], "rejected": False}
        )
        if value >= 0.5:
            entry["rejected"] = True
            if attribute.startswith("FREIGABE_"):
                entry["reasons"].append(ATTRIBUTE_RULES[attribute][0])
        entry["when"] = max(entry["when"], created_at)
    return [
        Example(
            text=entry["text"],
            rejected=entry["rejected"],
            reasons=tuple(dict.fromkeys(entry["reasons"])) if entry["rejected"] else (),
            when=entry["when"],
        )
        for entry in by_comment.values()
    ]
