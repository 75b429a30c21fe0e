"""Our decisions as statements of reasons for the EU DSA Transparency Database.

`statement_record(decision, notice)` and `ban_record(restriction)` build the records;
`dsa_schema.validate` checks them by the database's own rules. How each field is chosen,
and why, is docs/dsa-transparency-mapping.md (a test keeps it naming every field).
"""

from django.utils import timezone

from freigabe.articles.rules import (
    ADVERTISING,
    AGGRESSION,
    INSINUATION,
    INSULT,
    OFF_TOPIC,
    OTHER,
    rule_label,
    rule_text,
)
from freigabe.compliance.dsa_schema import ENUMS, REPLACED_CATEGORIES
from freigabe.compliance.legal import LEGAL_GROUNDS, legal_ground_text
from freigabe.compliance.redaction import Redactor, editor_names
from freigabe.moderation.models import Action

ILLEGAL_CONTENT = "DECISION_GROUND_ILLEGAL_CONTENT"
INCOMPATIBLE_CONTENT = "DECISION_GROUND_INCOMPATIBLE_CONTENT"
HARMFUL_SPEECH = "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH"
OTHER_VIOLATION_TC = "STATEMENT_CATEGORY_OTHER_VIOLATION_TC"
CIVIC_DISCOURSE = "STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS"
CONSUMER_INFORMATION = "STATEMENT_CATEGORY_CONSUMER_INFORMATION"
# House rule -> category, most specific first: the first of a decision's reasons in this
# order gives the category, the others' categories go into category_addition.
HOUSE_RULE_CATEGORIES = {
    AGGRESSION: HARMFUL_SPEECH,
    INSULT: HARMFUL_SPEECH,
    INSINUATION: CIVIC_DISCOURSE,
    ADVERTISING: CONSUMER_INFORMATION,
    OFF_TOPIC: OTHER_VIOLATION_TC,
    OTHER: OTHER_VIOLATION_TC,
}
HOUSE_RULE_KEYWORDS = {ADVERTISING: "KEYWORD_HIDDEN_ADVERTISEMENT"}
EEA_COUNTRIES = ENUMS["EUROPEAN_COUNTRY_CODES"]
CONTENT_LANGUAGE = "DE"
EXPORTED_ACTIONS = (Action.REJECT, Action.REMOVE)
# An assessor score at or above this for a rule the decision names: automated means found it.
DETECTION_SCORE = 0.5
PUID_FALLBACK_PREFIX = "freigabe"
MAX_NOTE_CHARS = 1000
TEXT_LIMITS = {
    "decision_facts": 5000,
    "illegal_content_legal_ground": 500,
    "illegal_content_explanation": 2000,
    "incompatible_content_ground": 500,
    "incompatible_content_explanation": 2000,
}


class UnknownCategory(ValueError):
    """A stored category the database no longer knows and nothing replaces."""


# --- identifiers ------------------------------------------------------------------------------


def puid_prefix(slug):
    """The site's part of a puid: the slug, with every character the puid pattern refuses
    (and `_` itself, so the mapping stays one-to-one) written as `_` plus its UTF-8 bytes in
    hex. `zeitung` stays `zeitung`; `zeitung.de` becomes `zeitung_2ede`."""
    if not slug:
        return PUID_FALLBACK_PREFIX
    out = []
    for char in slug:
        if char.isascii() and (char.isalnum() or char == "-"):
            out.append(char)
        else:
            out.append("".join(f"_{byte:02x}" for byte in char.encode()))
    return "".join(out)


def decision_puid(site_slug, decision_id):
    return f"{puid_prefix(site_slug)}-decision-{decision_id}"


def ban_puid(site_slug, ban_id):
    return f"{puid_prefix(site_slug)}-ban-{ban_id}"


# --- the automated means (Art. 17(3)(c)) --------------------------------------------------------


def automated_detection(decision):
    """Yes when the assessor flagged a breach the decision names. It scores every comment on
    arrival, so what it flagged it identified before any reader's notice could."""
    rules = (decision.comment.assessment or {}).get("rules", {})
    flagged = any((rules.get(code) or {}).get("score", 0) >= DETECTION_SCORE for code in decision.reasons)
    return "Yes" if flagged else "No"


def automated_decision(decision, notice=None):
    """FULLY: no person decided. PARTIALLY: an editor decided, shown the assessor's
    suggestion to reject or its flag on the breach. NOT_AUTOMATED: the editor alone found the
    breach (no flag, a release suggested, no assessment, or a report judged on its own —
    the report view shows no assessment)."""
    if decision.automated:
        return "AUTOMATED_DECISION_FULLY"
    assisted = decision.suggested == "reject" or automated_detection(decision) == "Yes"
    if notice is None and assisted:
        return "AUTOMATED_DECISION_PARTIALLY"
    return "AUTOMATED_DECISION_NOT_AUTOMATED"


