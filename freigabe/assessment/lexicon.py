"""Our own curated German lexicon of insults and aggressive wording.

Written for Freigabe (not copied from a list). Words are in normalised form
(lowercase, ä→ae, ß→ss). Each entry has a weight: roughly how likely a comment
that uses the word breaks the rule, before any context is known.

How a word may match a token:
- `exact`: the token is the word, maybe with an inflection ending (Idioten, Trottels).
- `head`: the word ends a compound too (Vollidiot, Drecksgesindel). Only for words
  that are not the tail of harmless words (so not "affe", which ends "Waffe").
- `modifier`: the word starts a compound (Scheißregierung, Drecksblatt).
The models use these hits as features; without a model they give a fallback score.
"""

import re
from dataclasses import dataclass

from freigabe.assessment.memo import Memo
from freigabe.assessment.normalise import squeeze
from freigabe.assessment.prefilter import GuardedPattern

INSULT, AGGRESSION = "insult", "aggression"

# word: (weight, how it may match)
INSULT_WORDS = {
    "idiot": (0.85, "head"),
    "trottel": (0.85, "head"),
    "depp": (0.8, "head"),
    "dummkopf": (0.8, "head"),
    "schwachkopf": (0.85, "head"),
    "hohlkopf": (0.85, "head"),
    "holzkopf": (0.75, "head"),
    "knallkopf": (0.8, "head"),
    "quatschkopf": (0.7, "head"),
    "schwachmat": (0.85, "head"),
    "vollpfosten": (0.9, "head"),
    "pfosten": (0.4, "exact"),
    "arschloch": (0.95, "head"),
    "arsch": (0.7, "exact"),
    "wichser": (0.95, "head"),
    "hurensohn": (0.95, "head"),
    "pisser": (0.9, "head"),
    "penner": (0.75, "head"),
    "versager": (0.75, "head"),
    "honk": (0.8, "head"),
    "spast": (0.9, "exact"),
    "spasti": (0.9, "exact"),
    "mongo": (0.85, "exact"),
    "missgeburt": (0.95, "head"),
    "bastard": (0.85, "head"),
    "schlampe": (0.9, "head"),
    "hure": (0.8, "exact"),
    "fotze": (0.95, "head"),
    "drecksau": (0.95, "head"),
    "sau": (0.55, "exact"),
    "schwein": (0.6, "exact"),
    "drecksschwein": (0.95, "head"),
    "mistkerl": (0.85, "head"),
    "miststueck": (0.9, "head"),
    "kotzbrocken": (0.9, "head"),
    "dumm": (0.55, "exact"),
    "saudumm": (0.8, "exact"),
    "strohdumm": (0.85, "exact"),
    "bloed": (0.5, "exact"),
    "bloedmann": (0.85, "head"),
    "doof": (0.45, "exact"),
    "bescheuert": (0.6, "exact"),
    "bekloppt": (0.7, "exact"),
    "beknackt": (0.7, "exact"),
    "hirnlos": (0.8, "exact"),
    "hirnverbrannt": (0.85, "exact"),
    "hirnamputiert": (0.9, "exact"),
    "geisteskrank": (0.7, "exact"),
    "gestoert": (0.45, "exact"),
    "behindert": (0.45, "exact"),
    "kretin": (0.85, "head"),
    "witzfigur": (0.75, "head"),
    "lachnummer": (0.6, "head"),
    "stuemper": (0.7, "head"),
    "dilettant": (0.55, "head"),
    "heuchler": (0.6, "head"),
    "nichtsnutz": (0.85, "head"),
    "taugenichts": (0.8, "head"),
    "dummschwaetzer": (0.85, "head"),
    "schwaetzer": (0.6, "head"),
    "laberkopf": (0.8, "head"),
    "hackfresse": (0.95, "head"),
    "fresse": (0.7, "exact"),
    "maul": (0.45, "exact"),
    "lappen": (0.5, "exact"),
    "clown": (0.55, "head"),
    "pappnase": (0.75, "head"),
    "flachpfeife": (0.85, "head"),
    "pfeife": (0.35, "exact"),
    "luschen": (0.7, "exact"),
    "lusche": (0.7, "exact"),
    "psychopath": (0.6, "head"),
    "vollhonk": (0.9, "head"),
    "spacko": (0.9, "exact"),
    "kackbratze": (0.95, "head"),
    "bratze": (0.85, "head"),
    "dumpfbacke": (0.9, "head"),
    "gutmensch": (0.55, "head"),
    "systemling": (0.7, "head"),
    "schmierfink": (0.75, "head"),
    "schreiberling": (0.55, "head"),
    "schmock": (0.8, "exact"),
    "fettsack": (0.9, "head"),
    "sack": (0.45, "exact"),
    "saecke": (0.6, "exact"),
    "abschaum": (0.8, "head"),
    "gesindel": (0.75, "head"),
    "ratte": (0.55, "exact"),
    "parasit": (0.55, "head"),
    "ungeziefer": (0.8, "head"),
    "pack": (0.45, "exact"),
    "scheisse": (0.65, "exact"),
    "kacke": (0.5, "exact"),
    "mist": (0.3, "exact"),
    "verarsche": (0.5, "exact"),
    "verarschen": (0.5, "exact"),
    "fick": (0.8, "exact"),
    "ficken": (0.8, "exact"),
    "verpiss": (0.85, "exact"),
    "verpisst": (0.85, "exact"),
    "kotzen": (0.45, "exact"),
    "ekelhaft": (0.4, "exact"),
    "widerlich": (0.45, "exact"),
    "erbaermlich": (0.45, "exact"),
    "armselig": (0.45, "exact"),
    "laecherlich": (0.3, "exact"),
    "dreckig": (0.45, "exact"),
    "primitiv": (0.45, "exact"),
    "asozial": (0.6, "exact"),
}
INSULT_MODIFIERS = {
    "scheiss": 0.7,
    "drecks": 0.8,
    "arsch": 0.75,
    "kack": 0.7,
    "fick": 0.85,
    "vollidiot": 0.9,
    "vollpfost": 0.9,
    "mist": 0.4,
}

