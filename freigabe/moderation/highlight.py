"""Split a comment into plain and highlighted segments from the assessor's evidence."""

from freigabe.comments.display import safe_display_text
from freigabe.moderation.evidence_text import shown_why

# The model names the words whose features raised a score most, but on their own such
# words ("Presse", "lügen") are seldom what an editor would call the problem: they are
# not highlighted, the card says the model judged the text as a whole.
MODEL_WORD_PREFIX = "Modell:"


def is_model_word(why):
    return (why or "").startswith(MODEL_WORD_PREFIX)


def highlighted_segments(body, assessment):
    """[(text, rule_codes, why)] covering the body; overlapping evidence is merged.

    The template escapes every segment, so highlighting cannot inject markup.
    """
    spans = []
    for code, rule in ((assessment or {}).get("rules") or {}).items():
        for item in rule.get("evidence") or ():
            start, end = item.get("start"), item.get("end")
            if is_model_word(item.get("why")):
                continue
            if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(body):
                spans.append((start, end, code, shown_why(item.get("why", ""))))
    if not spans:
        return [(safe_display_text(body), (), "")]
    cuts = sorted({0, len(body), *(s for s, *_ in spans), *(e for _, e, *_ in spans)})
    segments = []
    for start, end in zip(cuts, cuts[1:]):
        covering = [(code, why) for s, e, code, why in spans if s <= start and end <= e]
        codes = tuple(dict.fromkeys(code for code, _ in covering))
        whys = "; ".join(dict.fromkeys(why for _, why in covering if why))
        segments.append((safe_display_text(body[start:end]), codes, whys))
    return segments
