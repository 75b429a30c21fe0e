import json

from django.core.management.base import BaseCommand, CommandError

from freigabe.articles.importers import ArticleImportError, import_source
from freigabe.articles.importers.fetch import DEFAULT_TIMEOUT
from freigabe.articles.imports import import_response, save_imported_article
from freigabe.articles.models import Site


class Command(BaseCommand):
    help = (
        "Import an article from a page (HTML or plain-text dump, a file or an http(s) "
        "URL) into a site, and print what was extracted."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="File path or http(s) URL of the article page.")
        parser.add_argument("--site", required=True, help="Slug of the publisher site.")
        parser.add_argument(
            "--id", dest="article_id", help="External article id (default: derived from URL or title)."
        )
        parser.add_argument(
            "--timeout",
            type=float,
            default=DEFAULT_TIMEOUT,
            help="Seconds to wait for a URL (default %(default)s).",
        )
        parser.add_argument("--json", action="store_true", help="Print JSON.")

    def handle(self, source, site, article_id, timeout, json: bool, **options):
        found = Site.objects.filter(slug=site).first()
        if found is None:
            raise CommandError(f"Unknown site '{site}'.")
        self.stderr.write(f"Reading {source} ...")
        try:
            record = import_source(source, timeout=timeout)
            article, created = save_imported_article(found, record, article_id)
        except ArticleImportError as error:
            raise CommandError(str(error)) from None
        self.stderr.write(
            f"{'Created' if created else 'Updated'} article '{article.external_id}' on site '{found.slug}'."
        )
        result = import_response(found, article, created, record)
        if json:
            self.stdout.write(_json(result))
        else:
            self.stdout.write(_summary(result))


def _json(data):
    return json.dumps(data, ensure_ascii=False)


def _summary(result):
    lines = [
        f"{name}: {result[name]}"
        for name in (
            "article_id",
            "title",
            "published_at",
            "publisher",
            "authors",
            "agencies",
            "image_caption",
            "image_credit",
            "subheadings",
            "url",
            "language",
            "section",
        )
        if result[name] not in (None, [], "")
    ]
    lines.append(
        f"body: {len(result['body'])} characters in {result['body'].count(chr(10) * 2) + 1} paragraphs"
    )
    return "\n".join(lines)
