"""Which language an article is in, by counting very common words: simple and good enough
for whole articles, where a few hundred words leave no doubt."""

import re

STOP_WORDS = {
    "de": {"der", "die", "das", "und", "ist", "nicht", "sich", "mit", "auf", "für", "den",
           "dem", "ein", "eine", "einer", "auch", "es", "von", "zu", "im", "wird", "wurde",
           "sie", "bei", "nach", "aus", "wie", "oder", "aber", "noch", "hat", "sind", "dass"},
    "en": {"the", "and", "of", "to", "is", "in", "that", "it", "was", "for", "on", "are",
           "with", "as", "his", "they", "be", "at", "by", "this", "have", "from", "has",
           "not", "but", "were", "which", "will", "would", "said", "their", "an"},
    "fr": {"le", "la", "les", "et", "est", "des", "une", "dans", "que", "qui", "pour", "pas",
           "sur", "avec", "du", "au", "il", "elle", "sont", "mais", "nous", "aux", "ces"},
    "nl": {"het", "een", "van", "en", "niet", "dat", "zijn", "op", "voor", "met", "ook",
           "maar", "door", "wordt", "werd", "bij", "naar", "heeft", "deze", "dit", "geen"},
    "es": {"el", "los", "las", "y", "es", "del", "una", "por", "con", "para", "como", "pero",
           "más", "sus", "fue", "este", "esta", "también", "entre", "cuando", "muy"},
    "it": {"il", "di", "che", "è", "per", "una", "sono", "con", "non", "gli", "della",
           "anche", "alla", "nel", "come", "più", "dei", "questo", "ma", "stato"},
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
MIN_HITS = 5


def detect_language(text, hint=None):
    """The language code whose stop words occur most, or `hint` (e.g. <html lang>) if the
    text is too short to tell."""
    counts = dict.fromkeys(STOP_WORDS, 0)
    for word in _WORD.findall((text or "").lower()):
        for language, words in STOP_WORDS.items():
            if word in words:
                counts[language] += 1
    best = max(counts, key=counts.get)
    if counts[best] >= MIN_HITS:
        return best
    if hint:
        return hint.split("-")[0].split("_")[0].lower() or None
    return None
