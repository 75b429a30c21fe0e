"""A fixed corpus for the assessor's speed test and its output snapshot.

Deterministic (seeded): the house-rules dev and test sets with their articles, plus
generated comments of 20–1,000 characters mixing plain opinions, replies, insults,
obfuscations, links, e-mail addresses, phone numbers and spam.

    python -m tests.assessment.corpus   # rewrite data/score_snapshot.json (only on purpose!)
"""

import csv
import json
import random
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "freigabe" / "assessment" / "data"
SNAPSHOT = Path(__file__).resolve().parent / "data" / "score_snapshot.json"

ARTICLE = (
    "Stadtrat beschließt Verlängerung der Straßenbahnlinie bis Neuwiesen\n\n"
    "Der Stadtrat hat mit 31 zu 18 Stimmen beschlossen, die Straßenbahnlinie um 3,2 Kilometer zu verlängern. "
    "Die Kosten werden auf 84 Millionen Euro geschätzt, der Bund übernimmt rund 75 Prozent. Für die Trasse "
    "müssten 140 Bäume gefällt werden; die Opposition fordert eine Busvariante. Anwohner befürchten Lärm "
    "während der dreijährigen Bauzeit. Die Verkehrsbetriebe planen im Herbst eine Bürgerversammlung. "
) * 4
# Everyday comments (also what bench/assess_speed.py times), then the harsh cases.
EVERYDAY_PIECES = [
    "Die Verlängerung der Straßenbahn ist überfällig, die Busse sind morgens völlig überfüllt.",
    "84 Millionen Euro für 3,2 Kilometer halte ich für zu teuer, die Busvariante wäre günstiger.",
    "Warum müssen 140 Bäume gefällt werden? Gibt es keine andere Trasse?",
    "Du bist doch ein Vollidiot, wenn du das glaubst.",
    "Gekaufte Lügenpresse, die wollen doch nur ablenken. Zufall? Wohl kaum.",
    "Jetzt kaufen bei www.billig-uhren-shop.de mit 50 % Rabatt, klick hier!",
    "Quelle: https://www.destatis.de/DE/Themen/Branchen-Unternehmen/Transport-Verkehr/",
    "Ich wohne an der Strecke und freue mich trotz Baulärm auf die neue Haltestelle.",
    "Mein Hund hat heute im Garten einen Maulwurf gefangen.",
    "Die Oberbürgermeisterin sollte die Anwohner früher beteiligen, das schafft Vertrauen.",
    "Sehe ich genauso.",
    "Diese Id1oten im Rat haben keine Ahnung von Verkehr!!!",
]
PIECES = EVERYDAY_PIECES + [
    "Du bist ein A r s c h l o c h und ein D.u.m.m.k.o.p.f, Idiooooot!",
    "Иdiot\u200b! Scheißregierung und Drecksblatt, verpisst euch.",
    "Die gehören alle an die Wand gestellt, dieses Pack. Raus mit dem Gesindel!",
    "Schreib mir auf WhatsApp +49 170 1234567 oder an info@billig-shop.example, Nebenverdienst 500 Euro pro Woche!",
    "Besucht meinen Shop: shop[punkt]de oder hxxp://gratis-geld.xyz – jetzt kostenlos testen.",
    "Mit Bitcoin-Trading habe ich 3.000 € im Monat verdient, Link in der Bio: bit.ly/abc123",
    "Die Medien verschweigen das natürlich, wem nützt es? Das wird man ja noch sagen dürfen.",
    "Ruf an: 0171 2345678, E-Mail max punkt mustermann at web punkt de",
    "DAS IST DOCH ALLES GELOGEN UND INSZENIERT, WACHT ENDLICH AUF!!!",
    "Laut tagesschau.de und www.bundestag.de wurde das so beschlossen; siehe auch z.B. Nr.4 der Vorlage.",
    "Hoffentlich verreckt ihr alle, ihr Schmarotzer und Sozialschmarotzer.",
    "Ein Reparaturcafé in der Bücherei fände ich schön, Öffnungszeiten bis 20 Uhr wären großartig.",
]


def generated(count=300, seed=11):
    """[(text, article, parent)] of realistic lengths, every fourth one a reply."""
    rng = random.Random(seed)
    comments = []
    for index in range(count):
        target = rng.choice([20, 40, 120, 300, 600, 1000])
        text = rng.choice(PIECES)
        while len(text) < target:
            text += rng.choice([" ", "\n", "  "]) + rng.choice(PIECES)
        text = text[:1000]
        parent = comments[-1][0] if comments and index % 4 == 0 else None
        article = None if index % 10 == 9 else ARTICLE
        comments.append((text, article, parent))
    return comments


def labelled():
    """[(text, article, parent)] from the house-rules dev and test sets."""
    raw = json.loads((DATA / "articles.json").read_text(encoding="utf-8"))
    articles = {
        key: f"{value.get('title', '')}\n\n{value.get('body', '')}".strip() for key, value in raw.items()
    }
    rows = []
    for name in ("house_rules_devset.csv", "house_rules_testset.csv"):
        with open(DATA / name, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                rows.append(
                    (row["text"], articles.get(row.get("article_id") or ""), row.get("parent") or None)
                )
    return rows


def corpus():
    return labelled() + generated()


def outputs(assess, items=None):
    """[assessment as plain data with unrounded scores] for each corpus item."""
    results = []
    for text, article, parent in items if items is not None else corpus():
        assessment = assess(text, article=article, parent=parent)
        results.append(
            {
                "model_version": assessment.model_version,
                "decision": assessment.decision,
                "rules": {
                    code: {"score": float(rule.score), "evidence": [item.to_dict() for item in rule.evidence]}
                    for code, rule in assessment.rules.items()
                },
            }
        )
    return results


if __name__ == "__main__":
    from freigabe.assessment import assess

    SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
    SNAPSHOT.write_text(json.dumps(outputs(assess), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {SNAPSHOT}")
