import json

from django.core.management.base import BaseCommand, CommandError

from freigabe.accounts.services import UserExists, create_moderator


class Command(BaseCommand):
    help = "Create an editor account (optionally a senior editor, optionally with an API token)."

    def add_arguments(self, parser):
        parser.add_argument("user")
        parser.add_argument("--password", help="Generated and printed when omitted.")
        parser.add_argument(
            "--senior", action="store_true", help="Senior editor: may also decide appeals and ban authors."
        )
        parser.add_argument("--token", action="store_true", help="Issue an API token.")
        parser.add_argument("--json", action="store_true", help="Print JSON.")

    def handle(self, user, password, senior, token, **options):
        try:
            account, password_used, api_token = create_moderator(
                user, password=password, senior=senior, with_token=token
            )
        except UserExists as exc:
            raise CommandError(str(exc)) from None
        result = {"user": account.username}
        if token:
            result["token"] = api_token
        if not password:
            result["password"] = password_used
        if options["json"]:
            self.stdout.write(json.dumps(result))
            return
        self.stdout.write(f"Editor '{account.username}' created.")
        if not password:
            self.stdout.write(f"Password (shown only once): {password_used}")
        if token:
            self.stdout.write(f"API token (shown only once): {api_token}")
