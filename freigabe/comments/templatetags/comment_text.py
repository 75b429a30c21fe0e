"""`{% load comment_text %}`: `{{ comment.body|display_text }}`, a comment without bidi
controls (see display.py); `{{ statement.decision_text|in_language }}`, the entry of a
{"de": …, "en": …} text (as statements of reasons store them) for the page's language."""

from django import template
from django.utils.translation import get_language

from freigabe.comments.display import safe_display_text

register = template.Library()


@register.filter
def display_text(value):
    return safe_display_text(value)


@register.filter
def in_language(texts):
    if not isinstance(texts, dict):
        return texts or ""
    language = (get_language() or "de")[:2]
    return texts.get(language) or texts.get("de") or ""