AGGRESSION_WORDS = {
    "ungeziefer": (0.95, "head"),
    "parasit": (0.75, "head"),
    "schaedling": (0.7, "head"),
    "volksschaedling": (0.95, "head"),
    "ratte": (0.6, "exact"),
    "kakerlake": (0.8, "head"),
    "gesindel": (0.9, "head"),
    "abschaum": (0.95, "head"),
    "pack": (0.5, "exact"),
    "gesocks": (0.9, "head"),
    "brut": (0.55, "exact"),
    "untermensch": (0.95, "head"),
    "volksverraeter": (0.9, "head"),
    "viehzeug": (0.9, "head"),
    "viecher": (0.7, "exact"),
    "kanake": (0.95, "head"),
    "neger": (0.9, "head"),
    "zigeuner": (0.6, "head"),
    "musel": (0.9, "exact"),
    "muselmane": (0.8, "head"),
    "kopftuchmaedchen": (0.85, "head"),
    "messermann": (0.85, "head"),
    "messermaenner": (0.85, "head"),
    "rapefugee": (0.95, "head"),
    "invasor": (0.7, "head"),
    "asylant": (0.5, "head"),
    "asyltourist": (0.8, "head"),
    "schmarotzer": (0.7, "head"),
    "sozialschmarotzer": (0.85, "head"),
    "schwuchtel": (0.95, "head"),
    "tunte": (0.8, "exact"),
    "judenschwein": (0.99, "head"),
    "kinderschaender": (0.5, "head"),
    "umvolkung": (0.7, "exact"),
    "aufhaengen": (0.75, "exact"),
    "aufknuepfen": (0.9, "exact"),
    "erschiessen": (0.75, "exact"),
    "erschossen": (0.5, "exact"),
    "abknallen": (0.9, "exact"),
    "totschlagen": (0.85, "exact"),
    "umbringen": (0.7, "exact"),
    "vergasen": (0.95, "exact"),
    "abschlachten": (0.9, "exact"),
    "ausrotten": (0.9, "exact"),
    "ausmerzen": (0.85, "exact"),
    "verrecken": (0.85, "exact"),
    "verreckt": (0.8, "exact"),
    "krepieren": (0.75, "exact"),
    "lynchen": (0.9, "exact"),
    "steinigen": (0.8, "exact"),
    "entsorgen": (0.4, "exact"),
    "vernichten": (0.5, "exact"),
    "ausmisten": (0.5, "exact"),
    "hasse": (0.45, "exact"),
    "abschieben": (0.3, "exact"),
    "rausschmeissen": (0.45, "exact"),
    "totschlag": (0.5, "exact"),
    "galgen": (0.8, "exact"),
    "todesstrafe": (0.4, "exact"),
    "gaskammer": (0.9, "exact"),
    "endloesung": (0.85, "exact"),
}
AGGRESSION_MODIFIERS = {"drecks": 0.5, "scheiss": 0.3, "hetz": 0.2}

# Multi-word threats and calls for violence, as regular expressions on normalised text.
AGGRESSION_PHRASES = [
    (r"\ban die wand (stellen|gestellt)", 0.95, "ruft zu Gewalt auf"),
    (
        r"\b(gehoer|sollte|muesste|muss)\w* (man )?(alle )?(erschossen|aufgehaengt|vergast|erschlagen|eingesperrt|weggesperrt|ausgerottet)",
        0.9,
        "fordert Gewalt gegen Menschen",
    ),
    (r"\b(kopf|schaedel) (ab|ein)(schlagen|reissen|treten)", 0.9, "droht mit Gewalt"),
    (r"\b(die|der|deine|eure|ihre) fresse polieren", 0.9, "droht mit Gewalt"),
    (r"\b(eins|was) aufs maul", 0.85, "droht mit Gewalt"),
    (r"\bich (krieg|finde|erwisch)\w* (dich|euch)\b", 0.8, "Drohung"),
    (r"\bwir wissen,? wo (du|ihr|sie) wohn", 0.95, "Drohung"),
    (
        r"\b(raus|weg) mit (dem|diesem|den|diesen) (pack|gesindel|abschaum|dreck)",
        0.95,
        "entmenschlichende Forderung",
    ),
    (r"\bab (ins|in die) (lager|gas|ofen|kz)\b", 0.99, "entmenschlichende Forderung"),
    (
        r"\b(sollen|sollte|koennen|soll) (alle )?(verrecken|krepieren|absaufen|ersaufen)",
        0.95,
        "wünscht Menschen den Tod",
    ),
    (r"\bhoffentlich (stirbt|verreckt|krepiert|ersaeuft)", 0.9, "wünscht Menschen den Tod"),
    (r"\b(tod|tot) (allen|den) ", 0.85, "wünscht Menschen den Tod"),
    (
        r"\balle (ausser ?landes|ausweisen|abschieben|rausschmeissen|einsperren)",
        0.55,
        "pauschale Forderung gegen eine Gruppe",
    ),
]


