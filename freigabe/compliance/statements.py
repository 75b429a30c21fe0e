"""Statements of reasons (EU DSA Art. 17), composed from reason codes so editors never type one."""

from freigabe.articles.rules import rule_label, rule_text

DECISION_TEXT = {
    "reject": {
        "de": "Ihr Kommentar wurde nicht veröffentlicht.",
        "en": "Your comment was not published.",
    },
    "remove": {
        "de": "Ihr Kommentar wurde nach der Veröffentlichung entfernt.",
        "en": "Your comment was removed after publication.",
    },
}
REDRESS_TEXT = {
    "de": "Sie können innerhalb von sechs Monaten Beschwerde gegen diese Entscheidung "
          "einlegen; eine andere Person aus der Redaktion prüft sie dann erneut. Außerdem "
          "stehen Ihnen eine außergerichtliche Streitbeilegung und der Rechtsweg offen.",
    "en": "You may appeal against this decision within six months; another member of the "
          "editorial team will then review it. Out-of-court dispute settlement and the "
          "courts are also open to you.",
}
APPEAL_WINDOW_DAYS = 183


def compose_statement(comment, decision):
    """A self-contained statement of reasons, stored with the decision and shown to the author."""
    house_rules = comment.article.site.house_rules
    grounds = [
        {
            "code": code,
            "label": {lang: rule_label(house_rules, code, lang) for lang in ("de", "en")},
            "rule": {lang: rule_text(house_rules, code, lang) for lang in ("de", "en")},
        }
        for code in decision.reasons
    ]
    assessment = comment.assessment or {}
    detected = [code for code in decision.reasons
                if assessment.get("rules", {}).get(code, {}).get("score", 0) >= 0.5]
    return {
        "decision": decision.action,
        "decision_text": DECISION_TEXT[decision.action],
        "facts": {
            "comment_id": comment.pk,
            "article_title": comment.article.title,
            "submitted_at": comment.created_at.isoformat(),
            "decided_at": decision.created_at.isoformat(),
        },
        "ground": "house_rules",
        "grounds": grounds,
        "note": decision.note,
        # The assessor flags and suggests; a person always makes the decision.
        "automated_detection": bool(detected),
        "automated_decision": decision.automated,
        "redress": REDRESS_TEXT,
        "appeal_deadline_days": APPEAL_WINDOW_DAYS,
    }
