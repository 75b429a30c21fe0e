"""Cheap literal pre-checks for the detectors' regular expressions.

Most cue patterns cannot match unless the text contains one of a few literal
strings ("kauft", "presse", "zensur"...). `required_literals(pattern)` derives such
groups from the parsed pattern, soundly: every match of the pattern contains at
least one string of EVERY group (one group per element of the pattern's top-level
sequence that needs a literal). Substring tests (`in`, fast C code) on the text then
skip the full regex scan for most comments. Patterns with flags, or whose matches
need no literal at all, get None: always run them.
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
    # Most selective (longest, fewest strings) first: usually the first test decides.
    groups.sort(key=_selectivity, reverse=True)
    return tuple(tuple(sorted(group)) for group in groups)


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


def _requirements(items):
    """Every element's required set (each is necessary for a match of the sequence)."""
    candidates, run = [], []
    for op, arg in items:
        if op is _c.LITERAL:
            run.append(chr(arg))
            continue
        if op is _c.AT:  # zero-width (\b, ^, $): literals either side stay adjacent
            continue
        if run:
            candidates.append({"".join(run)})
            run = []
        found = _element(op, arg)
        if found:
            candidates.append(found)
    if run:
        candidates.append({"".join(run)})
    return candidates


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
