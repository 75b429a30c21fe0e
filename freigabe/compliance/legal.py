"""German criminal-law provisions a reader may name when reporting a comment as illegal."""

# code -> German label, English label, DSA Transparency Database category
LEGAL_GROUNDS = {
    "StGB §185": ("Beleidigung", "Insult", "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH"),
    "StGB §186": ("Üble Nachrede", "Defamation", "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH"),
    "StGB §187": ("Verleumdung", "Calumny", "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH"),
    "StGB §130": ("Volksverhetzung", "Incitement to hatred", "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH"),
    "StGB §111": (
        "Öffentliche Aufforderung zu Straftaten",
        "Public incitement to crime",
        "STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY",
    ),
    "StGB §241": ("Bedrohung", "Threat", "STATEMENT_CATEGORY_VIOLENCE"),
    "StGB §86a": (
        "Verwenden von Kennzeichen verfassungswidriger Organisationen",
        "Use of symbols of unconstitutional organisations",
        "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH",
    ),
    "StGB §131": ("Gewaltdarstellung", "Depiction of violence", "STATEMENT_CATEGORY_VIOLENCE"),
    "other": ("Sonstige Rechtsvorschrift", "Other provision", "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH"),
}


def legal_ground_label(code, language="de"):
    german, english, _ = LEGAL_GROUNDS.get(code, (code, code, ""))
    return english if language == "en" else german


def legal_citation(code):
    """'StGB §185' as German law cites it: '§ 185 StGB'."""
    law, _, section = code.partition(" ")
    return f"§ {section.lstrip('§')} {law}" if section.startswith("§") else code


def legal_ground_text(code):
    """'§ 185 StGB (Beleidigung)': how the ground appears in statements and exports."""
    if code == "other":
        return legal_ground_label(code)
    return f"{legal_citation(code)} ({legal_ground_label(code)})"
