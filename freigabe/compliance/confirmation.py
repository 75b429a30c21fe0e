"""Confirming an address (the double opt-in's link) sends what waited for it.

Outcome mails (notifications.py) and reply mails (reply_mails.py) both wait for a confirmed
address; this sits above both, so neither needs to know the other.
"""

from django.utils import timezone

from freigabe.compliance.notifications import address_for_confirmation, send_missed_outcomes
from freigabe.compliance.reply_mails import deliver_after_confirmation


def confirm_email(token):
    """Mark the linked address as confirmed and send what it missed; None if the link is bad."""
    address = address_for_confirmation(token)
    if address is not None and not address.confirmed:
        address.confirmed_at = timezone.now()
        address.save(update_fields=["confirmed_at"])
        send_missed_outcomes(address.email)
        deliver_after_confirmation(address.email)
    return address
