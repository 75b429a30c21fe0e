from django.core.management.base import BaseCommand

from freigabe.compliance.notifications import send_due_outcome_mails


class Command(BaseCommand):
    help = (
        "Send authors the outcome mails whose undo window has passed and that no "
        "job has sent yet: a fallback sweep (the worker sends them as jobs). Run it "
        "from cron or a systemd timer if you like; it never sends a mail twice."
    )

    def handle(self, **options):
        sent = send_due_outcome_mails()
        self.stdout.write(f"Sent {sent} outcome mail{'s' if sent != 1 else ''}.")
