"""Our decisions as statements of reasons for the EU DSA Transparency Database.

FIELDS is the single source of the fields we send and the values each may take; the
export writes them, `problems()` checks a record against them, and
docs/dsa-transparency-mapping.md documents them (a test keeps the three in step).
"""

import re
from dataclasses import dataclass

from freigabe.articles.rules import AGGRESSION, INSULT, rule_label, rule_text
from freigabe.compliance.legal import LEGAL_GROUNDS, legal_ground_text
from freigabe.moderation.models import Action

ILLEGAL_CONTENT = "DECISION_GROUND_ILLEGAL_CONTENT"
INCOMPATIBLE_CONTENT = "DECISION_GROUND_INCOMPATIBLE_CONTENT"
HARMFUL_SPEECH = "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH"
SCOPE_OF_SERVICE = "STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE"
CATEGORIES = (
    "STATEMENT_CATEGORY_ANIMAL_WELFARE",
    "STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS",
    HARMFUL_SPEECH,
    "STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS",
    "STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS",
    "STATEMENT_CATEGORY_NON_CONSENSUAL_BEHAVIOUR",
    "STATEMENT_CATEGORY_PORNOGRAPHY_OR_SEXUALIZED_CONTENT",
    "STATEMENT_CATEGORY_PROTECTION_OF_MINORS",
    "STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY",
    "STATEMENT_CATEGORY_SCAMS_AND_FRAUD",
    "STATEMENT_CATEGORY_SELF_HARM",
    SCOPE_OF_SERVICE,
    "STATEMENT_CATEGORY_UNSAFE_AND_ILLEGAL_PRODUCTS",
    "STATEMENT_CATEGORY_VIOLENCE",
)
# The member states of the EEA: a comment removed here is removed everywhere.
EEA_COUNTRIES = (
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE",
    "IS", "IT", "LI", "LT", "LU", "LV", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK",
)
CONTENT_LANGUAGE = "DE"
# House rules whose breach is at the same time (potentially) harmful speech.
HARMFUL_SPEECH_RULES = {INSULT, AGGRESSION}


@dataclass(frozen=True)
class Field:
    required: bool = True
    values: tuple = ()          # allowed values; for a list field, of each element
    is_list: bool = False
    max_length: int | None = None
    pattern: str | None = None
    required_if: tuple | None = None  # (field, value): required when that field has that value


DATE = r"\d{4}-\d{2}-\d{2}"
FIELDS = {
    "decision_visibility": Field(is_list=True, values=(
        "DECISION_VISIBILITY_CONTENT_REMOVED", "DECISION_VISIBILITY_CONTENT_DISABLED")),
    "decision_ground": Field(values=(ILLEGAL_CONTENT, INCOMPATIBLE_CONTENT)),
    "illegal_content_legal_ground": Field(required=False, max_length=500,
                                          required_if=("decision_ground", ILLEGAL_CONTENT)),
    "illegal_content_explanation": Field(required=False, max_length=2000,
                                         required_if=("decision_ground", ILLEGAL_CONTENT)),
    "incompatible_content_ground": Field(required=False, max_length=500,
                                         required_if=("decision_ground", INCOMPATIBLE_CONTENT)),
    "incompatible_content_explanation": Field(
        required=False, max_length=2000, required_if=("decision_ground", INCOMPATIBLE_CONTENT)),
    "category": Field(values=CATEGORIES),
    "content_type": Field(is_list=True, values=("CONTENT_TYPE_TEXT",)),
    "content_language": Field(values=(CONTENT_LANGUAGE,)),
    "content_date": Field(pattern=DATE),
    "application_date": Field(pattern=DATE),
    "territorial_scope": Field(is_list=True, values=EEA_COUNTRIES),
    "decision_facts": Field(max_length=5000),
    "source_type": Field(values=("SOURCE_ARTICLE_16", "SOURCE_VOLUNTARY")),
    "automated_detection": Field(values=("Yes", "No")),
    "automated_decision": Field(values=("AUTOMATED_DECISION_FULLY",
                                        "AUTOMATED_DECISION_NOT_AUTOMATED")),
    "puid": Field(max_length=500, pattern=r"[A-Za-z0-9._-]+"),
}
EXPORTED_ACTIONS = (Action.REJECT, Action.REMOVE)


