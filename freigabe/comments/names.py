"""Names readers may not comment under: the newsroom's, the site's, and its editors'.

A newsroom reply carries a staff badge; a reader calling themselves "Redaktion" (or
"Rеdaktion" with a Cyrillic e, or "R e d a k t i o n") must not pass for one. Names are
compared after folding case, accents, lookalike letters, digits used as letters,
spaces and punctuation.
"""

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Q

from freigabe.accounts.roles import ROLE_PERMISSIONS
from freigabe.assessment.normalise import fold_char

# Contained anywhere in a name, these make it look like the newsroom's.
NEWSROOM_WORDS = ("redaktion", "newsroom")
DIGITS_AS_LETTERS = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i", "|": "l"}
)
EDITOR_NAMES_SECONDS = 60
# Shorter site names ("Die") would refuse too many ordinary names.
MIN_SITE_NAME_CHARS = 4


def name_key(name):
    """The letters a reader sees in a name, without the tricks that disguise them."""
    folded = "".join(fold_char(char) for char in name).translate(DIGITS_AS_LETTERS)
    return "".join(char for char in folded if char.isalnum())


def reserved_name_refusal(site, name):
    """Why a reader may not use this name (a message), or None if they may."""
    key = name_key(name)
    if not key:
        return None
    if any(word in key for word in NEWSROOM_WORDS):
        return "Names with “Redaktion” are kept for the newsroom's own replies; please choose another name."
    site_key = name_key(site.name)
    if len(site_key) >= MIN_SITE_NAME_CHARS and site_key in key:
        return "The site's name is kept for the newsroom's own replies; please choose another name."
    if key in editor_name_keys():
        return "This name belongs to one of the site's editors; please choose another name."
    return None


def editor_name_keys():
    """Folded display names of everyone who moderates (cached a minute)."""
    keys = cache.get("editor-name-keys")
    if keys is None:
        editors = (
            get_user_model()
            .objects.filter(Q(groups__name__in=list(ROLE_PERMISSIONS)) | Q(is_superuser=True), is_active=True)
            .distinct()
            .values_list("username", "first_name", "last_name")
        )
        # The display name is the full name, or the user name for editors without one.
        shown = (f"{first} {last}" if (first or last) else username for username, first, last in editors)
        keys = {key for key in map(name_key, shown) if len(key) >= 3}
        cache.set("editor-name-keys", keys, EDITOR_NAMES_SECONDS)
    return keys
