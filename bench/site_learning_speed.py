"""How long `learn-from-decisions` takes for a big newsroom (target: 100,000 decisions
in under 10 minutes on 2 cores).

Fills a throwaway SQLite database (through the real settings) with generated decided
comments: the words come from the shipped German articles and house-rule sets, so the
vocabulary is realistic. Rows are bulk-inserted (Comment + Decision), which is faster than
deciding them one by one and reads back the same. Then it times the real command
(reading with .iterator(), the general assessor on every comment, features, fitting,
held-back evaluation, one write) and prints its figures.

    .venv/bin/python bench/site_learning_speed.py [--decisions 100000] [--jobs 2]

--decisions is capped at 200,000 so that a typo cannot fill the disk.
"""

import argparse
import csv
import json
import os
import random
import re
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

TARGET_SECONDS = 600
MAX_DECISIONS = 200_000
REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "freigabe" / "assessment" / "data"
INSULTS = ("Idiot", "Vollpfosten", "Schwachkopf", "Dummschwätzer")
COMPETITOR = "Morgenkurier"


def setup_django(data_dir):
    os.environ["FREIGABE_DATA_DIR"] = str(data_dir)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "freigabe.settings")
    os.environ["FREIGABE_ASSESSOR_PRELOAD"] = "0"
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def vocabulary():
    """Real German words from the shipped articles and comment sets."""
    texts = [f"{a['title']} {a['body']}" for a in json.loads((DATA / "articles.json").read_text()).values()]
    for name in ("house_rules_devset.csv", "house_rules_testset.csv"):
        with open(DATA / name, encoding="utf-8", newline="") as handle:
            texts.extend(row["text"] for row in csv.DictReader(handle))
    return sorted({word for text in texts for word in re.findall(r"[A-Za-zÄÖÜäöüß]{3,}", text)})


def generated_comment(rng, words):
    """(text, reasons): 70 % released, the rest rejected for the newsroom's reasons."""
    text = " ".join(rng.choices(words, k=rng.randint(8, 40))) + "."
    roll = rng.random()
    if roll < 0.12:
        return f"{text} Im {COMPETITOR} steht das besser.", ["other"]
    if roll < 0.22:
        return f"{text} Du {rng.choice(INSULTS)}!", ["insult"]
    if roll < 0.30:
        return text, ["off_topic"]  # editors' judgement the text alone does not show
    return text, []


def fill(n_decisions, seed=7):
    from django.utils import timezone

    from freigabe.articles.services import create_site, upsert_article
    from freigabe.comments.models import Comment, Status
    from freigabe.moderation.models import Action, Decision

    rng = random.Random(seed)
    words = vocabulary()
    site, _ = create_site("gross", name="Große Zeitung")
    article, _ = upsert_article(
        site,
        "a-1",
        title="Stadtrat beschließt Haushalt",
        body="Der Stadtrat hat den Haushalt für das kommende Jahr beschlossen.",
        url="https://gross.example/haushalt",
    )
    now = timezone.now()
    for start in range(0, n_decisions, 5000):
        batch = [generated_comment(rng, words) for _ in range(min(5000, n_decisions - start))]
        comments = Comment.objects.bulk_create(
            [
                Comment(
                    article=article,
                    body=text,
                    author_name="Leser",
                    author_token_hash="x",
                    status=Status.REJECTED if reasons else Status.RELEASED,
                    decided_at=now,
                )
                for text, reasons in batch
            ]
        )
        Decision.objects.bulk_create(
            [
                Decision(
                    comment=comment,
                    action=Action.REJECT if reasons else Action.RELEASE,
                    from_status=Status.PENDING,
                    to_status=comment.status,
                    reasons=reasons,
                )
                for comment, (_, reasons) in zip(comments, batch)
            ]
        )
        print(f"  {start + len(batch)} decisions stored", file=sys.stderr, flush=True)
    return site


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--decisions", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, default=2)
    options = parser.parse_args()
    n_decisions = max(100, min(options.decisions, MAX_DECISIONS))

    with tempfile.TemporaryDirectory(prefix="site-learning-") as data_dir:
        setup_django(data_dir)
        from django.core.management import call_command

        fill(n_decisions)
        out = StringIO()
        started = time.monotonic()
        call_command(
            "learn_from_decisions", "--site", "gross", "--jobs", str(options.jobs), "--json", stdout=out
        )
        seconds = time.monotonic() - started
    summary = json.loads(out.getvalue())
    print(
        json.dumps(
            {
                "decisions": n_decisions,
                "jobs": options.jobs,
                "cpus": os.cpu_count(),
                "seconds": round(seconds, 1),
                "target_seconds": TARGET_SECONDS,
                "within_target": seconds < TARGET_SECONDS * n_decisions / 100_000,
                "n_train": summary["n_train"],
                "n_test": summary["n_test"],
                "labels": summary["labels"],
                "macro_f1_new": summary["macro_f1_new"],
                "macro_f1_current": summary["macro_f1_current"],
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
