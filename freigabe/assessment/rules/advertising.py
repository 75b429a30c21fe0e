"""Advertising and spam: links, contact details and sales talk.

A link alone is weak evidence (readers cite sources); reputable sources, the
publisher's own site and domains the article itself mentions do not count at all.
Hidden links (`shop[punkt]de`, `hxxp://`), link shorteners, denied domains, the
same domain posted again and again, and promotional phrases push the score up.

`recent_links` is an optional list of URLs or domains recently posted on the site
(for example by the same author in the last day); a domain that appears there
`policy.repeated_link_limit` times or more counts as repeated posting.
"""

import re
from functools import lru_cache

from freigabe.assessment.policy import clean_domain
from freigabe.assessment.prefilter import GuardedPattern
from freigabe.assessment.result import RuleScore, evidence_at

_TLD = (
    r"(?:de|com|net|org|info|biz|shop|store|online|site|xyz|top|io|ru|eu|at|ch|co|uk|me|tv|"
    r"app|club|vip|live|click|link|pro|fr|nl|it|es|pl|us|cc|ly|gl|be|win|bet|cash|money|gov|int)"
)
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_URL = re.compile(
    r"(?:\b(?:https?|hxxps?|h\*\*ps?)://|\bwww\.)[^\s<>\"'()\[\]]+"
    rf"|\b(?:{_LABEL}\.)+{_TLD}\b(?:/[^\s<>\"']*)?",
    re.IGNORECASE,
)
# Hidden links: "www . shop . de", "shop[punkt]de", "shop (dot) com", "shop punkt de".
# Only common top-level domains, so "ein Punkt es gibt" stays a sentence.
_HIDDEN_TLD = r"(?:de|com|net|org|info|shop|store|online|eu|ru|io|biz|xyz)"
_DOT_WORD = r"(?:\s*[\[(\{]\s*(?:punkt|dot|\.)\s*[\])\}]\s*|\s+(?:punkt|dot)\s+|\s+\.\s+)"
_HIDDEN_WWW = (
    rf"\bwww\s*(?:\.|{_DOT_WORD})\s*{_LABEL}(?:\s*(?:\.|{_DOT_WORD})\s*{_LABEL})*"
    rf"\s*(?:\.|{_DOT_WORD})\s*{_TLD}\b"
)
_OBFUSCATED_URL = re.compile(
    rf"{_HIDDEN_WWW}|\b{_LABEL}(?:{_DOT_WORD}{_LABEL})*{_DOT_WORD}{_HIDDEN_TLD}\b", re.IGNORECASE
)
# The first alternative alone: what _OBFUSCATED_URL matches in a text that has no
# "punkt", "dot" or spaced/bracketed dot, where the second alternative cannot match.
_OBFUSCATED_WWW = re.compile(_HIDDEN_WWW, re.IGNORECASE)
# A plain link needs "://", "www." or a dot before a top-level domain.
_DOT_TLD = re.compile(rf"\.{_TLD}")
_DOT_TLD_WORD = re.compile(rf"\.{_TLD}\b")
_PUNKT_OR_DOT_WORD = re.compile(r"\b(?:punkt|dot)\b")
_SPACED_DOT_ONLY = re.compile(r"\.(?<=\s\.)(?=\s)")  # starts with the literal dot: fast to find
_HIDDEN_MARKERS = ("punkt", "dot", "[", "(", " . ", "www")
_SPACED_DOT = re.compile(r"\s\.|[\[({]\s*\.\s*[\])}]")
_EMAIL = re.compile(
    r"\b[\w.+-]+\s*(?:@|\[at\]|\(at\)|\s+at\s+)\s*[\w-]+(?:\.|\s*\[?punkt\]?\s*|\s*\(dot\)\s*)[a-z]{2,}\b",
    re.IGNORECASE,
)
_PHONE = re.compile(
    r"(?<![\w+])(?:\+|00)[1-9][\d /().-]{7,18}\d|(?<![\w+])0[1-9]\d{1,4}[ /-]?\d{3,}(?:[ -]?\d+)*"
)
_SHORTENERS = frozenset(
    {"bit.ly", "tinyurl.com", "t.co", "goo.gl", "ow.ly", "is.gd", "cutt.ly", "t.me", "wa.me", "linktr.ee"}
)

