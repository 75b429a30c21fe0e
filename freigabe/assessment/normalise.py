"""German-aware text normalisation that remembers where every character came from.

Comments hide insults behind spelling tricks: `Id1ot`, `A r s c h`, `D.u.m.m`,
`Idiooooot`, Cyrillic lookalikes (`Иdiot`), zero-width characters. The detectors
and the models work on the normalised text; evidence must point into the original
text, so every normalised character carries the index of the original character
it was made from.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from freigabe.assessment.memo import Memo

# Cyrillic and Greek letters that look like Latin ones (lowercase after casefold).
_HOMOGLYPHS = {
    "а": "a",
    "в": "b",
    "е": "e",
    "ё": "e",
    "к": "k",
    "м": "m",
    "н": "h",
    "о": "o",
    "р": "p",
    "с": "c",
    "т": "t",
    "у": "y",
    "х": "x",
    "і": "i",
    "ї": "i",
    "ј": "j",
    "ѕ": "s",
    "и": "i",
    "й": "i",
    "ԁ": "d",
    "ɡ": "g",
    "ⅼ": "l",
    "α": "a",
    "β": "b",
    "ε": "e",
    "η": "n",
    "ι": "i",
    "κ": "k",
    "ν": "v",
    "ο": "o",
    "ρ": "p",
    "τ": "t",
    "υ": "u",
    "χ": "x",
    "ω": "w",
    "ϲ": "c",
    "ϳ": "j",
    "μ": "u",
    "п": "n",
    "г": "r",
    "ь": "b",
    "ԛ": "q",
    "ԝ": "w",
    "ѡ": "w",
    "ү": "y",
    "ѵ": "v",
    "һ": "h",
    "օ": "o",
    "ս": "u",
    "ց": "g",
    "հ": "h",
    "ո": "n",
    "ռ": "n",  # Armenian
    "ɑ": "a",
    "ı": "i",
    "ɩ": "i",
    "ℓ": "l",
    "ǀ": "l",
    "ʟ": "l",
    "ɪ": "i",
    "ʏ": "y",
    # Latin small capitals (NFKD leaves them alone)
    "ᴀ": "a",
    "ʙ": "b",
    "ᴄ": "c",
    "ᴅ": "d",
    "ᴇ": "e",
    "ɢ": "g",
    "ʜ": "h",
    "ᴊ": "j",
    "ᴋ": "k",
    "ᴍ": "m",
    "ɴ": "n",
    "ᴏ": "o",
    "ᴘ": "p",
    "ʀ": "r",
    "ꜱ": "s",
    "ᴛ": "t",
    "ᴜ": "u",
    "ᴠ": "v",
    "ᴡ": "w",
    "ᴢ": "z",
}
# Bidi embeddings, overrides and isolates: U+202A-202E, U+2066-2069.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_BIDI_OPENERS = {
    "\u202a": "embed",
    "\u202b": "embed",
    "\u202d": "ltr",
    "\u202e": "rtl",
    "\u2066": "isolate",
    "\u2067": "isolate",
    "\u2068": "isolate",
}
_BIDI_CLOSERS = {"\u202c": ("embed", "ltr", "rtl"), "\u2069": ("isolate",)}
_COMBINING_DIAERESIS = "\u0308"  # a decomposed umlaut (macOS sends "a" + U+0308)
_GERMAN_FOLDS = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss"}
# Characters used as letters inside a word ("Id1ot", "A$$", "V3rsager").
_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i", "|": "l"}

_DOUBLED = re.compile(r"(.)\1+")
_LOWERCASE = "abcdefghijklmnopqrstuvwxyz"
_TRIPLES = tuple((letter, letter * 3) for letter in _LOWERCASE)
# Three or more single letters split by the same separator: "a r s c h", "d.u.m.m".
_SPACED_LETTERS = re.compile(r"(?<![a-z])[a-z]([ .\-_*+~])(?:[a-z]\1){1,}[a-z](?![a-z])")


@dataclass(frozen=True, eq=False)
class NormalisedText:
    """Normalised text plus, per character, the index of its original character.

    `origin` is a numpy array: built with a few array operations instead of a Python
    int per character, which cost a tenth of a millisecond per 1,000 characters.
    """

    text: str
    origin: np.ndarray
    reordered: bool = False  # bidi overrides reversed parts: origin is not monotone

    def original_span(self, start, end):
        """(start, end) in the original text covering normalised text[start:end]."""
        if start >= end:
            return 0, 0
        if self.reordered:
            part = self.origin[start:end]
            return int(part.min()), int(part.max()) + 1
        return int(self.origin[start]), int(self.origin[end - 1]) + 1


@lru_cache(maxsize=8192)
def fold_char(char):
    """One original character as normalised characters ('' drops it)."""
    if char in "\n\r\t\v\f":
        return " "
    category = unicodedata.category(char)
    if category in ("Cc", "Cf", "Cs", "Co", "Cn"):
        return ""  # control, zero-width and unassigned characters carry no words
    if category in ("Mn", "Me"):
        # Combining marks stacked on letters ("I\u0336d\u0336iot") hide words; only a
        # decomposed umlaut's diaeresis carries a letter (a + U+0308 = ä -> "ae").
        return "e" if char == _COMBINING_DIAERESIS else ""
    lowered = char.lower()
    if lowered in _GERMAN_FOLDS:
        return _GERMAN_FOLDS[lowered]
    if lowered in _HOMOGLYPHS:
        return _HOMOGLYPHS[lowered]
    if lowered.isascii():
        return lowered
    compat = unicodedata.normalize("NFKD", lowered)
    stripped = "".join(part for part in compat if not unicodedata.combining(part))
    if stripped and stripped != lowered:
        return "".join(_GERMAN_FOLDS.get(part, _HOMOGLYPHS.get(part, part)) for part in stripped.lower())
    return lowered


def normalise(text):
    """Normalise `text` for matching and models, keeping the offset map.

    The text is read in the order a reader sees it: a right-to-left override
    ("Du bist ein \u202etoidilloV\u202c" shows "Vollidiot") is undone first.
    """
    order = visual_order(text)
    if order is not None:
        visual = "".join(text[index] for index in order)
        normalised = _normalise_in_order(visual)
        return NormalisedText(normalised.text, np.asarray(order, dtype=np.intp)[normalised.origin], True)
    return _normalise_in_order(text)


def _normalise_in_order(text):
    folded, origin = _fold(text)
    classes = folded.translate(_CHARACTER_CLASSES)
    undone = _undo_leetspeak(folded, classes)
    if undone is not folded:
        folded, classes = undone, undone.translate(_CHARACTER_CLASSES)
    folded, origin = _drop(folded, origin, _spaced_separator_positions(folded, classes))
    folded, origin = _drop(folded, origin, _long_run_positions(folded))
    return NormalisedText(folded, origin)


def has_bidi_controls(text):
    return not BIDI_CONTROLS.isdisjoint(text)


def has_bidi_override(text):
    """True when a right-to-left override can show Latin letters in reverse."""
    return "\u202e" in text


def visual_order(text):
    """Indices of `text` in display order when a right-to-left override reverses part
    of it, else None. Latin letters are only reversed by an override (U+202E), so the
    runs of characters whose innermost override is right-to-left are reversed; the
    controls themselves stay (fold_char drops them). A line break ends every level."""
    if "\u202e" not in text:
        return None
    stack, order, run = [], [], []
    for index, char in enumerate(text):
        if char in _BIDI_OPENERS:
            _flush(order, run)
            stack.append(_BIDI_OPENERS[char])
        elif char in _BIDI_CLOSERS:
            _flush(order, run)
            while stack:
                if stack.pop() in _BIDI_CLOSERS[char]:
                    break
        elif char in "\n\r\u2029":
            _flush(order, run)
            stack.clear()
        elif _innermost_override(stack) == "rtl":
            run.append(index)
            continue
        else:
            _flush(order, run)
        order.append(index)
    _flush(order, run)
    return order


def _innermost_override(stack):
    for kind in reversed(stack):
        if kind in ("ltr", "rtl"):
            return kind
    return None


def _flush(order, run):
    order.extend(reversed(run))
    run.clear()


# fold_char as a dict read from C via map(); bounded like fold_char's cache.
_FOLDED = Memo(fold_char, 8192)


def _fold(text):
    """(folded text, origin array): every character folded, each output char's source index."""
    table = _FOLDED
    folded = "".join(map(table.__getitem__, text))
    # Printable ASCII and \t\n\r\v\f fold to exactly one character; only the others
    # (umlauts, ß, control and zero-width characters...) can shift the offsets.
    sizes = None
    for match in _MAY_RESIZE.finditer(text):
        size = len(table[match.group()])
        if size != 1:
            if sizes is None:
                sizes = np.ones(len(text), dtype=np.intp)
            sizes[match.start()] = size
    origin = np.arange(len(text))
    return folded, origin if sizes is None else np.repeat(origin, sizes)


