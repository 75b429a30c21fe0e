"""Insults the lexicon misses because of how they are spelt.

- Umlaut plurals the lexicon's endings do not cover ("Dummköpfe", "Blödmänner").
- One letter swapped, left out, added or replaced ("Idoit", "Volldiot", "Arschloh"):
  a deletion index of the strong insult words (each word and its one-letter
  deletions) finds a token when the token or one of its own one-letter deletions is
  in it. A token the training corpora know as a word is never read as a misspelling
  ("Schein" is not "Schwein").
"""

import re

from freigabe.assessment.lexicon import DEFAULT_LEXICON, INSULT, INSULT_WORDS
from freigabe.assessment.normalise import squeeze
from freigabe.assessment.rules.off_topic import _STEMMER, STOP_WORDS

WHY_DISGUISED = "Schimpfwort, verfremdet geschrieben"
_PLURALS = (
    ("koepfe", "kopf"),
    ("maenner", "mann"),
    ("loecher", "loch"),
    ("saecke", "sack"),
    ("saeue", "sau"),
)
_MIN_WORD, _MIN_WEIGHT, _WEIGHT = 5, 0.75, 0.72
# Real words one letter away from an insult that a small corpus may not know.
_LOOK_ALIKES = frozenset(
    {"idiom", "idiome", "idioms", "idole", "idolen", "trotteln", "schein", "posten", "weichser"}
)
_TOKEN = re.compile(r"[a-z]{5,}")


def _deletions(word):
    return {word[:index] + word[index + 1 :] for index in range(len(word))}


# Compounds of the lexicon's modifiers, common enough to be misspelt as one word.
_COMPOUNDS = ("vollidiot", "volltrottel", "vollhorst", "vollpfosten", "vollhonk")
_MIN_HEAD = 6  # a compound's head shorter than this matches too many harmless tails ("-diener")


def _build_index(heads_only=False):
    """(words, {one-letter deletion of a word: word})."""
    words, deletions = set(), {}
    entries = [*INSULT_WORDS.items(), *((word, (0.9, "exact")) for word in _COMPOUNDS)]
    for word, (weight, mode) in entries:
        word = squeeze(word)
        if heads_only and (mode != "head" or len(word) < _MIN_HEAD):
            continue
        if len(word) >= _MIN_WORD and weight >= _MIN_WEIGHT:
            words.add(word)
            for variant in _deletions(word):
                deletions.setdefault(variant, word)
    return words, deletions


_INDEX = _build_index()
_HEADS = _build_index(heads_only=True)  # words that end compounds ("Vollidiot")


def find_disguised_insults(text, covered, known_stems):
    """[(start, end, weight, why)] in normalised `text`, skipping spans in `covered`."""
    hits = []
    for match in _TOKEN.finditer(text):
        if any(start < match.end() and match.start() < end for start, end in covered):
            continue
        weight = _readings(known_stems).get(match.group())
        if weight is None:
            weight = _readings(known_stems)[match.group()] = _reading(match.group(), known_stems)
        if weight:
            hits.append((match.start(), match.end(), weight, WHY_DISGUISED))
    return hits


_CACHES = {}  # id(known_stems) -> (known_stems, {token: weight})


def _readings(known_stems):
    entry = _CACHES.get(id(known_stems))
    if entry is None or entry[0] is not known_stems or len(entry[1]) > 100_000:
        if len(_CACHES) > 4:
            _CACHES.clear()
        entry = _CACHES[id(known_stems)] = (known_stems, {})
    return entry[1]


def _reading(token, known_stems):
    for plural, singular in _PLURALS:
        if token.endswith(plural):
            found = DEFAULT_LEXICON.find(token[: -len(plural)] + singular, INSULT)
            if found:
                return max(hit.weight for hit in found)
    if (
        token in STOP_WORDS
        or token in _LOOK_ALIKES
        or known_stems is None
        or _STEMMER.stemWord(token) in known_stems
    ):
        return 0.0
    squeezed = squeeze(token)
    if _near(squeezed, _INDEX):
        return _WEIGHT
    for cut in range(3, len(squeezed) - _MIN_HEAD + 1):  # "Drecksarschloh": a compound's misspelt head
        if _near(squeezed[cut:], _HEADS):
            return _WEIGHT
    return 0.0


def _near(token, index):
    """One letter left out, added, or two neighbours swapped: an insult of the index
    (a replaced letter is not enough: "verreist" is not "verpisst")."""
    words, deletions = index
    if token in words:
        return False  # the lexicon has it
    if token in deletions:  # "idot"
        return True
    if any(variant in words for variant in _deletions(token)):  # "idiiot"
        return True
    return any(
        token[:at] + token[at + 1] + token[at] + token[at + 2 :] in words for at in range(len(token) - 1)
    )
