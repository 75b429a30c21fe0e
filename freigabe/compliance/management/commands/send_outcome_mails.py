from django.core.management.base import BaseCommand

from freigabe.compliance.notifications import send_due_outcome_mails


class Command(BaseCommand):
    help = ("Send authors the outcome mails whose undo window has passed and that no "
            "server has sent yet (after a restart, or with FREIGABE_OUTCOME_MAIL_TIMER=0). "
            "Run every minute from cron or a systemd timer.")

    def handle(self, **options):
        sent = send_due_outcome_mails()
        self.stdout.write(f"Sent {sent} outcome mail{'s' if sent != 1 else ''}.")
