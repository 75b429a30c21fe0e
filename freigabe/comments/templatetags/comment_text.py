"""`{% load comment_text %}{{ comment.body|display_text }}`: a comment without bidi controls (see display.py)."""

from django import template

from freigabe.comments.display import safe_display_text

register = template.Library()


@register.filter
def display_text(value):
    return safe_display_text(value)