# (pattern on normalised text, weight, why)
_PROMO_PHRASES = [
    (r"\bjetzt (kaufen|bestellen|zugreifen|anmelden|registrieren|sichern|testen)", 0.7, "Kaufaufforderung"),
    (r"\b(\d+ ?%|prozent) (rabatt|nachlass|sparen|gespart)", 0.75, "Rabattangebot"),
    (r"\b(rabatt|gutschein)\w*", 0.45, "Rabatt/Gutschein"),
    (
        r"\b(gratis|kostenlos)\w*\b.{0,40}\b(testen|bestellen|sichern|anmelden|download|probe)",
        0.6,
        "Gratisangebot",
    ),
    (r"\bgratis\b", 0.3, "„gratis“"),
    (
        r"\b(sonderangebot|schnaeppchen|nur (noch )?heute|limitiert\w*|solange der vorrat)",
        0.5,
        "Verkaufsangebot",
    ),
    (
        r"\b(verdien|verdiene|verdienen|verdient)\w* (sie |du |ich |man )?.{0,40}(von zu ?hause|nebenbei|pro (tag|woche|monat|stunde)|im monat|am tag)",
        0.85,
        "Verdienstversprechen",
    ),
    (r"\b(von zu ?hause|home ?office) (aus )?(geld )?verdienen", 0.85, "Verdienstversprechen"),
    (
        r"\b(nebenverdienst|nebeneinkommen|passives einkommen|finanzielle freiheit|reich werden)",
        0.7,
        "Verdienstversprechen",
    ),
    (
        r"\b\d[\d.,]* ?(euro|eur|€|\$|dollar) (pro|am|im|die|in der) (tag|woche|monat|stunde)",
        0.6,
        "Verdienstversprechen",
    ),
    (
        r"\b(bitcoin|krypto|crypto|btc|ethereum|forex|trading)\w*.{0,60}\b(verdien|gewinn|rendite|investier|reich|profit)",
        0.8,
        "Krypto-/Anlagewerbung",
    ),
    (
        r"\b(verdien|gewinn|rendite|investier|profit)\w*.{0,60}\b(bitcoin|krypto|crypto|btc|forex|trading)",
        0.8,
        "Krypto-/Anlagewerbung",
    ),
    (
        r"\b(klick|klicke|klicken sie|klickt) (hier|auf (den|meinen|diesen) link)|\bhier klicken\b|\blink in (der |meiner )?bio\b",
        0.75,
        "Klick-Aufforderung",
    ),
    (
        r"\b(besuch|besuchen sie|besucht|schau|schaut|schauen sie) (doch )?(mal )?(auf |bei )?(meine[nm]?|unsere[nm]?) (seite|shop|website|homepage|profil|kanal|blog)",
        0.75,
        "Eigenwerbung",
    ),
    (
        r"\b(meine[nm]?|unsere[nm]?) (online-?)?(shop|webseite|website|homepage|kanal|youtube-?kanal|blog|onlineshop)\b",
        0.45,
        "Eigenwerbung",
    ),
    (
        r"\b(schreib|schreiben sie|meld|melden sie) (mir|uns|dich|sich)\b.{0,40}\b(whatsapp|telegram|dm|pn|nachricht|e-?mail)",
        0.7,
        "Kontaktaufforderung",
    ),
    (r"\b(whatsapp|telegram|signal)(-?gruppe|-?kanal)?\b.{0,30}\b\+?\d{3}", 0.7, "Messenger-Kontakt"),
    (
        r"\b(casino|sportwetten|viagra|cialis|potenzmittel|abnehm\w*|diaetpille|singles in|sexkontakt|partnervermittlung|kredit ohne schufa)\b",
        0.8,
        "typische Spam-Ware",
    ),
    (r"\b(bestell|kauf|kaufen sie|kauft)\w* (jetzt )?(bei|unter|auf) ", 0.6, "Kaufaufforderung"),
    (
        r"\b(angebot|versandkostenfrei|gratisversand|zum sonderpreis|nur \d+[,.]?\d* ?(euro|€))",
        0.45,
        "Verkaufsangebot",
    ),
]
# Each phrase skips its scan when the text lacks the literals any match contains.
_PROMO = [(GuardedPattern(pattern), weight, why) for pattern, weight, why in _PROMO_PHRASES]


