"""Image captions and photo credits: "Der Bürgermeister am 4. November.Foto: X/AFP via Getty Images"."""

import re

# Where a credit starts: "Foto:", "Bild:", "(Foto: ...)", "©", "(c)".
PHOTO_CREDIT = re.compile(
    r"(?:\(\s*)?\b(?:fotos?|bild(?:er)?|grafik|illustration|photo|image|credit|bildquelle)"
    r"\s*:\s*|©\s*|\(c\)\s+",
    re.IGNORECASE,
)
PHOTO_AGENCIES = re.compile(
    r"getty images|picture[- ]alliance|imago|shutterstock|istock|"
    r"keystone|photothek|ullstein bild",
    re.IGNORECASE,
)


def split_caption(text):
    """(caption, credit) from a caption line; either may be None."""
    text = " ".join((text or "").split())
    markers = list(PHOTO_CREDIT.finditer(text))
    if not markers:
        return text or None, None
    marker = markers[-1]
    caption = text[: marker.start()].strip()
    if len(markers) > 1 and markers[0].start() == 0:
        # "Bild: Der Steinkopf bei Oberbach. Foto: Heimatbote": the first marker is a label.
        caption = text[markers[0].end() : marker.start()].strip()
    credit = text[marker.end() :].strip()
    if credit.endswith(")") and "(" not in credit:
        credit = credit[:-1].strip()
    return caption or None, credit or None


def is_credit_only(text):
    """A line that is nothing but a photo credit: "Foto: Max Muster/dpa"."""
    caption, credit = split_caption(text)
    return bool(credit) and not caption
