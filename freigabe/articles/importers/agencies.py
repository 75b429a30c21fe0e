"""News agency credits: "(afp/dl)", "Quelle: dpa", "© Reuters", "mit Material von dpa und AFP".

Agencies matter for moderation (an agency text is not the outlet's own reporting) and for
licensing; photo credits are deliberately not read here, a photo agency is not a text source.
"""

import re

# Normalised name -> spellings seen in credits (matched case-insensitively as whole words).
AGENCY_SPELLINGS = {
    "dpa": ["dpa", "deutsche presse-agentur", "dpa-infocom"],
    "dpa-afx": ["dpa-afx"],
    "afp": ["afp", "agence france-presse", "agence france presse"],
    "reuters": ["reuters", "thomson reuters"],
    "ap": ["ap", "associated press"],
    "epd": ["epd", "evangelischer pressedienst"],
    "kna": ["kna", "katholische nachrichten-agentur"],
    "sid": ["sid", "sport-informations-dienst"],
    "dts": ["dts", "dts nachrichtenagentur"],
    "apa": ["apa", "austria presse agentur"],
    "sda": ["sda", "keystone-sda"],
    "ddp": ["ddp"],
    "bloomberg": ["bloomberg"],
}

_SPELLING_TO_AGENCY = {
    spelling: agency for agency, spellings in AGENCY_SPELLINGS.items() for spelling in spellings
}
# Longest spellings first so "dpa-afx" wins over "dpa".
_AGENCY_WORD = re.compile(
    r"(?<![\w-])("
    + "|".join(re.escape(s) for s in sorted(_SPELLING_TO_AGENCY, key=len, reverse=True))
    + r")(?![\w-])",
    re.IGNORECASE,
)

# "(afp/dl)", "(dpa/lnw)", "(red/dpa)", "(mit dpa)", "(AFP, Reuters)" at the end of a paragraph.
_TRAILING_PARENTHESIS = re.compile(r"\s*\(([^()]{2,60})\)\s*$")
# "Berlin (dpa) - ...", "HAMBURG, Nov 4 (Reuters) - ..." at the start of a paragraph.
_DATELINE = re.compile(r"^[A-ZÄÖÜ][\w./, -]{1,40}\s\(([^()]{2,30})\)\s*[-–—:]")
# A whole line naming the sources.
_SOURCE_LINE = re.compile(
    r"^(?:quellen?|mit material (?:von|der|des)|material|agenturen|text|mit|sources?)"
    r"\s*:?\s+(.{2,120}?)\.?$",
    re.IGNORECASE,
)
_COPYRIGHT_LINE = re.compile(r"^(?:©|\(c\)|copyright)\s*(?:\d{4}\s*)?(.{2,80}?)\.?$", re.IGNORECASE)
# What may surround agency names inside a credit without making it prose.
_CREDIT_FILLER = re.compile(
    r"\b(?:und|and|mit|sowie|red|redaktion|material|von|der|agenturen|nachrichtenagentur|"
    r"nachrichtenagenturen)\b|[/,;&+.\s-]",
    re.IGNORECASE,
)


def agencies_named_in(text):
    """Normalised agencies named in `text`, in order of first mention, without repeats."""
    found = []
    for match in _AGENCY_WORD.finditer(text or ""):
        agency = _SPELLING_TO_AGENCY[match.group(1).lower()]
        if agency not in found:
            found.append(agency)
    return found


def _is_credit(text):
    """True if `text` names agencies and otherwise holds only fillers or editor initials."""
    if not agencies_named_in(text):
        return False
    rest = _CREDIT_FILLER.sub(" ", _AGENCY_WORD.sub(" ", text)).split()
    # Editor initials like "dl" or "lnw" may remain; real words may not.
    return all(len(word) <= 4 and word.islower() for word in rest)


def credit_line_agencies(line):
    """Agencies if the whole line is a credit ("Quelle: dpa", "© Reuters", "AFP/dpa"), else []."""
    line = line.strip()
    for pattern in (_SOURCE_LINE, _COPYRIGHT_LINE):
        match = pattern.match(line)
        if match and _is_credit(match.group(1)):
            return agencies_named_in(match.group(1))
    bare = line.strip("()[] .")
    if len(bare) <= 60 and _is_credit(bare):
        return agencies_named_in(bare)
    return []


def split_trailing_credit(paragraph):
    """Split "... zu üben. (afp/dl)" into ("... zu üben.", ["afp"]); no credit gives []."""
    match = _TRAILING_PARENTHESIS.search(paragraph)
    if match and _is_credit(match.group(1)):
        return paragraph[: match.start()].rstrip(), agencies_named_in(match.group(1))
    return paragraph, []


def dateline_agencies(paragraph):
    """Agencies from a dateline opening a paragraph: "Berlin (dpa) - Die Regierung ..."."""
    match = _DATELINE.match(paragraph)
    if match and _is_credit(match.group(1)):
        return agencies_named_in(match.group(1))
    return []


def merge(*agency_lists):
    merged = []
    for agencies in agency_lists:
        merged.extend(agency for agency in agencies if agency not in merged)
    return merged