# A comment that is little more than a link: the words beside it, at most.
_MOSTLY_LINK_WORDS = 8
_WORDS = re.compile(r"[^\W\d_]{2,}")
# Words of shops and sales, in a domain or beside the link.
_COMMERCIAL = GuardedPattern(
    r"(shop|store|billig|guenstig|deal|sale|outlet|rabatt|discount|kredit|casino|wett|bet|preis|kauf|markt|"
    r"schnaeppchen|angebot|cheap|buy|replica|versand|bestell|gratis|kostenlos|top|beste|qualitaet|euro|€|"
    r"\d+[,.]\d\d|prozent|%|→|->|👉|gibt es bei|gibts bei|ab \d)"
)
_MOSTLY_LINK_WEIGHT, _MOSTLY_LINK_PLAIN_WEIGHT = 0.62, 0.45


def score_advertising(text, normalised, policy, article=None, recent_links=None):
    """RuleScore for the advertising rule."""
    weighted = []  # (weight, Evidence)
    seen_spans = []
    for start, end, domain, hidden in _links(text):
        seen_spans.append((start, end))
        weight, why = _link_weight(domain, hidden, policy, article, recent_links)
        if weight and weight < _MOSTLY_LINK_WEIGHT and _mostly_link(text, start, end):
            commercial = _COMMERCIAL.search(normalised.text) or _COMMERCIAL.search(text[start:end].lower())
            weight = _MOSTLY_LINK_WEIGHT if commercial else max(weight, _MOSTLY_LINK_PLAIN_WEIGHT)
            why = f"fast nur ein Link auf {domain}" + (" (Werbung)" if commercial else "")
        if weight:
            weighted.append((weight, evidence_at(text, start, end, why)))
    for match in (
        _EMAIL.finditer(text) if ("@" in text or " at " in text or "(at)" in text or "[at]" in text) else ()
    ):
        if not _inside(match.start(), seen_spans) or "@" in match.group(0):
            weighted.append((0.5, evidence_at(text, match.start(), match.end(), "E-Mail-Adresse")))
            seen_spans.append(match.span())
    # A phone number starts with "+", "00" or "0": without a "0" or "+" there is none.
    for match in _PHONE.finditer(text) if ("0" in text or "+" in text) else ():
        if _digits(match.group(0)) >= 7 and not _inside(match.start(), seen_spans):
            weighted.append((0.55, evidence_at(text, match.start(), match.end(), "Telefonnummer")))
    folded = normalised.text
    for pattern, weight, why in _PROMO:
        for match in pattern.finditer(folded):
            start, end = normalised.original_span(*match.span())
            weighted.append((weight, evidence_at(text, start, end, why)))
    return RuleScore(_noisy_or(weighted), _strongest_first(weighted))


def _mostly_link(text, start, end):
    """True when the words beside the link are few: the link is the message."""
    return len(_WORDS.findall(text[:start] + " " + text[end:])) <= _MOSTLY_LINK_WORDS


def link_domains(text):
    """The domains of all links in `text`, hidden ones included."""
    return [domain for _, _, domain, _ in _links(text)]


