"""Split a comment into plain and highlighted segments from the assessor's evidence."""

from freigabe.comments.display import safe_display_text


def highlighted_segments(body, assessment):
    """[(text, rule_codes, why)] covering the body; overlapping evidence is merged.

    The template escapes every segment, so highlighting cannot inject markup.
    """
    spans = []
    for code, rule in ((assessment or {}).get("rules") or {}).items():
        for item in rule.get("evidence") or ():
            start, end = item.get("start"), item.get("end")
            if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(body):
                spans.append((start, end, code, item.get("why", "")))
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