def source_type(notice):
    """What led to the decision. A reader's report that alleges illegality is a notice under
    Art. 16; one that only alleges a house-rule breach is an 'other notification' (the
    database's guidance); pre-moderation and editors' own removals are our own initiative."""
    if notice is None:
        return "SOURCE_VOLUNTARY"
    return "SOURCE_ARTICLE_16" if notice.alleges_illegality else "SOURCE_TYPE_OTHER_NOTIFICATION"


# --- categories -------------------------------------------------------------------------------


def current_category(category):
    """A category the database accepts today: replaced values translated, others refused."""
    category = REPLACED_CATEGORIES.get(category, category)
    if category not in ENUMS["STATEMENT_CATEGORIES"]:
        raise UnknownCategory(
            f"Unknown category {category!r}: it is not in the Transparency Database's schema of 1 July 2025."
        )
    return category


def rule_category(house_rules, code):
    """The category of a house rule; a site may set its own with `dsa_category`."""
    override = ((house_rules or {}).get(code) or {}).get("dsa_category")
    return current_category(override or HOUSE_RULE_CATEGORIES.get(code, OTHER_VIOLATION_TC))


def categories(house_rules, reasons, legal_ground=""):
    """(category, category_addition, category_specification) for these grounds."""
    ordered = sorted(
        reasons,
        key=lambda code: (
            list(HOUSE_RULE_CATEGORIES).index(code)
            if code in HOUSE_RULE_CATEGORIES
            else len(HOUSE_RULE_CATEGORIES)
        ),
    )
    found = [rule_category(house_rules, code) for code in ordered]
    if legal_ground:
        if legal_ground not in LEGAL_GROUNDS:
            raise UnknownCategory(f"Unknown legal ground {legal_ground!r}.")
        found.insert(0, current_category(LEGAL_GROUNDS[legal_ground][2]))
    found = list(dict.fromkeys(found)) or [OTHER_VIOLATION_TC]
    keywords = [HOUSE_RULE_KEYWORDS[code] for code in ordered if code in HOUSE_RULE_KEYWORDS]
    return found[0], found[1:], keywords


# --- records ----------------------------------------------------------------------------------


def redactor_for(decision=None, notice=None, extra_names=()):
    names = [*editor_names(), *extra_names]
    if decision is not None:
        names.append(decision.comment.author_name)
    if notice is not None:
        names.extend(notice.reports.values_list("reporter_name", flat=True))
    return Redactor(names)


def local_date(moment):
    """The day in the site's time zone (the server's, Europe/Berlin by default)."""
    return timezone.localtime(moment).date().isoformat()


def statement_record(decision, notice=None, redactor=None):
    """The Transparency Database record for a rejection or removal (no personal data)."""
    comment = decision.comment
    site = comment.article.site
    legal_ground = notice.legal_ground if notice else ""
    category, additions, keywords = categories(site.house_rules, decision.reasons, legal_ground)
    redactor = redactor or redactor_for(decision, notice)
    record = {
        "decision_visibility": [
            "DECISION_VISIBILITY_CONTENT_REMOVED"
            if decision.action == Action.REMOVE
            else "DECISION_VISIBILITY_CONTENT_DISABLED"
        ],
        "decision_ground": ILLEGAL_CONTENT if legal_ground else INCOMPATIBLE_CONTENT,
        "category": category,
        "content_type": ["CONTENT_TYPE_TEXT"],
        "content_language": CONTENT_LANGUAGE,
        "content_date": local_date(comment.created_at),
        "application_date": local_date(decision.created_at),
        "territorial_scope": list(EEA_COUNTRIES),
        "decision_facts": _facts(decision, notice, redactor),
        "source_type": source_type(notice),
        "automated_detection": automated_detection(decision),
        "automated_decision": automated_decision(decision, notice),
        "puid": decision_puid(site.slug, decision.pk),
    }
    if additions:
        record["category_addition"] = additions
    if keywords:
        record["category_specification"] = keywords
    rules = _rules_explanation(site.house_rules, decision.reasons)
    if legal_ground:
        record["illegal_content_legal_ground"] = _legal_ground(notice)
        record["illegal_content_explanation"] = (
            f"Nach Prüfung der Redaktion erfüllt der Kommentar {_legal_ground(notice)}. " + rules
        ).strip()
    else:
        record["incompatible_content_ground"] = "Kommentarrichtlinien: " + "; ".join(
            rule_label(site.house_rules, code) for code in decision.reasons
        )
        record["incompatible_content_explanation"] = rules or "Verstoß gegen die Kommentarrichtlinien."
    return _finish(record, redactor)


