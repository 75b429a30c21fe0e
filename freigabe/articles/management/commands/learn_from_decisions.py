import json
import time

from django.core.management.base import BaseCommand, CommandError

from freigabe.articles.models import Site
from freigabe.articles.rules import REASON_CODES
from freigabe.articles.site_models import active_scorer, save_version, site_assessor_settings
from freigabe.articles.site_training import decided_examples
from freigabe.assessment.site_learning import (
    DEFAULT_TARGET_PRECISION,
    ImportFileError,
    LearningError,
    learn,
    read_import,
)

ACTIVATION = ("auto", "force", "no")


class Command(BaseCommand):
    help = (
        "Train the site's own assessor model from its editors' decisions (and imported "
        "history), measure it on the most recent decisions and store it as a new version."
    )

    def add_arguments(self, parser):
        parser.add_argument("--site", required=True, help="site slug")
        parser.add_argument(
            "--import",
            dest="import_path",
            metavar="CSV",
            help="historical moderated comments of the newsroom (UTF-8 CSV with a header)",
        )
        parser.add_argument("--text-column", default="text")
        parser.add_argument("--label-column", default="label")
        parser.add_argument("--positive", default="1", help="label value meaning 'rejected'")
        parser.add_argument("--negative", default="0", help="label value meaning 'released'")
        parser.add_argument(
            "--time-column",
            default=None,
            help="ISO 8601 time of the decision; orders the import among the decisions",
        )
        parser.add_argument(
            "--activate",
            choices=ACTIVATION,
            default="auto",
            help="auto: only if it beats the current model and the plain reference on the held-back slice",
        )
        parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        self._started = time.monotonic()
        site = Site.objects.filter(slug=options["site"]).first()
        if site is None:
            raise CommandError(f"unknown site {options['site']!r}")
        imported, skipped = self._read_import(options)
        examples = imported + decided_examples(site, progress=self._progress)
        settings = site_assessor_settings(site)
        try:
            result = learn(
                examples,
                current=active_scorer(site),
                site_policy=settings,
                target_precision=_target_precision(settings),
                progress=self._progress,
                jobs=options["jobs"],
            )
        except LearningError as error:
            raise CommandError(f"{site.slug}: {error}") from error
        activate = _should_activate(options["activate"], result)
        stored = save_version(site, result.scorer, result, activate)
        self._progress(f"stored {stored.label}" + (" (active)" if activate else " (not activated)"))
        self._report(
            options,
            {
                "site": site.slug,
                "version": stored.version,
                "model_version": stored.label,
                "n_train": result.n_train,
                "n_test": result.n_test,
                "macro_f1_new": round(result.macro_f1_new, 4),
                "macro_f1_current": round(result.macro_f1_current, 4),
                "macro_f1_reference": _rounded(result.macro_f1_reference),
                "auc_new": _rounded(result.auc_new),
                "auc_reference": _rounded(result.auc_reference),
                "auc_current": _rounded(result.metrics["current"].get("roc_auc")),
                "new_minus_current_ci95": result.metrics.get("new_minus_current_ci95"),
                "new_minus_reference_ci95": result.metrics.get("new_minus_reference_ci95"),
                "config": result.metrics.get("config"),
                "activated": activate,
                "thresholds": stored.thresholds,
                "labels": result.metrics["labels"],
                "imported": len(imported),
                "skipped": skipped,
                "seconds": result.metrics["seconds"],
            },
        )

    def _read_import(self, options):
        if not options["import_path"]:
            return [], []
        try:
            imported, skipped = read_import(
                options["import_path"],
                options["text_column"],
                options["label_column"],
                positive=options["positive"],
                negative=options["negative"],
                time_column=options["time_column"],
                reason_codes=REASON_CODES,
            )
        except (OSError, ImportFileError) as error:
            raise CommandError(f"cannot import {options['import_path']}: {error}") from error
        for row in skipped:
            self.stderr.write(f"import row {row['row']} skipped: {row['reason']}")
        self._progress(f"imported {len(imported)} rows, skipped {len(skipped)}")
        return imported, skipped

    def _progress(self, message):
        elapsed = time.monotonic() - self._started
        self.stderr.write(f"learn-from-decisions [{elapsed:6.1f} s] {message}")

    def _report(self, options, summary):
        if options["json"]:
            self.stdout.write(json.dumps(summary, ensure_ascii=False))
            return
        self.stdout.write(
            f"{summary['model_version']}: macro-F1 {summary['macro_f1_new']:.3f} "
            f"(current {summary['macro_f1_current']:.3f}, reference {summary['macro_f1_reference']:.3f}) "
            f"on {summary['n_test']} recent decisions; "
            + ("activated" if summary["activated"] else "not activated")
        )


def _target_precision(settings):
    try:
        value = float(settings.get("target_precision", DEFAULT_TARGET_PRECISION))
    except (TypeError, ValueError):
        raise CommandError("assessor_settings.target_precision must be a number") from None
    if not 0 < value <= 1:
        raise CommandError("assessor_settings.target_precision must be between 0 and 1")
    return value


def _should_activate(mode, result):
    if mode == "force":
        return True
    if mode == "no":
        return False
    # Beating the running model is not enough: it must not lose to the plain reference.
    return result.should_activate


def _rounded(value):
    return None if value is None else round(value, 4)