def _links(text):
    """(start, end, domain, hidden) for every link, plain or obfuscated."""
    found = []
    lowered = text.lower()
    if not _may_have_link(lowered):
        return found  # cheap pre-check: the full patterns are slow on long comments
    plain_possible = "://" in lowered or "www." in lowered or _DOT_TLD.search(lowered)
    for match in _URL.finditer(text) if plain_possible else ():
        raw = match.group(0).rstrip(".,;:!?")
        hidden = raw.lower().startswith(("hxxp", "h**p"))
        domain = clean_domain(re.sub(r"^(hxxps?|h\*\*ps?)://", "", raw, flags=re.IGNORECASE))
        if _plausible_domain(domain):
            found.append((match.start(), match.start() + len(raw), domain, hidden))
    if not any(marker in lowered for marker in _HIDDEN_MARKERS):
        return found
    # An obfuscated link needs "www", "punkt"/"dot" or a spaced or bracketed dot;
    # a mere parenthesis (common in comments) is no reason for the slow scan. Without
    # the latter only the "www" alternative can match: scan with it alone (faster).
    if "punkt" in lowered or "dot" in lowered or _SPACED_DOT.search(lowered):
        hidden_pattern = _OBFUSCATED_URL
    elif "www" in lowered:
        hidden_pattern = _OBFUSCATED_WWW
    else:
        return found
    for match in hidden_pattern.finditer(text):
        if _inside(match.start(), [(s, e) for s, e, _, _ in found]):
            continue
        domain = _deobfuscate(match.group(0))
        if _plausible_domain(domain):
            found.append((match.start(), match.end(), domain, True))
    return found


def _may_have_link(lowered):
    """False when no link, plain or hidden, can be in the (lowercased) text.

    Substring tests first; each regex runs only when its literal is there (one regex
    alternation of all of these tried every alternative at every position: slow).
    """
    if "://" in lowered or "www" in lowered or "[" in lowered or "(" in lowered:
        return True
    if "." in lowered and (_DOT_TLD_WORD.search(lowered) or _SPACED_DOT_ONLY.search(lowered)):
        return True
    return ("punkt" in lowered or "dot" in lowered) and _PUNKT_OR_DOT_WORD.search(lowered) is not None


def _plausible_domain(domain):
    labels = domain.split(".")
    # "z.B" or "Nr.de" are no links; a real name has a label of two letters or more
    return len(labels) >= 2 and len(labels[-2]) >= 2 and not labels[-2].isdigit()


def _deobfuscate(raw):
    collapsed = re.sub(
        r"\s*[\[(\{]\s*(punkt|dot|\.)\s*[\])\}]\s*|\s+(punkt|dot)\s+|\s*\.\s*", ".", raw, flags=re.IGNORECASE
    )
    return clean_domain(collapsed.replace(" ", ""))


def _link_weight(domain, hidden, policy, article, recent_links):
    if policy.domain_is_denied(domain):
        return 0.97, f"Domain {domain} ist gesperrt"
    if _repeated(domain, recent_links, policy.repeated_link_limit):
        return 0.9, f"{domain} wurde wiederholt gepostet"
    if policy.domain_is_allowed(domain) or domain in _article_domains(article or ""):
        return 0.0, ""
    if hidden:
        return 0.8, f"verschleierter Link ({domain})"
    if domain in _SHORTENERS:
        return 0.75, f"Kurz-Link verbirgt das Ziel ({domain})"
    return 0.4, f"Link auf {domain}"


def _repeated(domain, recent_links, limit):
    if not recent_links:
        return False
    count = sum(1 for item in recent_links if clean_domain(str(item)) == domain)
    return count >= limit


@lru_cache(maxsize=256)
def _article_domains(article):
    return frozenset(link_domains(article)) if article else frozenset()


def _noisy_or(weighted):
    """Probability that at least one independent cue is right."""
    remaining = 1.0
    for weight, _ in weighted:
        remaining *= 1.0 - weight
    return 1.0 - remaining


def _strongest_first(weighted, limit=8):
    ordered = sorted(weighted, key=lambda pair: (-pair[0], pair[1].start))
    return [evidence for _, evidence in ordered[:limit]]


def _inside(position, spans):
    return any(start <= position < end for start, end in spans)


def _digits(value):
    return sum(char.isdigit() for char in value)
