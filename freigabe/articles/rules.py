"""The house rules a site enforces, with their reason codes and labels."""

from django.utils.translation import gettext_lazy as _

from freigabe.rule_codes import (  # noqa: F401 (the codes, re-exported beside their labels)
    ADVERTISING,
    AGGRESSION,
    ASSESSED_RULES,
    INSINUATION,
    INSULT,
    OFF_TOPIC,
    OTHER,
)

# code -> (German label, English label, what the rule means; shown in statements of reasons)
DEFAULT_HOUSE_RULES = {
    INSINUATION: {
        "de": "Unterstellungen",
        "en": "Insinuations",
        "text_de": "Kommentare, die Personen oder Institutionen ohne Grundlage unlautere "
        "Absichten unterstellen, veröffentlichen wir nicht.",
        "text_en": "We do not publish comments that accuse people or institutions of bad "
        "faith without basis.",
    },
    INSULT: {
        "de": "Beleidigungen und Schimpfwörter",
        "en": "Insults and swear words",
        "text_de": "Beleidigungen und Schimpfwörter haben in unseren Kommentaren keinen Platz.",
        "text_en": "Insults and swear words have no place in our comments.",
    },
    AGGRESSION: {
        "de": "Aggressive Formulierungen",
        "en": "Aggressive wording",
        "text_de": "Drohungen, Hetze und herabwürdigende, aggressive Sprache veröffentlichen wir nicht.",
        "text_en": "We do not publish threats, hate speech or aggressive, dehumanising wording.",
    },
    ADVERTISING: {
        "de": "Werbung und Werbe-Links",
        "en": "Advertising and promotional links",
        "text_de": "Werbung, Werbe-Links und Spam veröffentlichen wir nicht.",
        "text_en": "We do not publish advertising, promotional links or spam.",
    },
    OFF_TOPIC: {
        "de": "Kein Bezug zum Artikel",
        "en": "No reference to the article",
        "text_de": "Kommentare ohne konkreten Bezug zum Artikel veröffentlichen wir nicht.",
        "text_en": "We do not publish comments without a concrete reference to the article.",
    },
    OTHER: {
        "de": "Sonstiges",
        "en": "Other",
        "text_de": "Der Kommentar verstößt gegen unsere Kommentarrichtlinien.",
        "text_en": "The comment breaks our comment guidelines.",
    },
}

REASON_CODES = tuple(DEFAULT_HOUSE_RULES)

DEFAULT_GUIDELINES = _(
    "Wir prüfen jeden Kommentar vor der Veröffentlichung. Nicht veröffentlicht werden "
    "Unterstellungen, Beleidigungen und Schimpfwörter, aggressive Formulierungen, Werbung "
    "und Kommentare ohne konkreten Bezug zum Artikel. Je nach Aufkommen kann die Prüfung "
    "eine Weile dauern."
)


def default_house_rules():
    return {code: dict(rule) for code, rule in DEFAULT_HOUSE_RULES.items()}


def rule_label(house_rules, code, language="de"):
    rule = (house_rules or {}).get(code) or DEFAULT_HOUSE_RULES.get(code, {})
    return rule.get(language) or rule.get("de") or code


def rule_text(house_rules, code, language="de"):
    rule = (house_rules or {}).get(code) or DEFAULT_HOUSE_RULES.get(code, {})
    return rule.get(f"text_{language}") or rule.get("text_de") or ""