@dataclass(frozen=True)
class LexiconHit:
    """A word or phrase of the lexicon found at [start, end) of the normalised text."""

    start: int
    end: int
    category: str
    weight: float
    why: str


_WORD = re.compile(r"[a-z]+")
_LONG_WORD = re.compile(r"[a-z]{3,}")  # the same runs as _WORD, minus those shorter than 3
_ENDINGS = ("innen", "ern", "en", "er", "es", "em", "in", "e", "n", "s")


def _index(words):
    exact, head = {}, {}
    for word, (weight, mode) in words.items():
        key = squeeze(word)
        exact[key] = max(weight, exact.get(key, 0.0))
        if mode == "head":
            head[key] = max(weight, head.get(key, 0.0))
    return exact, head


class Lexicon:
    """Finds lexicon words in normalised text, including compounds and inflections."""

    def __init__(self, words_by_category, modifiers_by_category, phrases_by_category):
        self._exact, self._head, self._modifier = {}, {}, {}
        for category, words in words_by_category.items():
            self._exact[category], self._head[category] = _index(words)
        for category, modifiers in modifiers_by_category.items():
            self._modifier[category] = {squeeze(word): weight for word, weight in modifiers.items()}
        self._token_readings = {}  # categories -> Memo of token -> readings
        # Each phrase skips its scan when the text lacks the literals any match contains.
        self._phrases = {
            category: [(GuardedPattern(pattern), weight, why) for pattern, weight, why in phrases]
            for category, phrases in phrases_by_category.items()
        }

    def find(self, normalised_text, category):
        """All hits of one category in the normalised text, strongest reading per token."""
        return self.find_all(normalised_text, (category,))[category]

    def find_all(self, normalised_text, categories):
        """{category: hits} for several categories, reading the words only once."""
        categories = tuple(categories)
        readings_of = self._token_readings.get(categories)
        if readings_of is None:
            # The tokens' lexicon readings, memoised: tokens repeat across comments.
            readings_of = self._token_readings[categories] = Memo(
                lambda token: self._readings(token, categories), 200_000
            )
        hits = {category: [] for category in categories}
        for match in _LONG_WORD.finditer(normalised_text):  # words of 3+ letters
            readings = readings_of[match.group(0)]
            if readings:
                for category, weight, why in readings:
                    hits[category].append(LexiconHit(match.start(), match.end(), category, weight, why))
        for category in categories:
            found = hits[category]
            for pattern, weight, why in self._phrases.get(category, ()):
                for match in pattern.finditer(normalised_text):
                    found.append(LexiconHit(match.start(), match.end(), category, weight, why))
        return hits

    def _readings(self, token, categories):
        """((category, weight, why), ...) of one token, or () when it is no lexicon word."""
        squeezed = squeeze(token)
        readings = []
        for category in categories:
            found = _match_token(
                squeezed,
                self._exact.get(category, {}),
                self._head.get(category, {}),
                self._modifier.get(category, {}),
            )
            if found:
                readings.append((category, *found))
        return tuple(readings)


def _match_token(token, exact, head, modifier):
    candidates = [token] + [
        token[: -len(end)] for end in _ENDINGS if token.endswith(end) and len(token) - len(end) >= 3
    ]
    for candidate in candidates:
        if candidate in exact:
            return exact[candidate], "Schimpfwort/Lexikon"
    for candidate in candidates:
        for cut in range(1, len(candidate) - 3):
            tail = candidate[cut:]
            if tail in head:
                return head[tail], "Wortbildung mit Schimpfwort"
    for cut in range(len(token) - 3, 3, -1):
        if token[:cut] in modifier and len(token) - cut >= 3:
            return modifier[token[:cut]], "abwertende Vorsilbe"
    return None


DEFAULT_LEXICON = Lexicon(
    {INSULT: INSULT_WORDS, AGGRESSION: AGGRESSION_WORDS},
    {INSULT: INSULT_MODIFIERS, AGGRESSION: AGGRESSION_MODIFIERS},
    {AGGRESSION: AGGRESSION_PHRASES},
)
