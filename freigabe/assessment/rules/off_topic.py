"""Off-topic: no concrete reference to the article (or, for replies, the parent comment).

Both texts become sets of stemmed content words (German Snowball stemmer on
normalised text, our stop-word list removed). Each comment word is weighted by how
specific it is (an inverse document frequency learnt from the training corpora,
when the model file is there); the share of the comment's weight that the article
covers is the overlap. Compounds count half ("Mietpreisbremse" ↔ "Mietpreise").
Numbers are not in the frequency table, so they get the weight of a rare word: a
shared figure points at a concrete fact of the article.

Short conversational replies ("Sehe ich genauso", "Danke für den Hinweis") are not
off-topic, and without any article or parent the rule stays neutral-low.
"""

import math
import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from freigabe.assessment.memo import Memo
from freigabe.assessment.normalise import normalise
from freigabe.assessment.prefilter import GuardedPattern
from freigabe.assessment.result import RuleScore, evidence_at

# Function words plus words every comment uses regardless of topic.
STOP_WORDS = frozenset(
    """
aber alle allem allen aller alles als also am an andere anderen anders auch auf aus bei beim bin bis bist bitte
bloss da dabei dadurch dafuer dagegen daher damals damit dann dar daran darauf darum das dass dazu dein deine dem den
denen denn dennoch der deren des deshalb dessen dich die dies diese diesem diesen dieser dieses dir doch dort du durch eben
ein eine einem einen einer eines einfach einige einmal er es etwa etwas euch euer eure fuer gab ganz gar gegen gehabt
gewesen gibt ging gut habe haben hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer immer in
indem ins ist ja jede jedem jeden jeder jedes jedoch jemand jetzt kann kaum kein keine keinem keinen keiner koennen
koennte man manche mehr mein meine meinem meinen meiner mich mir mit muss muessen musste nach nachdem natuerlich neben
nein nicht nichts noch nun nur ob oder ohne schon sehr sei seid sein seine seinem seinen seiner seit selbst sich sie sind
so sogar solche soll sollen sollte sondern sonst ueber um und uns unser unsere unter viel viele vom von vor waere waeren
war waren warum was weil weiter welche welchem welchen welcher wem wen wenn wer werde werden wie wieder will wir wird wirklich
wo wohl wollen wuerde wuerden wurde wurden zu zum zur zwar zwischen eigentlich genau mal halt eh oft leider endlich
beitrag kommentar kommentare meinung thema frage fragen leute finde finden glaube denke meine sagen sagt gesagt
geht gehen machen macht gemacht sehen sieht richtig falsch klar recht danke dank gerne toll super schade heute gestern
morgen jahr jahre jahren zeit mensch menschen problem sache dinge ding weiss wissen tun tut lassen laesst ok okay
""".split()
)
_CONVERSATIONAL = re.compile(
    r"^\W*(sehe ich (genau|ganz genau|auch )?so|(ganz )?genau|richtig|stimmt|volle zustimmung|dem ist nichts hinzuzufuegen|"
    r"(vielen )?dank\w*|danke\w*|(da )?(haben sie|hast du) recht|stimme (ihnen|dir|euch) zu|ich stimme zu|"
    r"(kann ich|dem kann ich) nur zustimmen|guter (punkt|beitrag|kommentar|hinweis|artikel)|sehr gut|gut gesagt|"
    r"interessant\w*|(das )?sehe ich anders|nein|ja|eben|exakt|so ist es|word|\+1|quelle\W*)"
)
# A comment about the article or its reporting refers to the article, even without shared terms.
_ABOUT_THE_ARTICLE = GuardedPattern(
    r"\b(artikel\w*|bericht\w*|berichterstattung|meldung|ueberschrift|schlagzeile|autor\w*|redaktion\w*|"
    r"journalist\w*|zeitung\w*|\w*presse|\w*medien|journaille|hofberichterstattung)\b"
)
_TOKEN = re.compile(r"[a-z]+|\d+(?:[.,]\d+)?")
_STEMMER = snowballstemmer.stemmer("german")
_MIN_PART = 6
DEFAULT_IDF = 4.0


@dataclass(frozen=True)
class Reference:
    """What a comment can refer to: stems, their compound parts, and numbers."""

    stems: frozenset
    prefixes: frozenset
    suffixes: frozenset


