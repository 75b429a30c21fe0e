import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from freigabe.assessment import assess


class Command(BaseCommand):
    help = "Assess one comment against the house rules (the assessor's JSON with --json)."

    def add_arguments(self, parser):
        parser.add_argument("text", help="the comment text")
        parser.add_argument(
            "--article", metavar="FILE", help="a text file with the article (title, blank line, body)"
        )
        parser.add_argument("--parent", metavar="TEXT", help="the text of the comment this one replies to")
        parser.add_argument("--json", action="store_true", help="print the assessment as JSON")

    def handle(self, *args, **options):
        article = _read_article(options["article"])
        result = assess(options["text"], article=article, parent=options["parent"]).to_dict()
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"Vorschlag: {result['decision']}   ({result['model_version']})")
        for code, rule in result["rules"].items():
            self.stdout.write(f"  {code:<12} {rule['score']:.2f}")
            for item in rule["evidence"]:
                self.stdout.write(
                    f"      „{item['text'][:60]}“ [{item['start']}:{item['end']}] {item['why']}"
                )


def _read_article(path):
    if not path:
        return None
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise CommandError(f"cannot read article {path}: {error}") from error
