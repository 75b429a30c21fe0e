"""Spelling variants of a word, as people write them to slip past filters.

Each function returns two variants of the word, chosen deterministically.
"""

_LEET = {"i": "1", "o": "0", "e": "3", "a": "4", "s": "5", "t": "7"}
_CYRILLIC = {"a": "а", "o": "о", "e": "е", "i": "і", "p": "р", "c": "с", "x": "х", "y": "у"}
_GREEK = {"o": "ο", "i": "ι", "k": "κ", "v": "ν", "t": "τ", "a": "α"}


def char_swaps(word):
    """Two neighbouring inner letters swapped, at a third and at two thirds of the word."""
    return [_swap(word, max(1, len(word) // 3)), _swap(word, max(1, 2 * len(word) // 3 - 1))]


def _swap(word, at):
    at = min(at, len(word) - 3)
    return word[:at] + word[at + 1] + word[at] + word[at + 2 :]


def char_deletions(word):
    """One inner letter left out, near the middle and near the end."""
    middle, late = len(word) // 2, len(word) - 2
    return [word[:middle] + word[middle + 1 :], word[:late] + word[late + 1 :]]


def added_spaces(word):
    return [" ".join(word), ".".join(word)]


def leetspeak(word):
    full = "".join(_LEET.get(char, char) for char in word)
    first_vowel = next((i for i, char in enumerate(word) if char.lower() in "aeio"), 0)
    partial = (
        word[:first_vowel] + _LEET.get(word[first_vowel].lower(), word[first_vowel]) + word[first_vowel + 1 :]
    )
    return [full, partial]


def homoglyphs(word):
    cyrillic = "".join(_CYRILLIC.get(char, char) for char in word)
    greek = "".join(_GREEK.get(char, char) for char in word)
    return [cyrillic, greek if greek != word else word[0] + "\u0456" + word[1:]]


def invisible_and_bidi(word):
    """A zero-width space inside, or the word written backwards under a right-to-left override,
    or every letter struck through with a combining mark."""
    zero_width = word[:2] + "\u200b" + word[2:-1] + "\u2060" + word[-1]
    reversed_word = "\u202e" + word[::-1] + "\u202c"
    combining = "".join(char + "\u0336" for char in word)
    return [zero_width, reversed_word if len(word) % 2 else combining]


VARIANTS = {
    "spelling_char_swap": char_swaps,
    "spelling_char_deletion": char_deletions,
    "spelling_added_spaces": added_spaces,
    "spelling_leetspeak": leetspeak,
    "spelling_homoglyphs": homoglyphs,
    "spelling_invisible_and_bidi": invisible_and_bidi,
}