def ban_record(restriction, redactor=None):
    """The record for a ban (termination) or suspension of an author (Art. 17(1)(c)/(d))."""
    ban = restriction.ban
    site = restriction.site
    house_rules = site.house_rules if site else None
    reasons = restriction.reasons or [OTHER]
    category, additions, keywords = categories(house_rules, reasons)
    applied = local_date(ban.created_at)
    ends = local_date(ban.ends_at) if ban.ends_at else None
    comment_names = [restriction.comment.author_name] if restriction.comment else []
    redactor = redactor or Redactor([*editor_names(), *comment_names])
    permanent = ends is None
    record = {
        "decision_provision": (
            "DECISION_PROVISION_TOTAL_TERMINATION" if permanent else "DECISION_PROVISION_TOTAL_SUSPENSION"
        ),
        "decision_ground": INCOMPATIBLE_CONTENT,
        "incompatible_content_ground": "Kommentarrichtlinien: wiederholte oder schwere "
        "Verstöße (" + "; ".join(rule_label(house_rules, code) for code in reasons) + ")",
        "incompatible_content_explanation": _rules_explanation(house_rules, reasons)
        or "Verstoß gegen die Kommentarrichtlinien.",
        "category": category,
        "content_type": ["CONTENT_TYPE_TEXT"],
        "content_language": CONTENT_LANGUAGE,
        "content_date": local_date(restriction.first_content_at or ban.created_at),
        "application_date": applied,
        "territorial_scope": list(EEA_COUNTRIES),
        "decision_facts": _ban_facts(restriction, redactor),
        "source_type": "SOURCE_VOLUNTARY",
        "automated_detection": "No",
        "automated_decision": "AUTOMATED_DECISION_NOT_AUTOMATED",
        "puid": ban_puid(site.slug if site else "", ban.pk),
    }
    if ends:
        record["end_date_service_restriction"] = ends
    if ban.kind == "account":
        record["decision_account"] = (
            "DECISION_ACCOUNT_TERMINATED" if permanent else "DECISION_ACCOUNT_SUSPENDED"
        )
        record["account_type"] = "ACCOUNT_TYPE_PRIVATE"
        if ends:
            record["end_date_account_restriction"] = ends
    if additions:
        record["category_addition"] = additions
    if keywords:
        record["category_specification"] = keywords
    return _finish(record, redactor)


def _finish(record, redactor):
    """Redact and bound every free-text field: the last step before anything leaves."""
    for name, limit in TEXT_LIMITS.items():
        if name in record:
            text = redactor.redact(record[name])
            record[name] = text if len(text) <= limit else text[: limit - 1] + "…"
    return record


def _legal_ground(notice):
    if notice.legal_ground == "other" and notice.legal_provision:
        return notice.legal_provision
    return legal_ground_text(notice.legal_ground)


def _rules_explanation(house_rules, reasons):
    return " ".join(filter(None, (rule_text(house_rules, code) for code in reasons)))


def _facts(decision, notice, redactor):
    site = decision.comment.article.site
    when = (
        "vor der Veröffentlichung geprüft und nicht veröffentlicht"
        if decision.action == Action.REJECT
        else "nach der Veröffentlichung entfernt"
    )
    facts = [f"Leserkommentar (Text) auf {site.name}, von der Redaktion {when}."]
    if notice is not None:
        alleged = (
            "einen Rechtsverstoß"
            if notice.alleges_illegality
            else "einen Verstoß gegen die Kommentarrichtlinien"
        )
        facts.append(
            f"Anlass: {notice.report_count} Meldung(en) von Leserinnen oder Lesern, "
            f"die {alleged} geltend machten."
        )
    facts.append(
        "Verstoß gegen: " + "; ".join(rule_label(site.house_rules, code) for code in decision.reasons) + "."
    )
    if decision.note:
        facts.append(f"Hinweis der Redaktion: {decision.note[:MAX_NOTE_CHARS]}")
    return " ".join(facts)


def _ban_facts(restriction, redactor):
    ban = restriction.ban
    kind = "ausgeschlossen" if ban.ends_at is None else (f"bis {local_date(ban.ends_at)} gesperrt")
    where = f" auf {restriction.site.name}" if restriction.site else ""
    facts = [
        f"Die Person wurde von den Kommentaren{where} {kind}, wegen wiederholter oder "
        f"schwerer Verstöße gegen die Kommentarrichtlinien."
    ]
    if ban.reason:
        facts.append(f"Begründung der Redaktion: {ban.reason[:MAX_NOTE_CHARS]}")
    return " ".join(facts)