_MAY_RESIZE = re.compile(r"[^ -~\t\n\r\v\f]")


_LEET_CHARS = frozenset(_LEET)
# The folded text mapped to character classes, where plain substring tests replace
# regex scans: letter "a", digit or "!" or "|" "1", "@" or "$" "$", the separators of
# spaced-out words "s", any other ASCII character " " (other characters stay as they
# are, so they match none of these).
_CHARACTER_CLASSES = str.maketrans(
    {
        **{chr(code): " " for code in range(128)},
        **dict.fromkeys(_LOWERCASE, "a"),
        **dict.fromkeys("0123456789!|", "1"),
        **dict.fromkeys("@$", "$"),
        **dict.fromkeys(" .-_*+~", "s"),
    }
)
_RUN_CLASSES = "a1$"  # the characters of a word that may be leetspeak
# A run changes only where a leet character stands before a letter (or "@"/"$"), or a
# letter before "@"/"$" ("as$"): other runs are numbers and punctuation ("2024", "dumm!").
_LEET_PAIRS = ("1a", "1$", "$a", "$$", "a$")


def _undo_leetspeak(text, classes):
    """Replace leet characters in the words that use them as letters ("Id1ot");
    `classes` is the text mapped by _CHARACTER_CLASSES."""
    if _LEET_CHARS.isdisjoint(text):
        return text
    pieces, previous = [], 0
    for start, end in _runs_around(classes, _pair_positions(classes)):
        pieces.append(text[previous:start])
        pieces.append(_replace_leet(text[start:end]))
        previous = end
    if not pieces:
        return text
    pieces.append(text[previous:])
    return "".join(pieces)


