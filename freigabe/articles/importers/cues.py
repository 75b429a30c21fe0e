"""Words that give away page furniture rather than article text, shared by both importers.

Each list is a set of regular expressions matched case-insensitively. They are cues, not
verdicts: the line classifier in textdump.py weighs them against a line's shape.
"""

import re


def _compile(patterns):
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


# Headers that open the comment section, and the moderation notices found there.
COMMENT_SECTION = _compile(
    [
        r"^(?:\d+\s+)?(?:leser)?kommentare?(?:\s*\(\d+\))?$",
        r"^ihre meinung\b",
        r"^kommentieren$",
        r"^diskutieren sie mit",
        r"^diskussion(?:\s*\(\d+\))?$",
        r"^zu den kommentaren",
        r"^kommentar schreiben",
        r"^(?:\d+\s+)?comments?$",
        r"^leave a (?:comment|reply)",
        r"^join the (?:conversation|discussion)",
    ]
)
COMMENT_RULES = _compile(
    [
        r"kommentar-?bereich",
        r"netiquette",
        r"diskussionsregeln",
        r"community[- ]?richtlinien",
        r"kommentare? .{0,40}(?:frei(?:geschaltet|gegeben|geben)|geprüft|prüfung|moderiert|"
        r"veröffentlich)",
        r"(?:frei(?:geschaltet|gegeben|geben)|prüfung|moderation)\b.{0,40}\bkommentar",
        r"verzichten sie auf .{0,40}(?:beleidigung|unterstellung|schimpfw)",
        r"liebe leser(?:innen)?\b",
        r"comment (?:policy|guidelines)",
    ]
)
NEWSLETTER = _compile(
    [
        r"newsletter",
        r"\babonnier",
        r"\babo\b",
        r"\babonnement",
        r"\bpaywall\b",
        r"jetzt (?:anmelden|registrieren|testen|weiterlesen|lesen|abschließen)",
        r"\bplus\b.{0,30}\b(?:lesen|testen|abo)",
        r"weiterlesen mit",
        r"bereits (?:abonnent|ein abo|registriert)",
        r"exklusiv für abonnenten",
        r"monat(?:lich)? kündbar",
        r"sign up\b",
        r"\bsubscribe\b",
        r"\bsubscription\b",
    ]
)
SHARE_AND_NAVIGATION = _compile(
    [
        r"^(?:teilen|share|drucken|print|e-?mail|mail|facebook|twitter|x|whatsapp|telegram|"
        r"linkedin|xing|pinterest|flipboard|messenger|pocket|kopieren|link kopieren|merken|"
        r"zur merkliste(?: hinzufügen)?|artikel (?:teilen|verschenken|anhören|merken|drucken)|"
        r"vorlesen|anhören|audio|schließen|menü|menu|suche|search|startseite|home|login|"
        r"anmelden|registrieren|abmelden|mein konto|zurück|weiter|nach oben|top|mehr|"
        r"alle anzeigen|bild vergrößern|vergrößern|zoom|bildergalerie|galerie|video|podcast|"
        r"anzeige|werbung)$",
        r"^(?:impressum|datenschutz(?:erklärung)?|kontakt|agb|cookie-?einstellungen|"
        r"barrierefreiheit|mediadaten|jobs|karriere|rss|sitemap|nutzungsbedingungen)$",
        r"^(?:references|verweise|links)$",
        r"^zur startseite",
        r"^zum inhalt springen",
        r"^zurück zur",
        r"^artikel (?:teilen|verschenken)",
        r"lesedauer:?\s*\d",
        r"^\d+\s*min(?:uten|\.)?\s*(?:lesezeit|lesen)?$",
        r"\bcookies?\b",
        r"alle rechte vorbehalten",
        r"^(?:©|copyright)",
        r"hier klicken",
        r"^anzeige\b",
        r"^werbung\b",
    ]
)
RELATED_LINKS = _compile(
    [
        r"^mehr (?:zu(?:m)?|über)\s+(?:diesem |dem )?thema",
        r"^lesen sie (?:auch|mehr)",
        r"^das könnte sie (?:auch )?interessieren",
        r"^auch interessant",
        r"^empfehlungen",
        r"^weitere (?:artikel|themen|nachrichten|meldungen|beiträge)",
        r"^meistgelesen",
        r"^top[- ]artikel",
        r"^mehr aus\b",
        r"^zum thema\b",
        r"^verwandte (?:themen|artikel)",
        r"^(?:related|read more|more on this|most read)\b",
    ]
)
SIGN_OFF = _compile(
    [
        r"^ihre?\s+.{1,40}redaktion\.?$",
        r"^(?:die|ihre|eure)\s+redaktion\.?$",
        r"über dieses thema berichtete",
        r"dieser (?:artikel|beitrag|text) (?:erschien|ist) (?:zuerst|erstmals|ursprünglich)",
        r"^reporting by\b",
        r"^editing by\b",
        r"^our standards\b",
        r"^\(?(?:mit|red|redaktion)\)?$",
        r"^\([a-z]{2,4}\)$",
        r"^(?:korrektur|hinweis der redaktion|transparenzhinweis)\b",
    ]
)


def is_boilerplate_text(text):
    """True for a paragraph that is page furniture whatever its shape (used on HTML output)."""
    text = text.strip()
    return bool(
        COMMENT_RULES.search(text)
        or COMMENT_SECTION.search(text)
        or SIGN_OFF.search(text)
        or RELATED_LINKS.search(text)
        or (len(text) < 300 and NEWSLETTER.search(text))
        or (len(text) < 80 and SHARE_AND_NAVIGATION.search(text))
    )
