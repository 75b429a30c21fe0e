import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from freigabe.assessment.model_store import MODELS_DIR, reset_cache


def default_data_dir():
    """FREIGABE_SHARED_DIR/datasets, else ../shared/datasets next to the repo (or the cwd)."""
    shared = os.environ.get("FREIGABE_SHARED_DIR")
    if shared:
        return Path(shared) / "datasets"
    candidates = [Path.cwd().parent / "shared" / "datasets"]
    base_dir = getattr(settings, "BASE_DIR", None)
    if base_dir:
        candidates.append(Path(base_dir).resolve().parent / "shared" / "datasets")
    candidates.append(Path(__file__).resolve().parents[4] / "shared" / "datasets")
    return next((path for path in candidates if path.is_dir()), candidates[0])


class Command(BaseCommand):
    help = "Train the insult and aggression models from the shared datasets; writes model, metrics and model card."

    def add_arguments(self, parser):
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=None,
            help="datasets directory (default: $FREIGABE_SHARED_DIR/datasets or ../shared/datasets)",
        )
        parser.add_argument(
            "--out", type=Path, default=MODELS_DIR, help=f"output directory (default: {MODELS_DIR})"
        )
        parser.add_argument(
            "--sample", type=int, default=None, help="train on a random subsample (quick checks)"
        )
        parser.add_argument(
            "--folds", type=int, default=5, help="cross-validation folds (1 skips evaluation)"
        )

    def handle(self, *args, **options):
        from freigabe.assessment.train import train

        data_dir = options["data_dir"] or default_data_dir()
        if not data_dir.is_dir():
            raise CommandError(
                f"dataset directory {data_dir} not found; pass --data-dir or set FREIGABE_SHARED_DIR"
            )
        metrics = train(data_dir, options["out"], sample=options["sample"], folds=options["folds"])
        reset_cache()
        for rule, figures in metrics["rules"].items():
            low, high = figures["macro_f1_ci95"]
            self.stdout.write(f"{rule}: macro-F1 {figures['macro_f1']:.3f} (95% CI {low:.3f}–{high:.3f})")
        self.stdout.write(f"model written to {options['out']}")
