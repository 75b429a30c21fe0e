"""Cheap literal pre-checks for the detectors' regular expressions.

Most cue patterns cannot match unless the text contains one of a few literal
strings ("kauft", "presse", "zensur"...). `required_literals(pattern)` derives such
groups from the parsed pattern, soundly: every match of the pattern contains at
least one string of EVERY group (one group per element of the pattern's top-level
sequence that needs a literal). Substring tests (`in`, fast C code) on the text then
skip the full regex scan for most comments (`GuardedPattern` does both). Patterns with
flags, or whose matches need no literal at all, get None: always run them.
"""

import re

try:  # Python 3.11+
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _c
    import sre_parse as _p

_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)}


def required_literals(pattern):
    """Groups (tuples) of strings; every match contains a string of each group. None: no usable group."""
    if isinstance(pattern, re.Pattern):
        if pattern.flags & ~(re.UNICODE):
            return None
        pattern = pattern.pattern
    if not isinstance(pattern, str):
        return None
    try:
        parsed = _p.parse(pattern)
    except re.error:
        return None
    if parsed.state.flags & ~(re.UNICODE):
        return None
    groups = _requirements(list(parsed))
    if not groups:
        return None
    groups = [_without_superstrings(group) for group in groups]
    groups.sort(key=_check_order)  # usually the first test decides
    return tuple(tuple(sorted(group)) for group in groups)


def _without_superstrings(strings):
    """A group is met when any of its strings is in the text, so a string containing
    another one of the group ("www.shop.de" beside "shop.de") adds nothing but a scan."""
    return {string for string in strings if not any(other != string and other in string for other in strings)}


class GuardedPattern:
    """A compiled pattern that skips its scan when the text lacks its required literals."""

    __slots__ = ("pattern", "literals")

    def __init__(self, pattern):
        self.pattern = re.compile(pattern)
        self.literals = required_literals(self.pattern)

    def finditer(self, text):
        return self.pattern.finditer(text) if may_match(self.literals, text) else iter(())

    def search(self, text):
        return self.pattern.search(text) if may_match(self.literals, text) else None


def may_match(groups, text):
    """False only when a pattern with these required literal groups cannot match `text`."""
    if groups is None:
        return True
    for group in groups:
        for literal in group:
            if literal in text:
                break
        else:
            return False
    return True


def _sequence(items):
    """One required set of a sequence: the most selective requirement of any element."""
    candidates = _requirements(items)
    if not candidates:
        return None
    return max(candidates, key=_selectivity)


# Adjacent elements that match only a few fixed strings are joined into longer
# required strings (" luegen " rather than "luegen"), up to this many variants.
_MAX_VARIANTS = 4  # more variants cost more substring tests than they save in scans


def _requirements(items):
    """Every element's required set (each is necessary for a match of the sequence).

    Runs of adjacent fixed-string elements (literals, small alternations, optional
    words) become one set of joined strings: `run` holds the strings that the elements
    so far must have produced, contiguously, ending where the next element starts.
    """
    candidates, run = [], {""}
    for op, arg in items:
        strings = _fixed_strings(op, arg)
        if strings is not None:
            joined = {before + after for before in run for after in strings}
            if len(joined) <= _MAX_VARIANTS:
                run = joined
                continue
            _keep_run(candidates, run)
            run = set(strings) if len(strings) <= _MAX_VARIANTS else {""}
            continue
        _keep_run(candidates, run)
        run = {""}
        found = _element(op, arg)
        if found:
            candidates.append(found)
    _keep_run(candidates, run)
    return candidates


def _keep_run(candidates, run):
    if "" not in run:  # a run that may be empty requires nothing
        candidates.append(set(run))


def _fixed_strings(op, arg):
    """The finite set of strings an element can match (zero-width ones: {""}), or None."""
    if op is _c.LITERAL:
        return {chr(arg)}
    if op is _c.AT:  # \b, ^, $: zero-width, literals either side stay adjacent
        return {""}
    if op is _c.IN:
        if all(inner_op is _c.LITERAL for inner_op, _ in arg):
            return {chr(inner_arg) for _, inner_arg in arg} or None
        return None
    if op is _c.SUBPATTERN:
        _group, add_flags, del_flags, inner = arg
        return None if add_flags or del_flags else _fixed_sequence(list(inner))
    if op is _c.BRANCH:
        union = set()
        for branch in arg[1]:
            strings = _fixed_sequence(list(branch))
            if strings is None:
                return None
            union |= strings
        return union if len(union) <= _MAX_VARIANTS else None
    if op in _REPEATS:
        low, high, inner = arg
        strings = _fixed_sequence(list(inner))
        if strings is None or high > 1:
            return None
        return strings | {""} if low == 0 else strings
    return None


def _fixed_sequence(items):
    strings = {""}
    for op, arg in items:
        element = _fixed_strings(op, arg)
        if element is None:
            return None
        strings = {before + after for before in strings for after in element}
        if len(strings) > _MAX_VARIANTS:
            return None
    return strings


def _element(op, arg):
    if op is _c.SUBPATTERN:
        group, add_flags, del_flags, inner = arg
        if add_flags or del_flags:
            return None
        return _sequence(list(inner))
    if op is _c.BRANCH:
        union = set()
        for branch in arg[1]:
            found = _sequence(list(branch))
            if not found:
                return None
            union |= found
        return union
    if op in _REPEATS:
        low, _high, inner = arg
        return _sequence(list(inner)) if low >= 1 else None
    if op is _c.IN:
        chars = set()
        for inner_op, inner_arg in arg:
            if inner_op is not _c.LITERAL:
                return None
            chars.add(chr(inner_arg))
        return chars or None
    return None


def _selectivity(strings):
    """Prefer long literals, then few of them."""
    return (min(len(item) for item in strings), -len(strings))


def _check_order(strings):
    """Cheapest, most telling test first: a group costs one scan per string when it is
    absent, and long strings are the rarest."""
    return (len(strings), -min(len(item) for item in strings))
