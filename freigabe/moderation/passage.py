"""Which passage of the article a comment refers to: the sentence sharing most words with it."""

import math
import re

SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'»«“”]?\s+(?=[\"'»«“„A-ZÄÖÜ0-9])|\n\s*\n")
WORD = re.compile(r"[^\W\d_]{3,}|\d+", re.UNICODE)
# Short words carry no topic; German inflection is approximated by comparing word stems.
STOPWORDS = frozenset(
    """
aber alle allem allen aller alles als also auch auf aus bei beim bin bis bist das dass dem
den denn der des dessen die dies diese diesem diesen dieser dieses doch dort durch ein eine
einem einen einer eines für gegen hab habe haben hat hatte hier hin ich ihm ihn ihr ihre
ist jetzt kann kein keine man mehr mein mit nach nicht noch nur oder ohne sehr sein seine
sich sie sind und uns unter vom von vor war waren was weil wenn werden wie wieder wir wird
wo zu zum zur über the and for that this with are was have not you
""".split()
)
STEM_LENGTH = 6


def sentences(text):
    return [part.strip() for part in SENTENCE_END.split(text or "") if part and part.strip()]


def stems(text):
    return {word.lower()[:STEM_LENGTH] for word in WORD.findall(text or "") if word.lower() not in STOPWORDS}


def referenced_passage(article_body, comment_body):
    """The article sentence that best overlaps the comment, or "" if none shares a word.

    Rare words weigh more (inverse sentence frequency within the article), so a shared
    'Lindenallee' counts for more than a shared 'Stadt' that every sentence mentions.
    """
    candidates = sentences(article_body)
    wanted = stems(comment_body)
    if not candidates or not wanted:
        return ""
    sentence_stems = [stems(sentence) for sentence in candidates]
    frequency = {}
    for found in sentence_stems:
        for stem in found:
            frequency[stem] = frequency.get(stem, 0) + 1
    best, best_score = "", 0.0
    for sentence, found in zip(candidates, sentence_stems):
        shared = wanted & found
        score = sum(math.log(1 + len(candidates) / frequency[stem]) for stem in shared)
        if score > best_score:
            best, best_score = sentence, score
    return best
