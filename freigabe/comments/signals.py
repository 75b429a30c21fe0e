"""Signals other apps listen to, so `comments` need not know them."""

from django.dispatch import Signal

# A new comment's author asked to be mailed about replies (kwargs: comment, language).
reply_mails_requested = Signal()
# A new comment's author asked for one mail about the outcome (kwargs: comment, language).
outcome_mail_requested = Signal()
