"""A bounded memo that C code can read: `map(memo.__getitem__, items)`.

Per-word work (character n-grams, folds, stems, word-list hits) repeats across
comments; a dict subclass computes a missing value once, and lookups of known keys
stay in C. When it outgrows its limit it starts afresh, so odd input cannot grow it
without bound.
"""


class Memo(dict):
    """key -> compute(key), computed on first use; cleared when it outgrows `limit`."""

    def __init__(self, compute, limit=65536):
        super().__init__()
        self._compute, self._limit = compute, limit

    def __missing__(self, key):
        if len(self) > self._limit:
            self.clear()
        value = self[key] = self._compute(key)
        return value
