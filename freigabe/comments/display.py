"""Comment text as it may be shown: no bidi controls that can reorder what readers see.

A right-to-left override makes "Du bist ein \u202etoidilloV\u202c" display as "Du bist
ein Vollidiot", and an unbalanced embedding or isolate can spill into the page
around the comment. Stored text stays exactly as submitted (nothing is lost); every
place that shows a comment strips these controls (U+202A–202E, U+2066–2069).
"""

_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def safe_display_text(text):
    """`text` without bidi embedding, override and isolate controls."""
    if not text:
        return text
    return text.translate(_BIDI_CONTROLS)