def score_off_topic(text, normalised, article=None, parent=None, term_weight=None):
    """RuleScore for the off-topic rule."""
    if not (article and article.strip()) and not (parent and parent.strip()):
        return RuleScore(0.05)
    words = content_words(normalised.text)
    if _CONVERSATIONAL.match(normalised.text) and len(words) <= 6:
        return RuleScore(0.03)
    if len(words) < 2:
        return RuleScore(0.1)
    reference = _references(article or "", parent or "")
    term_weight = term_weight or _default_weight
    total = matched_weight = 0.0
    shared = []
    # Each distinct word is looked up once (long comments repeat their words).
    weights = {word: term_weight(word) for word in words}
    strengths = {word: _match_strength(word, reference) for word in weights}
    for word in words:
        weight = weights[word]
        total += weight
        strength = strengths[word]
        if strength:
            matched_weight += weight * strength
            shared.append(word)
    coverage = matched_weight / total if total else 0.0
    score = _probability(coverage, len(words), len(set(shared)))
    if _ABOUT_THE_ARTICLE.search(normalised.text):
        score *= 0.4
    return RuleScore(score, _evidence(text, coverage, words, shared, score, parent))


def content_words(normalised_text):
    """Stems of the content words (stop words and 1–2 letter words removed)."""
    stems = map(_CONTENT_STEMS.__getitem__, _TOKEN.findall(normalised_text))
    return [stem for stem in stems if stem is not None]


def _content_stem(token):
    """The token's stem, the number itself, or None for a stop word or a short word."""
    if token[0].isdigit():
        return token
    if len(token) >= 3 and token not in STOP_WORDS:
        return _STEMMER.stemWord(token)
    return None


_CONTENT_STEMS = Memo(_content_stem)


def _references(article, parent):
    """The References of article and parent; each text's is cached on its own, so a
    reply (a new parent every time) does not redo the article's stems."""
    if not parent:
        return (_reference(article),)
    if not article:
        return (_reference(parent),)
    return (_reference(article), _reference(parent))


@lru_cache(maxsize=512)
def _reference(text):
    """Stems of one text (article or parent comment), with compound parts; cached per text."""
    stems = frozenset(content_words(normalise(text).text)) if text else frozenset()
    long_stems = [stem for stem in stems if len(stem) > _MIN_PART]
    prefixes = frozenset(stem[:cut] for stem in long_stems for cut in range(_MIN_PART, len(stem)))
    suffixes = frozenset(stem[-cut:] for stem in long_stems for cut in range(_MIN_PART, len(stem)))
    return Reference(stems, prefixes, suffixes)


def _match_strength(word, references):
    """1 for the same stem, 0.5 when one word is part of the other's compound.

    `references` together act as one Reference holding the union of their sets.
    """
    for reference in references:
        if word in reference.stems:
            return 1.0
    if word[0].isdigit() or len(word) < _MIN_PART:
        return 0.0
    for reference in references:
        if word in reference.prefixes or word in reference.suffixes:
            return 0.5
    for cut in range(_MIN_PART, len(word)):
        for reference in references:
            if word[:cut] in reference.stems or word[-cut:] in reference.stems:
                return 0.5
    return 0.0


def _default_weight(word):
    return DEFAULT_IDF


def _probability(coverage, word_count, shared_count):
    """Map overlap to a probability; longer comments without overlap are surer cases."""
    length_evidence = 0.12 * min(word_count, 25)
    z = -0.2 + length_evidence - 9.0 * coverage - 0.9 * min(shared_count, 3)
    return 1.0 / (1.0 + math.exp(-z))


def _evidence(text, coverage, words, shared, score, parent):
    if score < 0.3:
        return []
    against = "zum Artikel und Vorgängerkommentar" if parent else "zum Artikel"
    terms = ", ".join(sorted(set(shared))[:6]) if shared else "keine"
    why = (
        f"Bezug {against}: {len(set(shared))} von {len(set(words))} Inhaltswörtern "
        f"({coverage:.0%} gewichtete Überdeckung); gemeinsame Begriffe: {terms}"
    )
    end = min(len(text), 200)
    return [evidence_at(text, 0, end, why)]
