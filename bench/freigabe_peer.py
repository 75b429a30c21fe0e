"""Freigabe as the benchmarks run it: `freigabe serve` on its own data directory.

Uses the test suite's process helpers, so it runs on SQLite by default and on a fresh
PostgreSQL database when DATABASE_URL is set.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.processes import Environment, Server, free_port, request  # noqa: E402, F401

SITE = "bench"
RELEASE_PENDING = """
from freigabe.comments.models import Comment
from freigabe.moderation.decisions import decide
pending = Comment.objects.filter(article__external_id={article!r}, status="pending")
for comment_id in pending.values_list("pk", flat=True):
    decide(comment_id, "release")
"""
COUNT_COMMENTS = """
from freigabe.comments.models import Comment
print(Comment.objects.filter(article__external_id={article!r}).count())
"""


class FreigabePeer:
    """A served Freigabe with one site; readers are not rate-limited, as for a benchmark."""

    def __init__(self, data_dir, workers=2):
        self.environment = Environment(data_dir, FREIGABE_RATE_COMMENTS="100000000/60")
        self.environment.run("migrate", "--verbosity", "0")
        self.api_key = self.environment.run_json("create-site", SITE, "--json")["api_key"]
        self.server = Server(self.environment, workers=workers)
        self.url = self.server.url

    def comments_url(self, article_id):
        return f"{self.url}/api/v1/sites/{SITE}/articles/{article_id}/comments"

    def put_article(self, article_id, title, body):
        status, _, answer = request(
            "PUT",
            f"{self.url}/api/v1/sites/{SITE}/articles/{article_id}",
            {"title": title, "body": body},
            {"Authorization": f"Bearer {self.api_key}"},
        )
        if status not in (200, 201):
            raise RuntimeError(f"creating the article failed: {status} {answer}")

    def post(self, article_id, body, author_name):
        status, _, answer = request(
            "POST", self.comments_url(article_id), {"body": body, "author_name": author_name}
        )
        if status != 202:
            raise RuntimeError(f"submitting a comment failed: {status} {answer}")

    def release_pending(self, article_id):
        """Release every pending comment of the article, as an editor would."""
        self.environment.run("shell", "-c", RELEASE_PENDING.format(article=article_id), timeout=600)

    def stored_count(self, article_id):
        result = self.environment.run("shell", "-c", COUNT_COMMENTS.format(article=article_id))
        return int(result.stdout.strip().splitlines()[-1])

    def public_thread(self, article_id):
        """(status, ETag, parsed thread) of the public list."""
        status, headers, thread = request("GET", self.comments_url(article_id))
        return status, headers.get("ETag"), thread

    def stop(self):
        self.server.stop()
        self.environment.close()


def installed_versions():
    """Versions of what the Freigabe side runs on, for the record."""
    from importlib.metadata import version

    return {name: version(name) for name in ("freigabe", "Django", "django-ninja", "gunicorn")}
