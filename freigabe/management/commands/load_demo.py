from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from freigabe.accounts.roles import SITE_ADMIN, ensure_roles
from freigabe.accounts.services import create_moderator
from freigabe.articles.models import Site
from freigabe.articles.services import create_site, upsert_article
from freigabe.comments.services import submit_comment
from freigabe.moderation.decisions import decide

DEMO_SITE = "demo"
DEMO_ARTICLE = "radwege-innenstadt"
DEMO_EDITOR = "redaktion"
# A senior editor who also administers the site, so every page of the demo can be tried
# (appeals, bans, audit log, operations, site settings).
DEMO_SENIOR_EDITOR = "chefredaktion"
ARTICLE_FILE = Path(__file__).resolve().parents[2] / "fixtures" / "demo_article.txt"
DEMO_ORIGINS = ["http://127.0.0.1:8000", "http://localhost:8000"]

# (author, text, what the editors did: None = still pending)
DEMO_COMMENTS = [
    (
        "Jonas K.",
        "Endlich! Ich fahre jeden Tag über die Lindenallee zur Arbeit und fühle "
        "mich dort zwischen parkenden Autos und Lieferwagen nicht sicher.",
        "release",
    ),
    (
        "Petra M.",
        "230 Parkplätze weniger ist für die Geschäfte am Marktring ein echtes "
        "Problem. Wie soll das Shuttle aus den Quartiersgaragen das auffangen?",
        "release",
    ),
    ("Heinz", "Die im Stadtrat sind doch alle von der Fahrradlobby gekauft, das weiß doch jeder.", "reject"),
    ("Sabine R.", "Gibt es schon einen Zeitplan, wann die anderen drei Straßen umgebaut werden?", None),
    ("Profi-Deals", "Günstige Fahrräder nur heute: www . rad-deals24 . de – 50 % Rabatt!", None),
    ("Anna", "Wer hat eigentlich gestern das Spiel gesehen? Was für ein Tor in der Nachspielzeit!", None),
]


class Command(BaseCommand):
    help = (
        "Load the demo site, a German demo article, comments in every status, an editor and a senior editor."
    )

    def handle(self, **options):
        if Site.objects.filter(slug=DEMO_SITE).exists():
            self.stdout.write(
                f"Demo data is already loaded (users '{DEMO_EDITOR}' and '{DEMO_SENIOR_EDITOR}')."
            )
            self.stdout.write(self.RESET_HINT)
            return
        with transaction.atomic():
            site, api_key = create_site(DEMO_SITE, name="Demo-Zeitung", origins=DEMO_ORIGINS)
            article = self._article(site)
            editor, password, _ = create_moderator(DEMO_EDITOR)
            senior, senior_password, _ = create_moderator(DEMO_SENIOR_EDITOR, senior=True)
            senior.groups.add(ensure_roles()[SITE_ADMIN])
            self._comments(article, editor)
        self.stdout.write(f"Demo site '{DEMO_SITE}' API key (shown only once): {api_key}")
        self.stdout.write(f"Moderator '{DEMO_EDITOR}' password (shown only once): {password}")
        self.stdout.write(
            f"Senior editor and administrator '{DEMO_SENIOR_EDITOR}' (every page) password "
            f"(shown only once): {senior_password}"
        )
        self.stdout.write(self.RESET_HINT)

    RESET_HINT = (
        "Lost a password? Set a new one with `freigabe changepassword USER` "
        "(here: .venv/bin/freigabe changepassword redaktion)."
    )

    def _article(self, site):
        title, _, body = ARTICLE_FILE.read_text(encoding="utf-8").partition("\n\n")
        article, _ = upsert_article(
            site,
            DEMO_ARTICLE,
            title=title.strip(),
            body=body.strip(),
            url="http://127.0.0.1:8000/widget/demo/",
            published_at=timezone.now(),
        )
        return article

    def _comments(self, article, editor):
        released = []
        for author, text, action in DEMO_COMMENTS:
            comment = submit_comment(article, body=text, author_name=author).comment
            if action == "release":
                decide(comment.pk, "release", actor=editor)
                released.append(comment)
            elif action == "reject":
                decide(comment.pk, "reject", actor=editor, reasons=["insinuation"])
        reply = submit_comment(
            article,
            body="Das Shuttle soll laut Artikel alle zehn Minuten fahren, das finde ich ordentlich.",
            author_name="Jonas K.",
            parent_id=released[1].pk,
        ).comment
        decide(reply.pk, "release", actor=editor)
        removed = submit_comment(
            article,
            body="Radfahrer halten sich sowieso an keine Regel, die Lindenallee wird ein Chaos.",
            author_name="Gerd",
        ).comment
        decide(removed.pk, "release", actor=editor)
        decide(
            removed.pk,
            "remove",
            actor=editor,
            reasons=["other"],
            note="Nach Leserhinweis entfernt: pauschale Behauptung ohne Bezug.",
        )
