"""Statements of reasons (EU DSA Art. 17), composed from reason codes so editors never type one."""

from freigabe.articles.rules import rule_label, rule_text
from freigabe.comments.finality import final_at
from freigabe.compliance.deadlines import APPEAL_WINDOW_MONTHS, window_end
from freigabe.compliance.legal import legal_citation, legal_ground_label

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


def compose_statement(comment, decision, notice=None):
    """A self-contained statement of reasons, stored with the decision and shown to the author.

    `notice` is the readers' report the decision answers, if any; with a legal ground
    on it, the content was found illegal rather than merely against the house rules.
    """
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
    detected = [
        code for code in decision.reasons if assessment.get("rules", {}).get(code, {}).get("score", 0) >= 0.5
    ]
    return {
        "decision": decision.action,
        "decision_text": DECISION_TEXT[decision.action],
        "facts": {
            "comment_id": comment.pk,
            "article_title": comment.article.title,
            "submitted_at": comment.created_at.isoformat(),
            "decided_at": decision.created_at.isoformat(),
        },
        "ground": "illegal_content" if notice and notice.legal_ground else "house_rules",
        "legal_ground": _legal_ground(notice),
        "grounds": grounds,
        # Art. 17(3)(b): whether the decision answers a notice or was taken on our own initiative.
        "source": "notice" if notice else "own_initiative",
        "note": decision.note,
        # The assessor flags and suggests; a person always makes the decision.
        "automated_detection": bool(detected),
        "automated_decision": decision.automated,
        "redress": REDRESS_TEXT,
        # Six calendar months from the day the author is informed (the status and the
        # mail give the date that applies; this is the earliest it can be).
        "appeal_window_months": APPEAL_WINDOW_MONTHS,
        "appeal": {
            "until": window_end(final_at(decision)).isoformat(),
            "path": f"/api/v1/comments/{comment.pk}/appeal",
        },
    }


def _legal_ground(notice):
    if not notice or not notice.legal_ground:
        return None
    # The law as it is cited ("§ 186 StGB"), or the provision the editor named for "other".
    provision = (
        notice.legal_provision if notice.legal_ground == "other" else legal_citation(notice.legal_ground)
    )
    return {
        "code": notice.legal_ground,
        "provision": provision,
        "label": {lang: legal_ground_label(notice.legal_ground, lang) for lang in ("de", "en")},
    }
