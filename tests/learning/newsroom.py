"""Generated comments of a newsroom that never publishes plugs for its competitor.

Ordinary comments about the article are released; any comment that mentions the
"Morgenkurier" is rejected (reason "other"). The general assessor has no reason to
object to those comments, so only a site model can learn this standard.
"""

import csv
import random

OPENERS = (
    "Ich finde",
    "Meiner Meinung nach ist",
    "Ehrlich gesagt ist",
    "Aus meiner Sicht ist",
    "Für mich ist",
    "Wie ich das sehe, ist",
)
TOPICS = (
    "die neuen Radwege",
    "der Wegfall der Parkplätze",
    "die Entscheidung des Stadtrats zu den Radwegen",
    "der Umbau der Lindenallee",
    "der Radweg in der Innenstadt",
    "das Ende der Parkplätze an der Lindenallee",
    "der Beschluss zu den Radwegen",
    "die Radwegplanung für die Innenstadt",
)
VERDICTS = (
    "eine gute Idee",
    "überfällig",
    "zu teuer",
    "schlecht geplant",
    "ein Gewinn für alle",
    "ein Ärgernis für die Händler",
    "nicht zu Ende gedacht",
    "vernünftig",
)
EXTRAS = (
    "",
    " Mal sehen, wie es im Sommer wird.",
    " Die Kinder kommen dann sicherer zur Schule.",
    " Der Stadtrat sollte die Anwohner fragen.",
    " Hoffentlich wird es schnell fertig.",
    " Am Wochenende schaue ich mir das an.",
)
COMPETITOR = (
    "Im Morgenkurier stand das schon gestern.",
    "Der Morgenkurier hat dazu besser berichtet.",
    "Lest lieber den Morgenkurier.",
    "Beim Morgenkurier gibt es die ganze Geschichte.",
    "Der Morgenkurier war da schneller.",
    "Der Morgenkurier hat die Pläne schon abgedruckt.",
)


def ordinary_comment(rng):
    return f"{rng.choice(OPENERS)} {rng.choice(TOPICS)} {rng.choice(VERDICTS)}.{rng.choice(EXTRAS)}"


def competitor_comment(rng):
    return f"{ordinary_comment(rng)} {rng.choice(COMPETITOR)}"


def newsroom_comments(count, seed=7, competitor_share=0.25):
    """[(text, rejected)] in the order the editors decided them."""
    rng = random.Random(seed)
    rows = []
    for _ in range(count):
        if rng.random() < competitor_share:
            rows.append((competitor_comment(rng), True))
        else:
            rows.append((ordinary_comment(rng), False))
    return rows


def write_csv(path, rows, header=("text", "label"), time_from=None):
    """Rows (text, rejected) as a CSV; with `time_from` (a datetime) one row per minute."""
    from datetime import timedelta

    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header + (("decided_at",) if time_from else ()))
        for index, (text, rejected) in enumerate(rows):
            row = [text, "1" if rejected else "0"]
            if time_from:
                row.append((time_from + timedelta(minutes=index)).isoformat())
            writer.writerow(row)
    return path
