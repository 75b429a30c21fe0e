"""Features shared by training and inference, so both see exactly the same thing.

A comment becomes:
- word uni- and bigrams of the normalised text,
- character n-grams (2–5) inside word boundaries, which survive typos, compounds
  and the obfuscations the normaliser could not undo,
- a few dense lexicon features (our lexicon, the LDNOOBW word lists, direct address,
  shouting), which carry prior knowledge into small training sets.
"""

import math
import re
import string
from functools import lru_cache

from freigabe.assessment.lexicon import AGGRESSION, DEFAULT_LEXICON, INSULT
from freigabe.assessment.memo import Memo
from freigabe.assessment.normalise import normalise, squeeze
from freigabe.assessment.prefilter import GuardedPattern

CHAR_NGRAM_RANGE = (2, 5)
_WORD = re.compile(r"[a-z0-9]{2,}")
_LETTERS = re.compile(r"[a-z]+")
_MENTION_OR_URL = re.compile(r"@\w+|\b(?:https?|hxxps?)://\S+|\bwww\.\S+|\|LBR\|", re.IGNORECASE)
_MAY_HAVE_WWW_OR_LBR = re.compile(r"www\.|\|lbr\|", re.IGNORECASE)
_ADDRESS = re.compile(r"\b(du|dich|dir|dein\w*|ihr|euch|eure?\w*|bist|seid)\b")
_PLURAL_TARGET = GuardedPattern(
    r"\b(die|diese|alle|solche|dieses) (\w+ )?(leute|typen|menschen|pack|leuten|volk)\b"
)
_ASCII_LETTERS = string.ascii_letters.encode()
_ASCII_CAPITALS = string.ascii_uppercase.encode()

DENSE_FEATURE_NAMES = (
    "insult_lexicon_max",
    "insult_lexicon_any",
    "aggression_lexicon_max",
    "aggression_lexicon_any",
    "ldnoobw_hits",
    "direct_address",
    "group_target",
    "shouting",
    "exclamations",
)


def mask_mentions_and_links(text):
    """Blank out @mentions, URLs and GermEval's |LBR| (same length, offsets survive)."""
    if "@" not in text and "://" not in text and not _MAY_HAVE_WWW_OR_LBR.search(text):
        return text  # nothing to mask: skip the slower scan
    return _MENTION_OR_URL.sub(lambda match: " " * len(match.group(0)), text)


def prepare(text):
    """The normalised text the detectors and models read."""
    return normalise(mask_mentions_and_links(text))


def word_ngrams(normalised_text):
    words = _WORD.findall(normalised_text)
    grams = list(words)
    grams.extend(map(" ".join, zip(words, words[1:])))  # "first second"
    return grams


def char_ngrams(normalised_text):
    grams = []
    for word in normalised_text.split():
        grams.extend(word_char_ngrams(word))
    return grams


@lru_cache(maxsize=65536)
def word_char_ngrams(word, low=CHAR_NGRAM_RANGE[0], high=CHAR_NGRAM_RANGE[1]):
    """Character n-grams of one word padded with spaces (cached: words repeat)."""
    padded = f" {word} "
    length = len(padded)
    return tuple(
        padded[i : i + size] for size in range(low, min(high, length) + 1) for i in range(length - size + 1)
    )


def lexicon_hits(normalised_text):
    return DEFAULT_LEXICON.find_all(normalised_text, (INSULT, AGGRESSION))


def dense_features(original_text, normalised_text, hits, ldnoobw_words):
    """The small dense feature vector named by DENSE_FEATURE_NAMES."""
    insult_max = max((hit.weight for hit in hits[INSULT]), default=0.0)
    aggression_max = max((hit.weight for hit in hits[AGGRESSION]), default=0.0)
    ldnoobw = sum(map(_ldnoobw_table(ldnoobw_words).__getitem__, _LETTERS.findall(normalised_text)))
    letters, upper = _letters_and_capitals(original_text)
    upper_share = upper / letters if letters >= 12 else 0.0
    return [
        insult_max,
        1.0 if hits[INSULT] else 0.0,
        aggression_max,
        1.0 if hits[AGGRESSION] else 0.0,
        math.log1p(ldnoobw),
        1.0 if _ADDRESS.search(normalised_text) else 0.0,
        1.0 if _PLURAL_TARGET.search(normalised_text) else 0.0,
        1.0 if upper_share > 0.6 else 0.0,
        min(original_text.count("!"), 5) / 5.0,
    ]


def _letters_and_capitals(text):
    """(letters, capital letters) in `text`, the capitals counted only from 12 letters on.

    ASCII letters are counted by deleting them from the UTF-8 bytes (C speed); only the
    rest (umlauts, other scripts, punctuation) is inspected character by character.
    """
    encoded = text.encode("utf-8", "surrogatepass")
    without_letters = encoded.translate(None, _ASCII_LETTERS)
    rest = without_letters.decode("utf-8", "surrogatepass")
    letters = len(encoded) - len(without_letters) + sum(map(str.isalpha, rest))
    if letters < 12:
        return letters, 0
    rest_capitals = sum(1 for char in filter(str.isupper, rest) if char.isalpha())
    return letters, len(encoded) - len(encoded.translate(None, _ASCII_CAPITALS)) + rest_capitals


_HIT_TABLES = {}  # id(word set) -> (word set, its Memo)


def _ldnoobw_table(words):
    """token -> 1 if its squeezed form is in `words` (the model's LDNOOBW set), else 0."""
    entry = _HIT_TABLES.get(id(words))
    if entry is None or entry[0] is not words:
        if len(_HIT_TABLES) > 8:
            _HIT_TABLES.clear()
        entry = _HIT_TABLES[id(words)] = (words, Memo(lambda token: 1 if squeeze(token) in words else 0))
    return entry[1]


def squeezed_word_set(words):
    """LDNOOBW entries as a set comparable with squeezed tokens (single words only)."""
    result = set()
    for word in words:
        folded = normalise(word.strip()).text
        if folded and " " not in folded and "-" not in folded and len(folded) >= 3:
            result.add(squeeze(folded))
    return result