def statement_record(decision, notice=None):
    """The Transparency Database record for a rejection or removal (no personal data)."""
    comment = decision.comment
    statement = decision.statement_of_reasons or {}
    legal_ground = notice.legal_ground if notice else ""
    record = {
        "decision_visibility": [
            "DECISION_VISIBILITY_CONTENT_REMOVED" if decision.action == Action.REMOVE
            else "DECISION_VISIBILITY_CONTENT_DISABLED"],
        "decision_ground": ILLEGAL_CONTENT if legal_ground else INCOMPATIBLE_CONTENT,
        "category": _category(legal_ground, decision.reasons),
        "content_type": ["CONTENT_TYPE_TEXT"],
        "content_language": CONTENT_LANGUAGE,
        "content_date": comment.created_at.date().isoformat(),
        "application_date": decision.created_at.date().isoformat(),
        "territorial_scope": list(EEA_COUNTRIES),
        "decision_facts": _facts(decision, notice),
        "source_type": "SOURCE_ARTICLE_16" if notice else "SOURCE_VOLUNTARY",
        "automated_detection": "Yes" if statement.get("automated_detection") else "No",
        "automated_decision": ("AUTOMATED_DECISION_FULLY" if decision.automated
                               else "AUTOMATED_DECISION_NOT_AUTOMATED"),
        "puid": f"{comment.article.site.slug}-decision-{decision.pk}",
    }
    if legal_ground:
        record["illegal_content_legal_ground"] = legal_ground_text(legal_ground)
        record["illegal_content_explanation"] = _explanation(decision)[:2000]
    else:
        house_rules = comment.article.site.house_rules
        record["incompatible_content_ground"] = "; ".join(
            rule_label(house_rules, code) for code in decision.reasons)[:500]
        record["incompatible_content_explanation"] = _explanation(decision)[:2000]
    return record


def _category(legal_ground, reasons):
    if legal_ground:
        return LEGAL_GROUNDS[legal_ground][2]
    if HARMFUL_SPEECH_RULES & set(reasons):
        return HARMFUL_SPEECH
    # Advertising, insinuation, off-topic and other breaches concern what our comments are for.
    return SCOPE_OF_SERVICE


def _explanation(decision):
    house_rules = decision.comment.article.site.house_rules
    parts = [rule_text(house_rules, code) for code in decision.reasons]
    if decision.note:
        parts.append(decision.note)
    return " ".join(parts)


def _facts(decision, notice):
    when = "vor der Veröffentlichung abgelehnt" if decision.action == Action.REJECT \
        else "nach der Veröffentlichung entfernt"
    facts = (f"Leserkommentar zu einem Artikel auf {decision.comment.article.site.name}, "
             f"von der Redaktion {when}.")
    if notice:
        facts += f" Anlass: {notice.report_count} Meldung(en) nach Art. 16 DSA."
    return facts[:5000]


def problems(record):
    """Every way the record breaks FIELDS (an empty list: the record is valid)."""
    found = [f"unknown field {name}" for name in record if name not in FIELDS]
    for name, field in FIELDS.items():
        needed = field.required or (
            field.required_if and record.get(field.required_if[0]) == field.required_if[1])
        if name not in record:
            if needed:
                found.append(f"{name} is missing")
            continue
        found.extend(f"{name}: {problem}" for problem in _value_problems(record[name], field))
    return found


def _value_problems(value, field):
    values = value if field.is_list else [value]
    if field.is_list and (not isinstance(value, list) or not value):
        return ["must be a non-empty list"]
    found = []
    for item in values:
        if not isinstance(item, str) or not item.strip():
            found.append("must be non-empty text")
        elif field.values and item not in field.values:
            found.append(f"{item!r} is not an allowed value")
        elif field.max_length and len(item) > field.max_length:
            found.append(f"longer than {field.max_length} characters")
        elif field.pattern and not re.fullmatch(field.pattern, item):
            found.append(f"{item!r} does not match {field.pattern}")
    return found
