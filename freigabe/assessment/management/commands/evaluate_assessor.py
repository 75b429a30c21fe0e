import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from freigabe.assessment.evaluate import FORMATS, EvaluationError, evaluate
from freigabe.assessment.result import RULE_CODES


class Command(BaseCommand):
    help = "Score the assessor on a labelled file (germeval2018 TSV or CSV)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--format", choices=FORMATS, default="csv")
        parser.add_argument("--text-column", default="text")
        parser.add_argument("--label-column", default="label")
        parser.add_argument("--positive", default="1", help="label value that means 'breaks the rule'")
        parser.add_argument("--rule", default="any", choices=(*RULE_CODES, "any"))
        parser.add_argument(
            "--articles", default=None, help="JSON {article_id: {title, body}} for an article_id column"
        )
        parser.add_argument("--threshold", type=float, default=0.5)
        parser.add_argument("--site", default=None, help="site slug: combine with that site's active model")
        parser.add_argument("--limit", type=int, default=None, help="only the first N rows")
        parser.add_argument(
            "--reference",
            action="store_true",
            help="also train the plain reference on the model's training data and score it",
        )
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=None,
            help="datasets for --reference (default: as train-assessor)",
        )
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        scorer, site_policy = _site_model(options["site"])
        if options["site"] and site_policy is None:
            # Still evaluated (scripts passed --site before sites had models), but said.
            self.stderr.write(
                f"No site with the slug {options['site']!r}: evaluating the general "
                "assessor without a site model or site settings."
            )
        reference = self._reference_data(options) if options["reference"] else None
        try:
            report = evaluate(
                options["path"],
                options["format"],
                rule=options["rule"],
                text_column=options["text_column"],
                label_column=options["label_column"],
                positive=options["positive"],
                threshold=options["threshold"],
                articles=options["articles"],
                site_policy=site_policy,
                limit=options["limit"],
                scorer=scorer,
                reference=reference,
                progress=self.stderr.write,
            )
        except (OSError, EvaluationError) as error:
            raise CommandError(str(error)) from error
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
            return
        self.stdout.write(_summary_line(f"{report['rule']}: n={report['n']}", report))
        if "reference" in report:
            self.stdout.write(_summary_line("reference:", report["reference"]))

    def _reference_data(self, options):
        from freigabe.assessment.management.commands.train_assessor import default_data_dir

        data_dir = options["data_dir"] or default_data_dir()
        if not data_dir.is_dir():
            raise CommandError(
                f"dataset directory {data_dir} not found; pass --data-dir or set FREIGABE_SHARED_DIR"
            )
        return data_dir


def _summary_line(label, report):
    low, high = report["macro_f1_ci95"]
    auc = report.get("roc_auc")
    return (
        f"{label} macro-F1 {report['macro_f1']:.3f} (95% CI {low:.3f}–{high:.3f}) "
        f"precision {report['precision']:.3f} recall {report['recall']:.3f} "
        f"ROC AUC {'n/a' if auc is None else f'{auc:.3f}'} top-20% share "
        f"{'n/a' if report.get('top20_share') is None else format(report['top20_share'], '.3f')} "
        f"Brier {report['calibration']['brier']:.3f}"
    )


def _site_model(slug):
    """(the site's active model or None, its assessor settings) for --site."""
    if not slug:
        return None, None
    from freigabe.articles.models import Site
    from freigabe.articles.site_models import active_scorer, site_assessor_settings

    site = Site.objects.filter(slug=slug).first()
    if site is None:
        # Accepted without a site before site models existed; keep that working.
        return None, None
    return active_scorer(site), site_assessor_settings(site)