def _pair_positions(classes):
    positions = []
    for pair in _LEET_PAIRS:
        at = classes.find(pair)
        while at >= 0:
            positions.append(at)
            at = classes.find(pair, at + 1)
    return sorted(positions)


def _runs_around(classes, positions):
    """(start, end) of each maximal run of word characters holding one of `positions`."""
    runs, covered_until = [], 0
    for at in positions:
        if at < covered_until:
            continue  # inside the run found last
        start, end = at, at + 2
        while start > covered_until and classes[start - 1] in _RUN_CLASSES:
            start -= 1
        while end < len(classes) and classes[end] in _RUN_CLASSES:
            end += 1
        runs.append((start, end))
        covered_until = end
    return runs


def _replace_leet(word):
    # Trailing digits and "!" are numbers and punctuation ("covid19", "dumm!").
    core = word.rstrip("0123456789!|")
    tail = word[len(core) :]
    letters = sum(char.isalpha() for char in core)
    if letters < 2 or letters == len(core) or letters < len(core) - letters:
        return word
    return "".join(_LEET.get(char, char) for char in core) + tail


def _spaced_separator_positions(text, classes):
    # Spaced-out letters need letter, separator, letter, separator, letter in a row.
    if "asasa" not in classes:
        return []
    positions = []
    for match in _SPACED_LETTERS.finditer(text):
        start = match.start()
        positions.extend(range(start + 1, match.end(), 2))
    return positions


def _long_run_positions(text):
    """Positions after the first letter of every run of three or more equal letters."""
    positions = []
    for letter, triple in _TRIPLES:
        at = text.find(triple)  # rare ("Schifffahrt"): usually 26 quick misses
        while at >= 0:
            end = at + 3
            while end < len(text) and text[end] == letter:
                end += 1
            positions.extend(range(at + 1, end))
            at = text.find(triple, end)
    return positions


def _drop(text, origin, positions):
    if not positions:
        return text, origin
    pieces, previous = [], 0
    positions = sorted(set(positions))
    for position in positions:
        pieces.append(text[previous:position])
        previous = position + 1
    pieces.append(text[previous:])
    return "".join(pieces), np.delete(origin, positions)


@lru_cache(maxsize=65536)
def squeeze(word):
    """Collapse doubled letters so `Iddiot`, `Arschh` and `Idiot` compare equal."""
    return _DOUBLED.sub(r"\1", word)
