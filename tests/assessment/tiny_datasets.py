"""A miniature copy of ../shared/datasets' layout, with sentences written for the tests.

Enough rows for the training code and the reference to fit something in a second.
"""

import csv
from pathlib import Path

INSULTS = (
    "Du bist ein Idiot",
    "Was für ein Vollpfosten",
    "Halt die Klappe, du Depp",
    "Du dummer Trottel",
    "So ein Schwachkopf",
    "Du Idiot, hau ab",
    "Dieser Depp redet Unsinn",
    "Du bist so ein Trottel",
)
NEUTRAL = (
    "Das Wetter ist heute schön",
    "Die Sitzung beginnt um neun",
    "Der Zug kommt pünktlich an",
    "Morgen gibt es Regen",
    "Das Museum öffnet wieder",
    "Der Markt ist am Samstag",
    "Die Bibliothek hat neue Bücher",
    "Der Bus fährt jede Stunde",
)
HATE = (
    "Die gehören alle rausgeworfen, dieses Pack",
    "Solches Gesindel muss weg",
    "Das Pack soll verschwinden",
    "Diese Schmarotzer gehören vertrieben",
)


def write_tiny_datasets(root):
    root = Path(root)
    (root / "germeval2018").mkdir(parents=True, exist_ok=True)
    (root / "gahd").mkdir(exist_ok=True)
    (root / "iwg-hatespeech-refugees").mkdir(exist_ok=True)
    lines = []
    for i in range(3):
        lines += [f"{text} Nummer {i}\tOFFENSE\tINSULT" for text in INSULTS]
        lines += [f"{text} Nummer {i}\tOTHER\tOTHER" for text in NEUTRAL]
        lines += [f"{text} Nummer {i}\tOFFENSE\tABUSE" for text in HATE]
    (root / "germeval2018" / "germeval2018.training.txt").write_text(
        "\n".join(lines) + "\n", encoding="utf-8"
    )
    with open(root / "gahd" / "gahd_disaggregated.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["gahd_id", "text", "label", "split", "source"])
        for i in range(3):
            for j, text in enumerate(HATE):
                writer.writerow([f"h{i}{j}", f"{text}, sagt er {i}", 1, "train" if i else "dev", "dynabench"])
            for j, text in enumerate(NEUTRAL):
                writer.writerow([f"n{i}{j}", f"{text}, sagt sie {i}", 0, "train" if i else "dev", "news"])
    with open(
        root / "iwg-hatespeech-refugees" / "german hatespeech refugees.csv", "w", encoding="utf-8", newline=""
    ) as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "Tweet",
                "HatespeechOrNot (Expert 1)",
                "HatespeechOrNot (Expert 2)",
                "Hatespeech Rating (Expert 2)",
            ]
        )
        writer.writerow(["Das Pack muss raus", "YES", "YES", "5"])
        writer.writerow(["Heute scheint die Sonne", "NO", "NO", "1"])
    return root
