import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from freigabe.articles.models import Site
from freigabe.integrations.importers import READERS
from freigabe.integrations.importers.base import FormatError
from freigabe.integrations.importing import import_comments


class Command(BaseCommand):
    help = (
        "Import a site's comment history from Disqus, WordPress (WXR), Isso, Remark42 or "
        "CSV. Idempotent: comments imported before are skipped. See docs/import.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--site", required=True, help="site slug")
        parser.add_argument("--format", required=True, choices=sorted(READERS))
        parser.add_argument(
            "--base-url",
            default="",
            help="Isso keeps page paths: the address they belong to "
            "(default: the site's first allowed origin)",
        )
        parser.add_argument("--dry-run", action="store_true", help="read and count everything, write nothing")
        parser.add_argument(
            "--in-worker",
            action="store_true",
            help="queue the import as a job for `freigabe worker` and return",
        )
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        site = Site.objects.filter(slug=options["site"]).first()
        if site is None:
            raise CommandError(f"unknown site {options['site']!r}")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        if not options["base_url"] and site.allowed_origins:
            options["base_url"] = site.allowed_origins[0]
        if options["in_worker"]:
            return self._queue(site, path.resolve(), options)
        items = READERS[options["format"]](path, base_url=options["base_url"])
        try:
            report = import_comments(
                site, items, source=options["format"], dry_run=options["dry_run"], progress=self._progress
            )
        except FormatError as error:
            raise CommandError(f"{path} is not a {options['format']} export: {error}") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{path} is not UTF-8 text: {error}") from error
        except Exception as error:
            from lxml.etree import XMLSyntaxError

            if isinstance(error, XMLSyntaxError):
                raise CommandError(f"{path} is not well-formed XML: {error}") from error
            raise
        result = report.to_dict()
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        else:
            self.stdout.write(
                f"{'Would import' if options['dry_run'] else 'Imported'} "
                f"{result['comments_imported']} comments ({result['comments_skipped']} skipped), "
                f"{result['articles_created']} new and {result['articles_matched']} existing "
                f"articles; {len(result['problems'])} problems"
            )

    def _queue(self, site, path, options):
        from freigabe.integrations.importing import import_file_in_worker

        if options["dry_run"]:
            raise CommandError("--dry-run runs here and now; leave out --in-worker")
        queued = import_file_in_worker.enqueue(site.slug, str(path), options["format"], options["base_url"])
        self.stdout.write(
            json.dumps({"job": str(queued.id), "queued": True})
            if options["json"]
            else f"Import queued as job {queued.id}; `freigabe worker` runs it."
        )

    def _progress(self, message):
        self.stderr.write(f"import-comments: {message}")
        self.stderr.flush()
